package dev.maia.core.verify;

import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.helm.RenderedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Check {@code conforms}: every object a chart renders conforms to the strict schema of its kind:
 * the one the chart's own CRDs define, or the CRDs its cluster's core layer installs
 * ({@link ClusterCrds}), strictified as the conformance kit does; else the one bundled with the
 * plugin ({@link ObjectSchemas}); else, for a built-in kind without a bundled schema, its typed model
 * ({@link TypedModels}). An object of a kind without any cannot be checked, and says so.
 */
final class ConformanceCheck {

  private static final int MAX_PROBLEMS = 5;

  private ConformanceCheck() {}

  static List<ChartFinding> check(List<RenderedObject> objects) {
    return check(objects, ClusterCrds.NONE);
  }

  /** @param cluster the custom kinds the cluster's core layer defines */
  static List<ChartFinding> check(List<RenderedObject> objects, ClusterCrds cluster) {
    List<ChartFinding> findings = new ArrayList<>();
    // the chart's own CRDs, then the cluster's, are the schemas of its custom objects, as the cluster will have them
    java.util.Map<String, ObjectSchemas.CrdSchema> fromCrds = new java.util.TreeMap<>(cluster.schemas());
    for (RenderedObject object : objects) {
      if ("CustomResourceDefinition".equals(object.kind())) {
        fromCrds.putAll(ObjectSchemas.fromCrd(object.object()));
      }
    }
    for (RenderedObject object : objects) {
      String what = Renders.key(object) + " (" + object.source() + ")";
      if (object.apiVersion().isEmpty() || object.kind().isEmpty()) {
        findings.add(new ChartFinding(Check.CONFORMS, "", what + " has no apiVersion or kind", "a chart must render Kubernetes objects only"));
        continue;
      }
      ObjectSchemas.CrdSchema ownCrd = fromCrds.get(ObjectSchemas.file(object.apiVersion(), object.kind()));
      Optional<List<String>> problems = ownCrd != null ? Optional.of(ownCrd.problems(object.object()))
          : ObjectSchemas.problems(object.object()).or(() -> TypedModels.problems(object.object()));
      if (problems.isEmpty()) {
        findings.add(new ChartFinding(
            Check.CONFORMS,
            "",
            what + " is a " + object.apiVersion() + " " + object.kind() + ", for which no schema is bundled ("
                + ObjectSchemas.file(object.apiVersion(), object.kind()) + ") and no model is known: it cannot be checked",
            "turn off what renders it in the chart's values, or bundle its schema"));
      } else if (!problems.get().isEmpty()) {
        List<String> shown = problems.get().subList(0, Math.min(MAX_PROBLEMS, problems.get().size()));
        findings.add(new ChartFinding(
            Check.CONFORMS,
            "",
            what + " does not conform to the " + object.apiVersion() + " " + object.kind() + " schema: " + String.join("; ", shown)
                + (problems.get().size() > MAX_PROBLEMS ? "; and " + (problems.get().size() - MAX_PROBLEMS) + " more" : ""),
            "the cluster would refuse the object: change the values that make it so"));
      }
    }
    return findings;
  }
}
