package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;

/**
 * JSON pointers of model elements. The model keeps document order, so list item {@code i} of the
 * model is item {@code i} of the merged document.
 */
final class Pointers {

  private Pointers() {}

  static String cluster(int index) {
    return "/spec/clusters/" + index;
  }

  static String project(int index) {
    return "/spec/projects/" + index;
  }

  static String booking(int index) {
    return "/spec/bookings/" + index;
  }

  static String hpc(int index) {
    return "/spec/hpc/" + index;
  }

  /** The override of project {@code project} for {@code cluster}. */
  static String override(int project, String cluster) {
    return project(project) + "/clusterOverrides/" + escape(cluster);
  }

  static String wave(int index) {
    return "/spec/rollout/waves/" + index;
  }

  /**
   * Where project {@code project} names its {@code index}-th cluster: {@code .../clusters/index}, or
   * {@code .../cluster} when the project uses the single-cluster form.
   */
  static String projectCluster(SourceMap sources, int project, int index) {
    String base = project(project);
    return sources.contains(base + "/clusters") ? base + "/clusters/" + index : base + "/cluster";
  }

  /** RFC 6901 escaping of one reference token. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
