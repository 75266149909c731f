package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.HpcSystem;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.WorkspaceNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * HPC accounts are per person: {@code users} gives members of the projects a system lists their own
 * accounts, each person once and each account to one person; a shared account
 * ({@code credentials.shared}) is the explicit opt-in and leaves no room for {@code users}. Each
 * member's key becomes a Secret named after their JupyterHub user name as KubeSpawner escapes it,
 * and that name must be one Kubernetes takes. (Members without an account are allowed: they get no
 * HPC credentials, and every goal warns about them: {@code plan.Notices}.)
 */
final class HpcRules implements SemanticRule {

  /** Kubernetes' name of a Secret or ConfigMap: a DNS-1123 subdomain. */
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final int MAX_NAME_LENGTH = 253;

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    // every project's members, by JupyterHub user name, with the projects that list them
    Map<String, Set<String>> projectsOf = new HashMap<>();
    for (Project project : platform.projects()) {
      project.members().forEach(m -> projectsOf.computeIfAbsent(WorkspaceNames.username(m), u -> new TreeSet<>()).add(project.name()));
    }
    for (int k = 0; k < platform.hpc().size(); k++) {
      HpcSystem system = platform.hpc().get(k);
      String at = Pointers.hpc(k);
      if (system.shared().isPresent() && !system.accounts().isEmpty()) {
        problems.add(
            at + "/users",
            "HPC system '" + system.name() + "' shares one account (credentials.shared), so no member would get the account"
                + " users gives them",
            Hints.either(List.of("remove users to keep the shared account", "remove credentials.shared to give each member their own")));
      }
      accounts(system, at, projectsOf, sources, problems);
    }
  }

  private static void accounts(
      HpcSystem system, String at, Map<String, Set<String>> projectsOf, SourceMap sources, Problems problems) {
    Map<String, String> firstMember = new HashMap<>();
    Map<String, HpcSystem.Account> firstUser = new HashMap<>();
    Set<String> members = new TreeSet<>(); // of the projects the system lists
    projectsOf.forEach((member, projects) -> {
      if (projects.stream().anyMatch(system.projects()::contains)) {
        members.add(member);
      }
    });
    for (HpcSystem.Account account : system.accounts()) {
      String pointer = at + "/users/" + Pointers.escape(account.member());
      String username = WorkspaceNames.username(account.member());
      String earlierMember = firstMember.putIfAbsent(username, pointer);
      if (earlierMember != null) {
        problems.add(
            pointer,
            Hints.quote(account.member()) + " is listed twice (first at " + sources.locate(earlierMember) + "): JupyterHub and the"
                + " identity provider compare addresses ignoring case",
            "list each person once");
        continue;
      }
      if (!members.contains(username)) {
        notAMember(system, account, pointer, members, projectsOf.getOrDefault(username, Set.of()), problems);
      }
      HpcSystem.Account earlierUser = firstUser.putIfAbsent(account.user(), account);
      if (earlierUser != null) {
        problems.add(
            pointer,
            "user name '" + account.user() + "' is already the account of " + Hints.quote(earlierUser.member()) + " (at "
                + sources.locate(at + "/users/" + Pointers.escape(earlierUser.member())) + "); an account on HPC system '"
                + system.name() + "' belongs to one person",
            "give each member their own account, or opt into one shared account with credentials.shared");
      }
      secretName(system, account, pointer, problems);
    }
  }

  private static void notAMember(
      HpcSystem system, HpcSystem.Account account, String pointer, Set<String> members, Set<String> elsewhere, Problems problems) {
    String hint;
    if (!elsewhere.isEmpty()) {
      hint = "add " + Hints.list(elsewhere) + " to its projects, or remove the account";
    } else {
      hint = Hints.didYouMean(WorkspaceNames.username(account.member()), members, "the members of its projects are",
          "list the person in a project's users or admins first");
    }
    problems.add(
        pointer,
        Hints.quote(account.member()) + " is not a member of a project that HPC system '" + system.name() + "' lists ("
            + (system.projects().isEmpty() ? "none" : Hints.list(system.projects())) + ")",
        hint);
  }

  /** The member's Secret is a Kubernetes name: at most 253 characters, each dot-separated part starting with a letter or digit. */
  private static void secretName(HpcSystem system, HpcSystem.Account account, String pointer, Problems problems) {
    String name = system.secretName(account);
    if (name.length() <= MAX_NAME_LENGTH && SUBDOMAIN.matcher(name).matches()) {
      return;
    }
    int excess = name.length() - MAX_NAME_LENGTH;
    String hint;
    if (excess <= 0) {
      hint = "per-person HPC credentials need an address that starts with a letter or digit";
    } else if (excess < system.name().length()) {
      hint = "shorten the name of the HPC system by at least " + excess + " characters";
    } else {
      hint = "the address is too long for a Secret of its own: per-person HPC credentials need a shorter one";
    }
    problems.add(
        pointer,
        "the key of " + Hints.quote(account.member()) + " would be the Secret '" + name + "', named after their JupyterHub"
            + " user name as KubeSpawner escapes it, and that is not a Kubernetes name ("
            + (excess > 0 ? name.length() + " characters, at most " + MAX_NAME_LENGTH : "after the '.' it starts with '-'") + ")",
        hint);
  }
}
