package dev.maia.core.plan;

import dev.maia.core.model.HpcSystem;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.WorkspaceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warnings about a valid platform: choices that are allowed but change how ArgoCD behaves, or what
 * people get, in a way a platform engineer must know. Logged by every goal that reads the platform.
 */
public final class Notices {

  private Notices() {}

  public static List<String> warnings(Platform platform) {
    List<String> warnings = new ArrayList<>();
    if (platform.argocd().applicationSets() && platform.rollout().staged()) {
      warnings.add(
          "spec.rollout in applicationset mode becomes RollingSync steps, and RollingSync turns automated sync and"
              + " selfHeal off for the tools' Applications: they sync when the rollout reaches their wave, and drift is"
              + " not repaired until the next rollout. ArgoCD must have progressive syncs enabled"
              + " (applicationsetcontroller.enable.progressive.syncs: \"true\" in argocd-cmd-params-cm); see"
              + " docs/federation.md.");
    }
    for (HpcSystem system : platform.hpc()) {
      withoutAccount(platform, system).ifPresent(warnings::add);
    }
    return List.copyOf(warnings);
  }

  /** Members of the projects a system lists are shown up to this many in a warning. */
  private static final int MAX_LISTED = 8;

  /**
   * The members of the projects an HPC system lists who have no account under its {@code users},
   * when its credentials are per person: they get no HPC credentials in their workspaces.
   */
  private static Optional<String> withoutAccount(Platform platform, HpcSystem system) {
    if (system.shared().isPresent()) {
      return Optional.empty();
    }
    Map<String, String> without = new LinkedHashMap<>(); // by JupyterHub user name: a person once
    for (Project project : platform.projects()) {
      if (system.projects().contains(project.name())) {
        project.members().stream().filter(m -> system.account(m).isEmpty())
            .forEach(m -> without.putIfAbsent(WorkspaceNames.username(m), m));
      }
    }
    if (without.isEmpty()) {
      return Optional.empty();
    }
    List<String> shown = without.values().stream().limit(MAX_LISTED).map(m -> "'" + m + "'").toList();
    String more = without.size() > shown.size() ? " and " + (without.size() - shown.size()) + " more" : "";
    return Optional.of(
        "HPC system '" + system.name() + "' has per-person credentials, and " + without.size()
            + (without.size() == 1 ? " member" : " members") + " of its projects " + (without.size() == 1 ? "has" : "have")
            + " no account under its users, so no HPC credentials in their workspaces: " + String.join(", ", shown) + more
            + ". Give each their own account under users, or opt into one shared account with credentials.shared; see"
            + " docs/federation.md.");
  }
}
