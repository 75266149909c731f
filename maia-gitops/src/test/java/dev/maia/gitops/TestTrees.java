package dev.maia.gitops;

import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.output.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Generated trees for tests, shaped like the compiler's: manifests with maia labels, and the index. */
public final class TestTrees {

  private TestTrees() {}

  /** A namespace, its quota and one Application per tool for {@code project} on {@code cluster}. */
  public static SortedMap<String, byte[]> tree(String cluster, String project, int gpus, List<String> tools) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("argocd/roots/" + cluster + ".yaml", CanonicalYaml.write(CanonicalYaml.tree(root(cluster))));
    files.put("argocd/appprojects/" + project + ".yaml", CanonicalYaml.write(CanonicalYaml.tree(appProject(project))));
    files.put("clusters/" + cluster + "/projects/" + project + "/resources.yaml",
        CanonicalYaml.write(List.of(CanonicalYaml.tree(namespace(project, cluster)), CanonicalYaml.tree(quota(project, cluster, gpus)))));
    for (String tool : tools) {
      files.put("argocd/apps/" + cluster + "/" + project + "-" + tool + ".yaml",
          CanonicalYaml.write(CanonicalYaml.tree(application(project, tool, cluster, "1.0.0"))));
    }
    return withIndex(files);
  }

  /** {@code files} plus a maia-index.json that lists them with their hashes. */
  public static SortedMap<String, byte[]> withIndex(Map<String, byte[]> files) {
    SortedMap<String, byte[]> all = new TreeMap<>(files);
    all.remove("maia-index.json");
    StringBuilder index = new StringBuilder("{\n  \"files\" : {");
    String separator = "\n";
    for (Map.Entry<String, byte[]> file : all.entrySet()) {
      index.append(separator).append("    \"").append(file.getKey()).append("\" : \"").append(Hashes.sha256(file.getValue())).append('"');
      separator = ",\n";
    }
    index.append("\n  },\n  \"generator\" : \"maia-maven-plugin\"\n}\n");
    all.put("maia-index.json", index.toString().getBytes(StandardCharsets.UTF_8));
    return all;
  }

  static Map<String, Object> root(String cluster) {
    return resource("argoproj.io/v1alpha1", "Application", "argocd", "maia-root-" + cluster,
        Map.of("app.kubernetes.io/managed-by", "maia", "maia.dev/cluster", cluster),
        Map.of("project", "maia-platform", "source", Map.of("path", "argocd/apps/" + cluster)));
  }

  static Map<String, Object> appProject(String project) {
    return resource("argoproj.io/v1alpha1", "AppProject", "argocd", project,
        Map.of("app.kubernetes.io/managed-by", "maia", "maia.dev/project", project), Map.of("description", project));
  }

  static Map<String, Object> namespace(String project, String cluster) {
    return resource("v1", "Namespace", null, project,
        Map.of("maia.dev/project", project, "maia.dev/cluster", cluster), null);
  }

  static Map<String, Object> quota(String project, String cluster, int gpus) {
    return resource("v1", "ResourceQuota", project, "maia-quota",
        Map.of("maia.dev/project", project, "maia.dev/cluster", cluster),
        Map.of("hard", Map.of("requests.cpu", "8", "requests.nvidia.com/gpu", Integer.toString(gpus))));
  }

  public static Map<String, Object> application(String project, String tool, String cluster, String version) {
    return resource("argoproj.io/v1alpha1", "Application", "argocd", project + "-" + tool + "-" + cluster,
        Map.of("maia.dev/project", project, "maia.dev/tool", tool, "maia.dev/cluster", cluster),
        Map.of("project", project, "source", Map.of("chart", tool, "targetRevision", version)));
  }

  private static Map<String, Object> resource(
      String apiVersion, String kind, String namespace, String name, Map<String, String> labels, Map<String, Object> spec) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.put("labels", labels);
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("apiVersion", apiVersion);
    resource.put("kind", kind);
    resource.put("metadata", metadata);
    if (spec != null) {
      resource.put("spec", spec);
    }
    return resource;
  }
}
