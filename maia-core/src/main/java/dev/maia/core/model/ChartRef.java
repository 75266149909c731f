package dev.maia.core.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * A chart as an Application names it: the repository ({@code https://} or {@code http://} for a
 * repository with an {@code index.yaml}, {@code oci://} for an OCI registry), the chart's name and
 * its exact version.
 */
public record ChartRef(String repoURL, String chart, String version) implements Comparable<ChartRef> {

  private static final Comparator<ChartRef> ORDER =
      Comparator.comparing(ChartRef::repoURL).thenComparing(ChartRef::chart).thenComparing(ChartRef::version);

  public ChartRef {
    Objects.requireNonNull(repoURL, "repoURL");
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(version, "version");
  }

  /** Whether the chart lives in an OCI registry rather than a repository with an index. */
  public boolean oci() {
    return repoURL.startsWith("oci://");
  }

  /** {@code jupyterhub 4.4.0 from https://hub.jupyter.org/helm-chart/}. */
  public String describe() {
    return chart + " " + version + " from " + repoURL;
  }

  @Override
  public int compareTo(ChartRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return describe();
  }
}
