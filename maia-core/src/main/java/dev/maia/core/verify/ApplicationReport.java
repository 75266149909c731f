package dev.maia.core.verify;

import dev.maia.core.verify.helm.RenderedObject;
import java.util.List;

/**
 * What {@code maia:verify} found for one Application, and what its chart rendered (empty when it
 * could not be rendered).
 *
 * @param digest the digest of the chart archive rendered
 * @param cached whether the report was taken from an earlier run with the same inputs
 */
public record ApplicationReport(
    ChartApplication application, String digest, List<ChartFinding> findings, List<RenderedObject> objects, boolean cached) {

  public ApplicationReport {
    findings = List.copyOf(findings.stream().sorted().distinct().toList());
    objects = List.copyOf(objects);
  }
}
