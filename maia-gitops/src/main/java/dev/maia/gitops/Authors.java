package dev.maia.gitops;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Who commits to the GitOps branch: {@code maia.git.author} when set, else the user a CI system
 * names in its environment (GitLab, GitHub), else a fixed identity. Never the machine's user name
 * or host name, so the commit does not depend on where it was made.
 */
public final class Authors {

  /** The identity used when nothing else names one. */
  public static final String DEFAULT = "maia-maven-plugin <maia@localhost>";

  private static final Pattern NAME_EMAIL = Pattern.compile("^\\s*([^<>]+?)\\s*<([^<>\\s]+)>\\s*$");

  private Authors() {}

  /**
   * The author for {@code configured} ({@code Name <email>}, may be null) and the environment.
   *
   * @throws IllegalArgumentException when {@code configured} is not of the form {@code Name <email>}
   */
  public static PersonIdent resolve(String configured, Map<String, String> environment) {
    if (configured != null && !configured.isBlank()) {
      return parse(configured);
    }
    String gitlabName = environment.get("GITLAB_USER_NAME");
    String gitlabEmail = environment.get("GITLAB_USER_EMAIL");
    if (present(gitlabName) && present(gitlabEmail)) {
      return new PersonIdent(gitlabName, gitlabEmail);
    }
    String actor = environment.get("GITHUB_ACTOR");
    if (present(actor)) {
      String id = environment.get("GITHUB_ACTOR_ID");
      String login = present(id) ? id + "+" + actor : actor;
      return new PersonIdent(actor, login + "@users.noreply.github.com");
    }
    return parse(DEFAULT);
  }

  static PersonIdent parse(String nameAndEmail) {
    Matcher m = NAME_EMAIL.matcher(nameAndEmail);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + nameAndEmail + "' is not an author; write it like Jane Doe <jane@example.org>");
    }
    return new PersonIdent(m.group(1), m.group(2));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
