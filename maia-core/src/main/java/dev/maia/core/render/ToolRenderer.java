package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.ToolSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A project's tools on one cluster: the wiring every template sees (hosts, URLs, OIDC endpoints,
 * secret names), computed once here, and one Application per tool with its rendered values.
 */
final class ToolRenderer {

  static final String OIDC_SECRET = "workspace-oidc";

  private final Platform platform;
  private final ToolCatalog catalog;
  private final ToolValues values;
  private final ArgoCdRenderer argocd;
  private final WorkspaceGpuProfiles gpuProfiles;

  ToolRenderer(
      Platform platform, ToolCatalog catalog, ToolValues values, ArgoCdRenderer argocd, WorkspaceGpuProfiles gpuProfiles) {
    this.platform = platform;
    this.catalog = catalog;
    this.values = values;
    this.argocd = argocd;
    this.gpuProfiles = gpuProfiles;
  }

  /** The tools of the project that the catalog knows, in id order. */
  List<ToolDefinition> tools(Project project) {
    List<ToolDefinition> result = new ArrayList<>();
    project.tools().keySet().forEach(id -> catalog.tool(id).ifPresent(result::add));
    return result;
  }

  /** The chart repos the project's tools use, for its AppProject. */
  List<String> chartRepos(Project project) {
    return tools(project).stream().map(ToolDefinition::repoURL).distinct().sorted().toList();
  }

  /** One Application per catalogued tool of the project on the cluster. */
  Map<String, JsonNode> applications(Project project, Cluster cluster) {
    Map<String, JsonNode> result = new TreeMap<>();
    for (ToolDefinition tool : tools(project)) {
      Map<String, Object> model = model(project, cluster, project.tools().get(tool.id()));
      JsonNode rendered = values.render(tool, model);
      result.put(tool.id(), argocd.toolApplication(project, cluster, tool, rendered));
    }
    return result;
  }

  /** The data model of every values template. */
  Map<String, Object> model(Project project, Cluster cluster, ToolSettings settings) {
    String host = host(project, cluster);
    String issuer = platform.identity().issuer().replaceAll("/+$", "");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("host", host);
    model.put("tool", settings.values());
    model.put("project", Map.of(
        "name", project.name(),
        "group", project.group(),
        "namespace", project.namespace(),
        "serviceAccount", NamespaceRenderer.WORKSPACE_SERVICE_ACCOUNT,
        "users", project.users(),
        "admins", project.admins()));
    model.put("cluster", Map.of(
        "name", cluster.name(),
        "domain", cluster.domain(),
        "ingressClass", cluster.ingress().className(),
        "clusterIssuer", cluster.ingress().clusterIssuer(),
        "defaultStorageClass", cluster.storage().defaultClass(),
        "sharedStorageClass", cluster.storage().sharedClass()));
    model.put("identity", Map.of("issuer", issuer, "adminGroup", platform.identity().adminGroup()));
    model.put("oidc", Map.of(
        "clientId", "maia-" + project.name(),
        "authorizeUrl", issuer + "/protocol/openid-connect/auth",
        "tokenUrl", issuer + "/protocol/openid-connect/token",
        "userdataUrl", issuer + "/protocol/openid-connect/userinfo"));
    model.put("urls", urls(project, cluster));
    model.put("secrets", Map.of("oidc", OIDC_SECRET));
    Project.Resources r = project.resources();
    model.put("resources", Map.of(
        "cpuRequest", Quantities.number(r.cpu().request()),
        "cpuLimit", Quantities.number(r.cpu().limit()),
        "memoryRequest", Quantities.number(r.memory().request()),
        "memoryLimit", Quantities.number(r.memory().limit()),
        "storage", r.storage()));
    Optional<Project.ProjectGpu> gpu = project.gpu();
    gpu.ifPresent(g -> model.put("gpu", Map.of("product", g.product(), "quota", g.quota(), "maxPerWorkspace", g.maxPerWorkspace())));
    model.putAll(gpuProfiles.model(project, cluster));
    return model;
  }

  /** The project's host name on a cluster. */
  static String host(Project project, Cluster cluster) {
    return project.name() + "." + cluster.domain();
  }

  /** The URL of each catalogued tool of the project on the cluster (ending in '/'). */
  private Map<String, String> urls(Project project, Cluster cluster) {
    Map<String, String> urls = new TreeMap<>();
    for (ToolDefinition tool : tools(project)) {
      String path = tool.path().endsWith("/") ? tool.path() : tool.path() + "/";
      urls.put(tool.id(), "https://" + host(project, cluster) + path);
    }
    return urls;
  }
}
