package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Lock;
import dev.maia.core.model.Lock.Slot;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.ProjectVolumes;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.model.ToolSettings;
import dev.maia.core.model.WorkspaceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A project's tools on one cluster: the wiring every template sees, computed once here (hosts,
 * paths and ingress settings, the URLs tools use to reach each other, OIDC endpoints, Secret names,
 * ports from the lock, images), and one Application per tool that has a chart, with its rendered
 * values. Templates place these values; they build no host name or URL of their own.
 */
final class ToolRenderer {

  /** Name of the workspace's OIDC client Secret (kept as {@code secrets.oidc} for site templates). */
  static final String OIDC_SECRET = "workspace-oidc";

  /** The user the workspace runs SSH on, and the port in the user's pod. */
  static final int SSH_TARGET_PORT = 2022;

  /** The DICOM port of Orthanc in its pod. */
  static final int DICOM_TARGET_PORT = 4242;

  /** The bucket of the project's MinIO (each project has a MinIO of its own). */
  static final String MINIO_BUCKET = "data";

  /** The MinIO user of the project's workspaces (its secret key is in the Secret minio-workspace). */
  static final String MINIO_WORKSPACE_USER = "workspace";

  private final Platform platform;
  private final ToolCatalog catalog;
  private final ToolValues values;
  private final ArgoCdRenderer argocd;
  private final WorkspaceGpuProfiles gpuProfiles;
  private final Lock lock;
  /** The projects as the platform writes them (before per-cluster overrides), by name. */
  private final Map<String, Project> writtenProjects = new java.util.HashMap<>();
  /** {@link #chartMade(Project)} of each project, found once: a project has a unit per cluster. */
  private final Map<String, List<ToolDefinition.ChartMade>> chartMade = new java.util.concurrent.ConcurrentHashMap<>();

  ToolRenderer(
      Platform platform,
      ToolCatalog catalog,
      ToolValues values,
      ArgoCdRenderer argocd,
      WorkspaceGpuProfiles gpuProfiles,
      Lock lock) {
    this.platform = platform;
    this.catalog = catalog;
    this.values = values;
    this.argocd = argocd;
    this.gpuProfiles = gpuProfiles;
    this.lock = lock;
    platform.projects().forEach(p -> writtenProjects.put(p.name(), p));
  }

  /** The catalogued tools the project enables, in id order (plugins and profiles included). */
  List<ToolDefinition> tools(Project project) {
    return catalog.enabled(project);
  }

  /** The tools of the project that are installed by an Application of their own. */
  List<ToolDefinition> applicationTools(Project project) {
    return tools(project).stream().filter(ToolDefinition::hasApplication).toList();
  }

  /** The chart repos the project's tools use, for its AppProject. */
  List<String> chartRepos(Project project) {
    return applicationTools(project).stream().map(ToolDefinition::repoURL).distinct().sorted().toList();
  }

  /** One Application per tool of the project with a chart, on the cluster. */
  Map<String, JsonNode> applications(Project project, Cluster cluster) {
    Map<String, JsonNode> result = new TreeMap<>();
    List<ToolDefinition.ChartMade> chartMade = chartMade(project);
    for (ToolDefinition tool : applicationTools(project)) {
      Map<String, Object> model = model(project, cluster, tool);
      JsonNode rendered = valuesChecksum(tool, values.render(tool.valuesTemplate(), place(project, cluster, tool), model));
      result.put(tool.id(), argocd.toolApplication(project, cluster, tool, rendered, chartMade));
    }
    return result;
  }

  /**
   * What the charts of the project's tools make themselves, on any of its clusters: every tool
   * Application of the project tells ArgoCD to keep all of it, because in applicationset mode one
   * template makes them all (and must have one shape). An entry names a kind and a name, so it
   * only matches in the Application whose chart makes that object.
   */
  private List<ToolDefinition.ChartMade> chartMade(Project project) {
    return chartMade.computeIfAbsent(project.name(), name -> {
      java.util.Set<ToolDefinition.ChartMade> result = new java.util.LinkedHashSet<>();
      Project written = writtenProjects.getOrDefault(name, project);
      for (String cluster : written.clusters()) {
        applicationTools(written.on(cluster)).forEach(t -> result.addAll(t.chartMade()));
      }
      return List.copyOf(result);
    });
  }

  /** Annotation the pods of some charts get with a digest of their values (see the catalog's valuesChecksum). */
  static final String VALUES_CHECKSUM = "maia.dev/values-checksum";

  /** The values with {@value #VALUES_CHECKSUM} set to their SHA-256 in each map the catalog names. */
  private static JsonNode valuesChecksum(ToolDefinition tool, JsonNode values) {
    if (tool.valuesChecksum().isEmpty() || !(values instanceof ObjectNode object)) {
      return values;
    }
    String digest = dev.maia.core.output.Hashes.sha256(dev.maia.core.output.CanonicalYaml.write(values));
    for (String path : tool.valuesChecksum()) {
      object.withObject("/" + path.replace(".", "/")).put(VALUES_CHECKSUM, digest);
    }
    return values;
  }

  /** The tool catalog with the platform's overrides. */
  ToolCatalog catalog() {
    return catalog;
  }

  /** The data model of the values template of {@code tool}. */
  Map<String, Object> model(Project project, Cluster cluster, ToolDefinition tool) {
    String host = host(project, cluster);
    String issuer = platform.identity().issuer().replaceAll("/+$", "");
    ToolSettings settings = project.tools().getOrDefault(tool.id(), new ToolSettings(tool.id(), Map.of()));
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
        "clientId", tool.clientId(project),
        "discoveryUrl", issuer + "/.well-known/openid-configuration",
        "authorizeUrl", issuer + "/protocol/openid-connect/auth",
        "tokenUrl", issuer + "/protocol/openid-connect/token",
        "userdataUrl", issuer + "/protocol/openid-connect/userinfo"));
    model.put("enabled", enabled(project));
    model.put("urls", urls(project, cluster));
    model.put("services", services(project));
    model.put("serviceHosts", serviceHosts(project));
    model.put("endpoints", endpoints(project));
    model.put("ingress", ingress(project, cluster, tool));
    model.put("images", images(tool));
    model.put("volumes", ProjectVolumes.sizes(project, tool));
    model.put("claims", ProjectVolumes.claims(tool));
    if (enabled(project).containsKey("minio")) {
      model.put("minio", Map.of("bucket", MINIO_BUCKET, "workspaceUser", MINIO_WORKSPACE_USER));
    }
    model.put("secrets", secrets(project));
    model.put("storage", storage(cluster));
    model.put("hpc", HpcRenderer.mounts(platform, project));
    model.put("ports", ports(project, cluster));
    model.put("workspaceUsers", workspaceUsers(project, cluster));
    Project.Resources r = project.resources();
    model.put("resources", Map.of(
        "cpuRequest", Quantities.number(r.cpu().request()),
        "cpuLimit", Quantities.number(r.cpu().limit()),
        "memoryRequest", Quantities.number(r.memory().request()),
        "memoryLimit", Quantities.number(r.memory().limit()),
        "storage", r.storage()));
    project.workspace().ifPresent(w -> {
      model.put("server", Map.of(
          "cpuRequest", Quantities.number(w.server().cpu().request()),
          "cpuLimit", Quantities.number(w.server().cpu().limit()),
          "memoryRequest", Quantities.number(w.server().memory().request()),
          "memoryLimit", Quantities.number(w.server().memory().limit())));
      model.put("activeServerLimit", w.activeServerLimit());
    });
    Optional<Project.ProjectGpu> gpu = project.gpu();
    gpu.ifPresent(g -> model.put("gpu", Map.of("product", g.product(), "quota", g.quota(), "maxPerWorkspace", g.maxPerWorkspace())));
    model.putAll(gpuProfiles.model(project, cluster));
    return model;
  }

  /** What a tool's values are for, in messages: {@code tool minio of project lung on cluster one}. */
  static String place(Project project, Cluster cluster, ToolDefinition tool) {
    return "tool " + tool.id() + " of project " + project.name() + " on cluster " + cluster.name();
  }

  /** The project's host name on a cluster. */
  static String host(Project project, Cluster cluster) {
    return project.host(cluster);
  }

  /** The host a tool is served on: the project's host, or its own subdomain of it. */
  static String host(Project project, Cluster cluster, ToolDefinition tool) {
    return tool.host(project, cluster);
  }

  /** The in-cluster host name of a Service of the project. */
  static String serviceHost(Project project, String service) {
    return service + "." + project.namespace() + ".svc.cluster.local";
  }

  /** {@code toolId -> true} for every enabled tool, so templates can test {@code enabled.minio??}. */
  private Map<String, Boolean> enabled(Project project) {
    Map<String, Boolean> result = new TreeMap<>();
    tools(project).forEach(t -> result.put(t.id(), true));
    return result;
  }

  /** The URL users open for each enabled tool (ending in '/'). */
  private Map<String, String> urls(Project project, Cluster cluster) {
    Map<String, String> urls = new TreeMap<>();
    for (ToolDefinition tool : tools(project)) {
      if (tool.kind() != ToolDefinition.Kind.PROFILE) {
        urls.put(tool.id(), tool.url(project, cluster));
      }
    }
    return urls;
  }

  /** The in-cluster base URL of each enabled tool with a Service (ending in '/'). */
  private Map<String, String> services(Project project) {
    Map<String, String> result = new TreeMap<>();
    for (ToolDefinition tool : tools(project)) {
      tool.service().ifPresent(s -> result.put(tool.id(), "http://" + serviceHost(project, s.name()) + ":" + s.port() + slashed(s.path())));
    }
    return result;
  }

  /** The in-cluster {@code host:port} of each enabled tool with a Service. */
  private Map<String, String> serviceHosts(Project project) {
    Map<String, String> result = new TreeMap<>();
    for (ToolDefinition tool : tools(project)) {
      tool.service().ifPresent(s -> result.put(tool.id(), serviceHost(project, s.name()) + ":" + s.port()));
    }
    return result;
  }

  /**
   * The endpoints tools use to reach each other, by purpose, present only when the tool behind them
   * is enabled: {@code minioS3}, {@code orthancHttp}, {@code orthancDicomWeb}, {@code mlflowTracking},
   * {@code monaiLabel}, and {@code monaiDeployDicom} (the gateway's host, DICOM port 104).
   */
  private Map<String, String> endpoints(Project project) {
    Map<String, String> services = services(project);
    Map<String, String> result = new TreeMap<>();
    Optional.ofNullable(services.get("minio")).ifPresent(u -> result.put("minioS3", unslashed(u)));
    Optional.ofNullable(services.get("orthanc")).ifPresent(u -> {
      result.put("orthancHttp", unslashed(u));
      result.put("orthancDicomWeb", u + "dicom-web");
    });
    Optional.ofNullable(services.get("mlflow")).ifPresent(u -> result.put("mlflowTracking", unslashed(u)));
    Optional.ofNullable(services.get("monai-label")).ifPresent(u -> result.put("monaiLabel", unslashed(u)));
    catalog.tool("monai-deploy").flatMap(ToolDefinition::service).filter(s -> services.containsKey("monai-deploy"))
        .ifPresent(s -> result.put("monaiDeployDicom", serviceHost(project, s.name())));
    return result;
  }

  /**
   * How the tool's Ingress looks: host, path and path type, class, annotations and TLS Secret, and
   * the tool's URL without a trailing slash ({@code url}). A
   * tool that serves only from {@code /} behind nginx gets a regular-expression path and a rewrite
   * that removes its prefix; other ingress controllers get the plain prefix, and so does a tool
   * behind the login proxy, which removes the prefix itself.
   */
  static Map<String, Object> ingress(Project project, Cluster cluster, ToolDefinition tool) {
    Map<String, Object> ingress = new LinkedHashMap<>();
    String className = cluster.ingress().className();
    Map<String, String> annotations = new TreeMap<>();
    if (!cluster.ingress().clusterIssuer().isEmpty()) {
      annotations.put("cert-manager.io/cluster-issuer", cluster.ingress().clusterIssuer());
    }
    String prefix = unslashed(tool.path());
    String path = prefix.isEmpty() ? "/" : prefix;
    String pathType = "Prefix";
    // behind the login proxy the proxy removes the prefix: the proxy's own paths are under it
    if (tool.stripPath() && !tool.behindLoginProxy() && !prefix.isEmpty() && "nginx".equals(className)) {
      path = prefix + "(/|$)(.*)";
      pathType = "ImplementationSpecific";
      annotations.put("nginx.ingress.kubernetes.io/use-regex", "true");
      annotations.put("nginx.ingress.kubernetes.io/rewrite-target", "/$2");
    }
    ingress.put("host", host(project, cluster, tool));
    ingress.put("url", "https://" + host(project, cluster, tool) + prefix);
    ingress.put("path", path);
    ingress.put("pathType", pathType);
    ingress.put("className", className);
    ingress.put("annotations", annotations);
    ingress.put("tlsSecret", project.name() + "-" + tool.id() + "-tls");
    return ingress;
  }

  /** The Secret names of every enabled tool, by {@code <tool>.<id>}, plus {@code oidc}. */
  private Map<String, Object> secrets(Project project) {
    Map<String, Object> result = new TreeMap<>();
    for (ToolDefinition tool : tools(project)) {
      Map<String, String> names = new TreeMap<>();
      tool.secrets().values().forEach(s -> names.put(s.id(), s.name()));
      if (!names.isEmpty()) {
        result.put(tool.id(), names);
      }
    }
    result.put("oidc", OIDC_SECRET);
    return result;
  }

  /**
   * The tool's images by name: {@code ref} as pinned, its {@code repository} and {@code tag}, and
   * {@code home}, its user's home directory, where the catalog gives one.
   */
  private static Map<String, Object> images(ToolDefinition tool) {
    Map<String, Object> result = new TreeMap<>();
    tool.images().forEach((name, ref) -> {
      int colon = ref.lastIndexOf(':');
      Map<String, Object> image = new TreeMap<>();
      image.put("ref", ref);
      image.put("repository", ref.substring(0, colon));
      image.put("tag", ref.substring(colon + 1));
      Optional.ofNullable(tool.homes().get(name)).ifPresent(home -> image.put("home", home));
      result.put(name, image);
    });
    return result;
  }

  private static Map<String, String> storage(Cluster cluster) {
    Map<String, String> result = new TreeMap<>();
    result.put("defaultClass", cluster.storage().defaultClass());
    result.put("sharedClass", cluster.storage().sharedClass());
    result.put("sharedClaim", cluster.storage().sharedClass().isEmpty() ? "" : ProjectVolumes.SHARED_CLAIM);
    return result;
  }

  /** Ports from the lock: {@code dicom} (when Orthanc is enabled) and {@code ssh} by user. */
  private Map<String, Object> ports(Project project, Cluster cluster) {
    Map<String, Object> result = new TreeMap<>();
    lock.port(Slot.dicom(cluster.name(), project.name())).ifPresent(p -> result.put("dicom", p));
    Map<String, Integer> ssh = new TreeMap<>();
    lock.ports(cluster.name(), Lock.Range.SSH).forEach((slot, port) -> {
      if (slot.project().equals(project.name())) {
        ssh.put(slot.user(), port);
      }
    });
    result.put("ssh", ssh);
    return result;
  }

  /** The users of the project's workspace, with their pod label and SSH port (0 without SSH). */
  private List<Map<String, Object>> workspaceUsers(Project project, Cluster cluster) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (String user : WorkspaceNames.sshUsers(project)) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", user);
      entry.put("label", WorkspaceNames.userLabel(user));
      entry.put("sshPort", lock.port(Slot.ssh(cluster.name(), project.name(), user)).orElse(0));
      result.add(entry);
    }
    return result;
  }

  private static String slashed(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return p.endsWith("/") ? p : p + "/";
  }

  private static String unslashed(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
