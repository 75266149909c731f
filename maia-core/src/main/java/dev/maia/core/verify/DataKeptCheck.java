package dev.maia.core.verify;

import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.helm.RenderedObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Check {@code data-kept} of a tool's Application: every PersistentVolumeClaim its chart renders
 * carries {@code argocd.argoproj.io/sync-options} with {@code Delete=false}. A tool's Application
 * has ArgoCD's resources finalizer, so removing the tool deletes what its chart made; a claim
 * without that option would take the project's data with it. A claim of a StatefulSet's claim
 * templates is made by Kubernetes, not by ArgoCD, and stays (its retention policy keeps it by
 * default); a core component's Application has no finalizer and is not checked.
 */
final class DataKeptCheck {

  static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
  static final String DELETE_FALSE = "Delete=false";

  private DataKeptCheck() {}

  static List<ChartFinding> check(ChartApplication application, List<RenderedObject> objects) {
    if (application.project().isEmpty() || application.coreComponent().isPresent()) {
      return List.of();
    }
    List<ChartFinding> findings = new ArrayList<>();
    for (RenderedObject object : objects) {
      if (!object.kind().equals("PersistentVolumeClaim") || object.hook()) {
        continue;
      }
      String options = object.object().path("metadata").path("annotations").path(SYNC_OPTIONS).asText("");
      if (Arrays.stream(options.split(",")).map(String::strip).noneMatch(DELETE_FALSE::equals)) {
        findings.add(new ChartFinding(
            Check.DATA_KEPT,
            "",
            Renders.key(object) + " (" + object.source() + ") would be deleted with its data when the tool is removed: the"
                + " Application deletes what its chart made, and the claim has no " + SYNC_OPTIONS + " " + DELETE_FALSE,
            "set the chart's annotations of this claim to " + SYNC_OPTIONS + ": " + DELETE_FALSE + ", or, where the chart"
                + " has none, let the tree make the claim (a catalog volume's claim) and give the chart its name"));
      }
    }
    return findings;
  }
}
