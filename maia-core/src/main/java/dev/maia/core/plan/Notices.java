package dev.maia.core.plan;

import dev.maia.core.model.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * Warnings about a valid platform: choices that are allowed but change how ArgoCD behaves in a way
 * a platform engineer must know. Logged by every goal that reads the platform.
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
    return List.copyOf(warnings);
  }
}
