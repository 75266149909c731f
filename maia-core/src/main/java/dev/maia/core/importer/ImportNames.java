package dev.maia.core.importer;

import java.util.Locale;

/** Names of MAIA's installation as platform.yaml names: DNS-1123 labels of bounded length. */
final class ImportNames {

  /** Room left in a project name for the names derived from it. */
  private static final int MAX_PROJECT_NAME = 40;

  private static final int MAX_LABEL = 63;

  private ImportNames() {}

  /**
   * MAIA's namespace rule ({@code lower(group_ID).replace("_", "-")}), made a DNS-1123 label of at
   * most 40 characters; {@code ""} when nothing of a name is left (the import never makes one up).
   */
  static String projectName(String groupId) {
    return label(groupId, MAX_PROJECT_NAME);
  }

  /** A cluster name as a DNS-1123 label; {@code ""} when nothing of a name is left. */
  static String clusterName(String clusterName) {
    return label(clusterName, MAX_LABEL);
  }

  /** A file's name without folder and extension. */
  static String baseName(String path) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  private static String label(String text, int max) {
    String name =
        text.toLowerCase(Locale.ROOT)
            .replace('_', '-')
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^-+|-+$", "");
    if (name.length() > max) {
      name = name.substring(0, max).replaceAll("-+$", "");
    }
    return name;
  }
}
