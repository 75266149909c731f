package dev.maia.core.verify;

import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.admission.PodSecurity;
import dev.maia.core.verify.admission.Workload;
import dev.maia.core.verify.helm.RenderedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Check {@code pod-security} of a core component's Application: every pod its chart renders in the
 * component's namespace meets the Pod Security level that namespace enforces ({@code podSecurity} of
 * the core catalog, set by the Application's managed namespace metadata). A project namespace's pods
 * are checked by the admission stage, with the user servers the chart's hub would start.
 */
final class CorePodSecurityCheck {

  private CorePodSecurityCheck() {}

  static List<ChartFinding> check(ChartApplication application, List<RenderedObject> objects) {
    Optional<PodSecurity.Level> level = application.coreComponent()
        .map(id -> CoreCatalog.builtIn().component(id).podSecurity())
        .flatMap(PodSecurity.Level::of)
        .filter(l -> l != PodSecurity.Level.PRIVILEGED);
    if (level.isEmpty()) {
      return List.of();
    }
    List<ChartFinding> findings = new ArrayList<>();
    for (RenderedObject object : objects) {
      String namespace = object.object().path("metadata").path("namespace").asText(application.namespace());
      if (!namespace.equals(application.namespace())) {
        continue;
      }
      for (Workload pod : Workload.of(object.object(), application.tool())) {
        List<PodSecurity.Violation> violations = PodSecurity.check(pod.metadata(), pod.spec(), level.get());
        if (!violations.isEmpty()) {
          findings.add(new ChartFinding(
              Check.POD_SECURITY,
              "",
              Renders.key(object) + " (" + object.source() + ") " + PodSecurity.refusal(level.get(), application.namespace(), violations),
              "set the component's values so that its pods meet the level; the namespace refuses them otherwise"));
        }
      }
    }
    return findings;
  }
}
