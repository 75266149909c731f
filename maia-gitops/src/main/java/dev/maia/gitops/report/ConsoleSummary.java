package dev.maia.gitops.report;

import dev.maia.gitops.diff.BlastRadius;
import dev.maia.gitops.diff.Diff;
import dev.maia.gitops.diff.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The diff as log lines: the platform change in words, the deletions per cluster, each manifest. */
public final class ConsoleSummary {

  private ConsoleSummary() {}

  /** What a reviewer reads in the build log (INFO). */
  public static List<String> lines(Diff diff) {
    List<String> lines = new ArrayList<>();
    diff.platformChanges().forEach(change -> lines.add("  " + change));
    for (Map.Entry<String, BlastRadius.Removed> cluster : diff.blastRadius().perCluster().entrySet()) {
      BlastRadius.Removed removed = cluster.getValue();
      lines.add("  deletes on " + cluster.getKey() + ": "
          + String.join(", ", List.of(
              count(removed.applications(), "Application"),
              count(removed.namespaces(), "namespace"),
              count(removed.appProjects(), "AppProject"))));
    }
    return lines;
  }

  /** One line per manifest that changes (DEBUG). */
  public static List<String> details(Diff diff) {
    return diff.changes().stream()
        .map(c -> "  " + c.type().word() + " " + c.key().describe() + (c.key().isFile() ? "" : " in " + c.key().file()))
        .toList();
  }


  private static String count(List<ResourceKey> keys, String noun) {
    String names = keys.stream().map(ResourceKey::name).collect(Collectors.joining(" "));
    return keys.size() + " " + (keys.size() == 1 ? noun : noun + "s") + (keys.isEmpty() ? "" : " (" + names + ")");
  }
}
