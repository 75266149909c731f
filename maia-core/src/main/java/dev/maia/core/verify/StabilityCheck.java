package dev.maia.core.verify;

import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.helm.RenderedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Check {@code stable}: two renders of the same chart with the same values give the same objects.
 * A chart that makes a value at random (a password, a cookie secret, a key, a certificate) keeps
 * it, under {@code helm install}, by reading it back with {@code lookup}; under ArgoCD {@code
 * lookup} finds nothing, so every refresh renders a new value: the Application never becomes
 * Synced, and each sync replaces the value (logging users out, making what it encrypted
 * unreadable). Checksums of such values, in annotations that restart pods, churn with them.
 */
final class StabilityCheck {

  private StabilityCheck() {}

  /**
   * The objects whose values differ between the two renders, but for the values the catalog
   * accepts as the chart's own ({@code accepted}, pointers per object key): those the Application
   * tells ArgoCD to keep ({@code ignoreDifferences}), and those of hooks ArgoCD never compares.
   */
  static List<ChartFinding> check(List<RenderedObject> first, List<RenderedObject> second, Map<String, Set<String>> accepted) {
    Map<String, Set<String>> unstable = Renders.differences(first, second, accepted);
    Map<String, RenderedObject> objects = Renders.byKey(first);
    List<ChartFinding> findings = new ArrayList<>();
    unstable.forEach((key, paths) -> {
      RenderedObject object = objects.get(key);
      String source = object == null ? "" : " (" + object.source() + ")";
      boolean checksums = paths.stream().allMatch(p -> p.contains("/annotations/checksum"));
      String what = paths.contains("")
          ? "is rendered by one render and not by the other"
          : "has different values on every render at " + Renders.list(paths, 4);
      findings.add(new ChartFinding(
          Check.STABLE,
          "",
          key + source + " " + what + (checksums
              ? ": a checksum of a value the chart makes at random, so every refresh restarts the pods"
              : ": the chart makes them at random (under ArgoCD, lookup finds nothing to keep), so the Application "
                  + "never becomes Synced and every sync replaces them"),
          "give the chart these values from an existing Secret (an ExternalSecret or a SealedSecret) through the "
              + "values it offers for that, such as an existingSecret"));
    });
    return findings;
  }
}
