package dev.maia.core.verify;

import dev.maia.core.verify.helm.RenderedObject;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@code maia:verify} found for one Application, and what its chart rendered (empty when it
 * could not be rendered). The objects of a report taken from the cache are read when first asked
 * for: verifying needs only the findings, a diff the objects of the Applications that changed.
 *
 * @param digest the digest of the chart archive rendered
 * @param cached whether the report was taken from an earlier run with the same inputs
 */
public record ApplicationReport(
    ChartApplication application, String digest, List<ChartFinding> findings, Rendered rendering, boolean cached) {

  public ApplicationReport {
    findings = List.copyOf(findings.stream().sorted().distinct().toList());
    Objects.requireNonNull(rendering, "rendering");
  }

  ApplicationReport(ChartApplication application, String digest, List<ChartFinding> findings, List<RenderedObject> objects) {
    this(application, digest, findings, Rendered.of(objects), false);
  }

  /** The rendered objects, in Helm's order. */
  public List<RenderedObject> rendered() {
    return rendering.get();
  }

  /** Rendered objects, at hand or read once when first needed. */
  public static final class Rendered {

    private final Supplier<List<RenderedObject>> source;
    private List<RenderedObject> objects;

    private Rendered(Supplier<List<RenderedObject>> source) {
      this.source = source;
    }

    static Rendered of(List<RenderedObject> objects) {
      List<RenderedObject> copy = List.copyOf(objects);
      return new Rendered(() -> copy);
    }

    static Rendered later(Supplier<List<RenderedObject>> source) {
      return new Rendered(source);
    }

    synchronized List<RenderedObject> get() {
      if (objects == null) {
        objects = List.copyOf(source.get());
      }
      return objects;
    }
  }
}
