package dev.maia.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The platform change in words, read from the generated resources (never from the platform files,
 * so it describes what ArgoCD will actually see): clusters, projects and tools that come and go,
 * GPU quotas that change, and who gains or loses a project's group in Keycloak (the identity
 * Job's desired state).
 */
final class PlatformChanges {

  static final String PROJECT = "maia.dev/project";
  static final String CLUSTER = "maia.dev/cluster";
  static final String TOOL = "maia.dev/tool";
  static final String GPU = "requests.nvidia.com/gpu";
  /** The identity Job's ConfigMaps of the desired state's parts (namespace, name prefix) and their key. */
  static final String IDENTITY_NAMESPACE = "maia-identity";
  static final String DESIRED_CONFIG_MAP = "keycloak-desired-";
  static final String DESIRED_STATE = "desired.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlatformChanges() {}

  static List<String> describe(List<ResourceChange> changes) {
    List<String> clusters = new ArrayList<>();
    List<String> projects = new ArrayList<>();
    List<String> namespaces = new ArrayList<>();
    List<String> tools = new ArrayList<>();
    List<String> quotas = new ArrayList<>();
    List<ResourceChange> desired = new ArrayList<>();
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
      } else if (kind.equals("ConfigMap") && change.key().namespace().equals(IDENTITY_NAMESPACE)
          && change.key().name().startsWith(DESIRED_CONFIG_MAP)) {
        desired.add(change);
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
    for (List<String> group : List.of(clusters, projects, namespaces, tools, quotas, access(desired))) {
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

  /**
   * Who gains and who loses each group of the desired state: a reviewer's first question about a
   * change of {@code users} or {@code admins}. The changed parts are read together, so a group that
   * moves to another part (the platform doubled) is no change. A group whose members are the site's
   * is not listed.
   */
  private static List<String> access(List<ResourceChange> parts) {
    Map<String, Set<String>> was = new TreeMap<>();
    Map<String, Set<String>> is = new TreeMap<>();
    for (ResourceChange part : parts) {
      was.putAll(members(part.before()));
      is.putAll(members(part.after()));
    }
    List<String> words = new ArrayList<>();
    Set<String> groups = new TreeSet<>(was.keySet());
    groups.addAll(is.keySet());
    for (String group : groups) {
      Set<String> before = was.getOrDefault(group, Set.of());
      Set<String> after = is.getOrDefault(group, Set.of());
      for (String person : new TreeSet<>(after)) {
        if (!before.contains(person)) {
          words.add(person + " gains Keycloak group " + group);
        }
      }
      for (String person : new TreeSet<>(before)) {
        if (!after.contains(person)) {
          words.add(person + " loses Keycloak group " + group);
        }
      }
    }
    return words;
  }

  /** The managed groups of a desired state and their members; none for a missing or unreadable one. */
  private static Map<String, Set<String>> members(Resource configMap) {
    Map<String, Set<String>> result = new TreeMap<>();
    if (configMap == null) {
      return result;
    }
    try {
      JsonNode desired = JSON.readTree(configMap.document().path("data").path(DESIRED_STATE).asText("{}"));
      desired.path("groups").forEach(group -> {
        if (group.path("members").isArray()) {
          Set<String> people = new TreeSet<>();
          group.path("members").forEach(m -> people.add(m.asText()));
          result.put(group.path("name").asText(), people);
        }
      });
    } catch (java.io.IOException e) {
      // a hand-edited branch: the unified diff of the ConfigMap still shows the change
    }
    return result;
  }

  private static String version(JsonNode application) {
    return application.path("spec").path("source").path("targetRevision").asText("");
  }

  private static String gpus(JsonNode quota) {
    return quota.path("spec").path("hard").path(GPU).asText("0");
  }
}
