package dev.maia.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The platform change in words, read from the generated resources (never from the platform files,
 * so it describes what ArgoCD will actually see): clusters, projects and tools that come and go,
 * and GPU quotas that change.
 */
final class PlatformChanges {

  static final String PROJECT = "maia.dev/project";
  static final String CLUSTER = "maia.dev/cluster";
  static final String TOOL = "maia.dev/tool";
  static final String GPU = "requests.nvidia.com/gpu";

  private PlatformChanges() {}

  static List<String> describe(List<ResourceChange> changes) {
    List<String> clusters = new ArrayList<>();
    List<String> projects = new ArrayList<>();
    List<String> namespaces = new ArrayList<>();
    List<String> tools = new ArrayList<>();
    List<String> quotas = new ArrayList<>();
    for (ResourceChange change : changes) {
      Resource r = change.current();
      String kind = change.key().kind();
      String project = r.label(PROJECT);
      String cluster = r.label(CLUSTER);
      boolean added = change.type() == ResourceChange.Type.ADDED;
      boolean removed = change.type() == ResourceChange.Type.REMOVED;
      if (kind.equals("Application") && !cluster.isEmpty() && project.isEmpty() && change.key().name().equals("maia-root-" + cluster)) {
        if (added || removed) {
          clusters.add("cluster " + cluster + (added ? " added" : " removed"));
        }
      } else if (kind.equals("AppProject") && !project.isEmpty() && (added || removed)) {
        projects.add("project " + project + (added ? " added" : " removed"));
      } else if (kind.equals("Namespace") && !project.isEmpty() && !cluster.isEmpty() && (added || removed)) {
        namespaces.add("project " + project + (added ? " added to cluster " : " removed from cluster ") + cluster);
      } else if (kind.equals("Application") && !project.isEmpty() && !cluster.isEmpty() && !r.label(TOOL).isEmpty()) {
        tools.add(tool(change, project, cluster, r.label(TOOL)));
      } else if (kind.equals("ResourceQuota") && change.type() == ResourceChange.Type.CHANGED) {
        String was = gpus(change.before().document());
        String is = gpus(change.after().document());
        if (!was.equals(is)) {
          String owner = project.isEmpty() ? change.key().namespace() : project;
          quotas.add("GPU quota of " + owner + (cluster.isEmpty() ? "" : " on " + cluster) + " " + was + " -> " + is);
        }
      }
    }
    List<String> words = new ArrayList<>();
    for (List<String> group : List.of(clusters, projects, namespaces, tools, quotas)) {
      words.addAll(new TreeSet<>(group));
    }
    return words;
  }

  private static String tool(ResourceChange change, String project, String cluster, String tool) {
    return switch (change.type()) {
      case ADDED -> "project " + project + " gains " + tool + " on " + cluster;
      case REMOVED -> "project " + project + " loses " + tool + " on " + cluster;
      case CHANGED -> {
        String was = version(change.before().document());
        String is = version(change.after().document());
        yield was.equals(is)
            ? tool + " of project " + project + " on " + cluster + " changes"
            : tool + " of project " + project + " on " + cluster + " moves from version " + was + " to " + is;
      }
    };
  }

  private static String version(JsonNode application) {
    return application.path("spec").path("source").path("targetRevision").asText("");
  }

  private static String gpus(JsonNode quota) {
    return quota.path("spec").path("hard").path(GPU).asText("0");
  }
}
