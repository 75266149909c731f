package dev.maia.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The persistent volume claims a project makes in its namespace on one cluster, and their sizes:
 * each enabled tool's volumes as the catalog lists them ({@code volumes}: one claim per member of
 * the project for the workspace's homes, the value of a tool setting where the catalog names one,
 * such as {@code tools.minio.size}), and the project's shared volume where the cluster has a shared
 * storage class. The renderers size the claims from here and validation sums them against the
 * project's storage, so the two cannot disagree; a claim a chart makes beyond its values (a
 * database's default volume) is counted by {@code maia:verify}, which renders the charts.
 */
public final class ProjectVolumes {

  /** The name of the project's shared volume claim (ReadWriteMany). */
  public static final String SHARED_CLAIM = "shared";

  /** The size of the shared volume. */
  public static final String SHARED_SIZE = "10Gi";

  private ProjectVolumes() {}

  /**
   * One claim, or {@code count} alike (a home per member).
   *
   * @param tool the tool whose values make it; empty for the shared volume, which the platform makes
   * @param perMember whether it is one claim per member of the project ({@code count} of them)
   * @param setting the tool setting whose value is {@code size}, when it is written
   */
  public record Claim(Optional<String> tool, String name, String size, boolean perMember, int count, Optional<String> setting) {}

  /**
   * The claims of {@code project} (as it is on {@code cluster}, its override applied) there: the
   * shared volume first, then the tools' in id order, each tool's in name order.
   */
  public static List<Claim> of(Project project, Cluster cluster, ToolCatalog catalog) {
    return of(catalog.enabled(project), project.tools(), WorkspaceNames.sshUsers(project).size(), !cluster.storage().sharedClass().isEmpty());
  }

  /**
   * The claims of a project that enables {@code tools} with {@code settings}, has {@code members}
   * members (each with a home), on a cluster with a shared storage class or without one.
   */
  public static List<Claim> of(List<ToolDefinition> tools, Map<String, ToolSettings> settingsById, int members, boolean sharedClass) {
    List<Claim> claims = new ArrayList<>();
    boolean shared = tools.stream().anyMatch(t -> t.id().equals("workspace") || t.id().equals("filebrowser"));
    if (shared && sharedClass) {
      claims.add(new Claim(Optional.empty(), SHARED_CLAIM, SHARED_SIZE, false, 1, Optional.empty()));
    }
    for (ToolDefinition tool : tools) {
      ToolSettings settings = settingsById.get(tool.id());
      for (ToolDefinition.Volume volume : tool.volumes().values()) {
        Optional<String> set = volume.setting().flatMap(s -> settings == null ? Optional.empty() : settings.text(s));
        int count = volume.perMember() ? members : 1;
        if (count > 0) {
          claims.add(new Claim(Optional.of(tool.id()), volume.name(), set.orElse(volume.size()), volume.perMember(), count,
              set.isPresent() ? volume.setting() : Optional.empty()));
        }
      }
    }
    return List.copyOf(claims);
  }

  /** The name of each claim of {@code tool} that the tree makes, by volume: what its values template reads as {@code claims}. */
  public static Map<String, String> claims(ToolDefinition tool) {
    Map<String, String> claims = new TreeMap<>();
    tool.volumes().values().forEach(v -> v.claim().ifPresent(c -> claims.put(v.name(), c)));
    return claims;
  }

  /** The size of each volume of {@code tool} in {@code project}, by name: what its values template reads as {@code volumes}. */
  public static Map<String, String> sizes(Project project, ToolDefinition tool) {
    ToolSettings settings = project.tools().get(tool.id());
    Map<String, String> sizes = new TreeMap<>();
    tool.volumes().values().forEach(v -> sizes.put(v.name(),
        v.setting().flatMap(s -> settings == null ? Optional.empty() : settings.text(s)).orElse(v.size())));
    return sizes;
  }
}
