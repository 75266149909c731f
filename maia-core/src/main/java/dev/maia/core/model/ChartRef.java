package dev.maia.core.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * A chart as an Application names it: the repository ({@code https://} or {@code http://} for a
 * repository with an {@code index.yaml}, {@code oci://} for an OCI registry), the chart's name and
 * its exact version; or, for a chart kept in a Git repository (a URL ending in {@code .git}), the
 * chart's folder in it and the tag.
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

  /** Whether the chart is a folder of a Git repository ({@code chart}) at a tag ({@code version}). */
  public boolean git() {
    return isGit(repoURL);
  }

  /** Whether {@code repoURL} names a Git repository rather than a chart repository or registry. */
  public static boolean isGit(String repoURL) {
    return repoURL.endsWith(".git");
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
