package dev.maia.core.importer;

import static dev.maia.core.importer.ImportNames.baseName;
import static dev.maia.core.importer.ImportNames.clusterName;
import static dev.maia.core.importer.ImportNames.projectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Defaults;
import dev.maia.core.model.ProjectVolumes;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.model.ToolSettings;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Maps the files of an upstream MAIA installation to a platform document and one document per
 * project. Cluster files ({@code <cluster_name>.yaml}) become {@code spec.clusters}, project forms
 * ({@code group_ID}, {@code users}, {@code resources_limits}, {@code gpu_request}) and the
 * per-project override files become {@code projects}, and {@code env.json} gives ArgoCD's namespace
 * and the admin group. Every credential becomes a secret-store reference or a note; every field
 * without a place in platform.yaml becomes a note.
 */
final class InstallationMapper {

  /** What MAIA calls an in-cluster ArgoCD destination ({@code maia_core.py}). */
  private static final String IN_CLUSTER = "https://kubernetes.default.svc";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern GPU_PRODUCT = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E)?");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)+");
  private static final String LABEL = "[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?";
  /** An https URL with a host name (every label of it non-empty) or an address, and perhaps a port and a path. */
  private static final Pattern HTTPS_URL = Pattern.compile("https://" + LABEL + "(\\." + LABEL + ")*(:[0-9]{1,5})?(/\\S*)?");
  private static final int NODE_PORT_MIN = 30000;
  private static final int NODE_PORT_MAX = 32767;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ImportNotes notes;

  /** Which fields of each file were carried over; notes for the rest. */
  private final FieldLedger ledger;

  /** Cluster name to its GPU pools, for project GPUs. */
  private final Map<String, List<ObjectNode>> gpusByCluster = new TreeMap<>();

  InstallationMapper(ImportNotes notes) {
    this.notes = notes;
    this.ledger = new FieldLedger(notes);
  }

  /** The platform document and the project documents by name, from the classified files. */
  record Mapped(ObjectNode platform, Map<String, ObjectNode> projects) {}

  Mapped map(List<UpstreamFile> clusters, List<UpstreamFile> forms, List<UpstreamFile> overrides, Optional<UpstreamFile> env) {
    env.ifPresent(ledger::track);
    String argocdCluster = argocdCluster(clusters, env);
    ObjectNode platform = NODES.objectNode();
    platform.put("apiVersion", "maia/v1alpha1");
    platform.put("kind", "Platform");
    platform.putObject("metadata").put("name", argocdCluster);
    ObjectNode spec = platform.putObject("spec");

    ObjectNode gitops = spec.putObject("gitops");
    gitops.put("repoURL", "https://git.example.org/maia/platform-gitops.git");
    gitops.put("branch", Defaults.GITOPS_BRANCH);
    notes.todo("set `spec.gitops.repoURL` to the Git repository ArgoCD will sync the generated tree from"
        + " (MAIA had none: it installed charts with Helm); it is a placeholder now.");

    ObjectNode argocd = spec.putObject("argocd");
    argocd.put("namespace", env.map(e -> envText(e, "argocd_namespace")).filter(s -> DNS_LABEL.matcher(s).matches()).orElse(Defaults.ARGOCD_NAMESPACE));
    argocd.put("cluster", argocdCluster);

    ObjectNode secrets = spec.putObject("secrets");
    secrets.put("provider", Defaults.SECRETS_PROVIDER);
    ObjectNode store = secrets.putObject("store");
    store.put("kind", Defaults.SECRET_STORE_KIND);
    store.put("name", "maia-secrets");
    notes.todo("set `spec.secrets.store` to the External Secrets store that holds the credentials listed below"
        + " (`ClusterSecretStore` `maia-secrets` is a placeholder).");

    ArrayNode clusterList = spec.putArray("clusters");
    Set<String> names = new LinkedHashSet<>();
    String issuer = null;
    for (UpstreamFile file : clusters) {
      ObjectNode cluster = cluster(file, argocdCluster);
      if (!names.add(cluster.path("name").asText())) {
        notes.skipped(file.path(), "another cluster file already defines cluster '" + cluster.path("name").asText() + "'");
        continue;
      }
      clusterList.add(cluster);
      String fromKeycloak = file.root().path("keycloak").path("issuer_url").asText("").strip();
      if (issuer == null && HTTPS_URL.matcher(fromKeycloak).matches()) {
        issuer = fromKeycloak.replaceAll("/+$", "");
        use(file, "/keycloak/issuer_url");
      } else if (!fromKeycloak.isEmpty() && !HTTPS_URL.matcher(fromKeycloak).matches()) {
        notes.dropped(file, "/keycloak/issuer_url", "'" + fromKeycloak + "' is no https URL with a host name"
            + " (an empty domain in MAIA's installer gives https://iam./realms/maia)");
        use(file, "/keycloak/issuer_url");
      }
    }

    ObjectNode identity = spec.putObject("identity");
    if (issuer == null) {
      // the domain as carried over (a cluster file without one gets a placeholder domain and a to-do)
      String domain = "example.org";
      for (JsonNode cluster : clusterList) {
        if (cluster.path("name").asText().equals(argocdCluster)) {
          domain = cluster.path("domain").asText();
        }
      }
      issuer = "https://iam." + domain + "/realms/maia";
      notes.todo("check `spec.identity.issuer`: it was derived as " + issuer + " (MAIA's Keycloak at iam.<domain>, realm maia).");
    }
    identity.put("issuer", issuer);
    String adminGroup = env.map(e -> envText(e, "admin_group_ID")).filter(s -> !s.isEmpty()).orElse(Defaults.ADMIN_GROUP);
    identity.put("adminGroup", adminGroup);
    identity.put("groupPrefix", Defaults.GROUP_PREFIX);
    spec.putArray("include").add("projects/*.yaml");

    Map<String, ObjectNode> projects = new TreeMap<>();
    Map<String, UpstreamFile> formOf = new LinkedHashMap<>();
    for (UpstreamFile form : forms) {
      ObjectNode project = project(form, names, argocdCluster);
      String name = project.path("name").asText();
      if (projects.containsKey(name)) {
        notes.skipped(form.path(), "the project '" + name + "' is already defined by " + formOf.get(name).path());
        continue;
      }
      projects.put(name, project);
      formOf.put(name, form);
    }
    for (UpstreamFile override : overrides) {
      String name = projectName(override.text("name").isEmpty() ? baseName(override.path()) : override.text("name"));
      ObjectNode project = projects.get(name);
      if (name.isEmpty()) {
        notes.skipped(override.path(), "it looks like a project override file, but its name gives no project name");
        continue;
      }
      if (project == null) {
        notes.skipped(override.path(), "it looks like a project override file, but no project form defines project '" + name + "'");
        continue;
      }
      use(override, "/name");
      override(override, project);
    }
    projects.values().forEach(project -> storage(project, clusterList));
    ledger.reportLeftovers();
    return new Mapped(platform, projects);
  }

  /**
   * MAIA sets no storage quota. Where the default one would not hold the volumes the project's tools
   * and members claim (summed as validation sums them, {@link ProjectVolumes}), the project's storage
   * is that sum, with a note to check it.
   */
  private void storage(ObjectNode project, ArrayNode clusters) {
    if (project.path("resources").has("storage")) {
      return;
    }
    ToolCatalog catalog = ToolCatalog.builtIn();
    List<ToolDefinition> tools = new ArrayList<>();
    Map<String, ToolSettings> settings = new TreeMap<>();
    project.path("tools").properties().forEach(e -> catalog.tool(e.getKey()).ifPresent(tool -> {
      tools.add(tool);
      Map<String, Object> values = new TreeMap<>();
      e.getValue().properties().forEach(v -> values.put(v.getKey(), v.getValue().isTextual() ? v.getValue().asText() : v.getValue().toString()));
      settings.put(tool.id(), new ToolSettings(tool.id(), values));
    }));
    Set<String> members = new java.util.TreeSet<>();
    for (String field : List.of("users", "admins")) {
      project.path(field).forEach(m -> members.add(m.asText().toLowerCase(Locale.ROOT)));
    }
    String cluster = project.path("cluster").asText();
    boolean shared = false;
    for (JsonNode c : clusters) {
      shared |= c.path("name").asText().equals(cluster) && c.path("storage").has("shared");
    }
    java.math.BigDecimal total = java.math.BigDecimal.ZERO;
    for (ProjectVolumes.Claim claim : ProjectVolumes.of(tools, settings, members.size(), shared)) {
      try {
        total = total.add(Quantity.getAmountInBytes(new Quantity(claim.size())).multiply(java.math.BigDecimal.valueOf(claim.count())));
      } catch (RuntimeException e) {
        return; // a size the override wrote that is no quantity: validation reports it
      }
    }
    if (total.compareTo(Quantity.getAmountInBytes(new Quantity(Defaults.STORAGE))) <= 0) {
      return;
    }
    java.math.BigDecimal gi = java.math.BigDecimal.valueOf(1L << 30);
    String storage = total.divide(gi, 0, java.math.RoundingMode.CEILING).toPlainString() + "Gi";
    ObjectNode resources = project.has("resources") ? (ObjectNode) project.get("resources") : project.putObject("resources");
    resources.put("storage", storage);
    notes.todo("check `resources.storage` of project '" + project.path("name").asText() + "': MAIA set no storage quota, and the"
        + " default " + Defaults.STORAGE + " does not hold the volumes of its tools and members, so it is " + storage + ", what they claim.");
  }

  // ---- clusters ---------------------------------------------------------------------------------

  /** The ArgoCD cluster: env.json's cluster_name, else the one MAIA deploys to in-cluster, else the first. */
  private String argocdCluster(List<UpstreamFile> clusters, Optional<UpstreamFile> env) {
    List<String> names = clusters.stream().map(f -> clusterName(f.text("cluster_name"))).toList();
    Optional<String> fromEnv = env.map(e -> clusterName(envText(e, "cluster_name"))).filter(names::contains);
    if (fromEnv.isPresent()) {
      env.ifPresent(e -> use(e, "/cluster_name"));
      return fromEnv.get();
    }
    for (UpstreamFile file : clusters) {
      if (inCluster(file.text("argocd_destination_cluster_address"))) {
        return clusterName(file.text("cluster_name"));
      }
    }
    String first = names.stream().sorted().findFirst().orElseThrow();
    notes.todo("check `spec.argocd.cluster`: no file said where ArgoCD runs, so it is the first cluster, '" + first + "'.");
    return first;
  }

  /** A note for an address that is given but is no https URL with a host name (MAIA's installer writes https://:16443 for an empty domain). */
  private void unusableAddress(UpstreamFile file, String pointer, String address) {
    if (!address.isEmpty() && !HTTPS_URL.matcher(address).matches()) {
      notes.dropped(file, pointer, "'" + address + "' is no https URL with a host name");
      use(file, pointer);
    }
  }

  private static boolean inCluster(String address) {
    String a = address.replaceAll("/+$", "");
    return a.equals(IN_CLUSTER) || a.endsWith("/k8s/clusters/local");
  }

  private ObjectNode cluster(UpstreamFile file, String argocdCluster) {
    ledger.track(file);
    String written = file.text("cluster_name");
    String name = clusterName(written);
    use(file, "/cluster_name");
    if (!name.equals(written)) {
      notes.changed(file, "/cluster_name", "'" + written + "' became the cluster name '" + name + "' (a DNS-1123 label)");
    }
    ObjectNode cluster = NODES.objectNode();
    cluster.put("name", name);

    boolean argocd = name.equals(argocdCluster);
    String destination = file.text("argocd_destination_cluster_address");
    String api = file.text("api");
    String server;
    if (argocd) {
      server = IN_CLUSTER;
      use(file, "/argocd_destination_cluster_address");
    } else if (HTTPS_URL.matcher(destination).matches() && !inCluster(destination)) {
      server = destination;
      use(file, "/argocd_destination_cluster_address");
    } else if (HTTPS_URL.matcher(api).matches()) {
      server = api;
      use(file, "/api");
      notes.changed(file, "/api", "the API address is the cluster's server, since argocd_destination_cluster_address is not a remote https URL");
    } else {
      unusableAddress(file, "/argocd_destination_cluster_address", destination);
      unusableAddress(file, "/api", api);
      server = "https://" + name + ".invalid:6443";
      notes.todo("set `server` of cluster '" + name + "': " + file.path() + " gives no https address ArgoCD can reach it at.");
    }
    cluster.put("server", server);

    String domain = file.text("domain").toLowerCase(Locale.ROOT);
    if (domain.isEmpty()) {
      domain = name + ".example.org";
      notes.todo("set `domain` of cluster '" + name + "': " + file.path() + " has none.");
    }
    use(file, "/domain");
    cluster.put("domain", domain);

    ObjectNode labels = cluster.putObject("labels");
    String distribution = file.text("k8s_distribution");
    if (DNS_LABEL.matcher(distribution).matches()) {
      labels.put("k8s-distribution", distribution);
      use(file, "/k8s_distribution");
    }
    notes.todo("give cluster '" + name + "' the labels its rollout wave selects on, such as `site` and `env`.");

    if (!argocd) {
      ObjectNode credentials = cluster.putObject("credentials");
      credentials.put("secretKey", "clusters/" + name);
      String keep = "store ArgoCD's bearer token for cluster '" + name + "' under key `clusters/" + name
          + "`, property `bearerToken`, with the API server's CA certificate as property `caData`";
      if (file.root().path("maia_dashboard").has("token")) {
        notes.credential(file, "/maia_dashboard/token", keep);
        use(file, "/maia_dashboard/token");
      } else {
        notes.todo(keep + ".");
      }
    } else if (file.root().path("maia_dashboard").has("token")) {
      notes.credential(file, "/maia_dashboard/token", "ArgoCD runs on this cluster and needs no token for it");
      use(file, "/maia_dashboard/token");
    }

    ObjectNode ingress = cluster.putObject("ingress");
    String className = file.text("ingress_class");
    if (!className.isEmpty()) {
      ingress.put("className", className);
      use(file, "/ingress_class");
      if (className.contains("traefik") && !className.equals("traefik")) {
        // MAIA's core installs Traefik under its own class name (maia-core-traefik)
        cluster.putObject("core").putObject("ingress").put("controller", "traefik");
        notes.changed(file, "/ingress_class", "is served by the core layer's Traefik (core.ingress.controller: traefik)");
      }
    }
    if (file.root().path("selfsigned").asBoolean(false)) {
      ingress.put("clusterIssuer", "kubernetes-ca-issuer");
      use(file, "/selfsigned");
      notes.changed(file, "/selfsigned", "became the ClusterIssuer kubernetes-ca-issuer, MAIA's internal CA");
    } else if (!file.text("nginx_cluster_issuer").isEmpty()) {
      ingress.put("clusterIssuer", file.text("nginx_cluster_issuer"));
      use(file, "/nginx_cluster_issuer");
    }
    if (ingress.isEmpty()) {
      cluster.remove("ingress");
    }

    ObjectNode storage = cluster.putObject("storage");
    if (!file.text("storage_class").isEmpty()) {
      storage.put("default", file.text("storage_class"));
      use(file, "/storage_class");
    }
    if (!file.text("shared_storage_class").isEmpty()) {
      storage.put("shared", file.text("shared_storage_class"));
      use(file, "/shared_storage_class");
    }
    if (storage.isEmpty()) {
      cluster.remove("storage");
    }

    ports(file, cluster);
    gpus(file, cluster, name);
    return cluster;
  }

  /** MAIA's one {@code port_range} serves SSH and DICOM; platform.yaml gives each its own range. */
  private void ports(UpstreamFile file, ObjectNode cluster) {
    JsonNode range = file.root().path("port_range");
    if (!range.isArray() || range.size() != 2 || !range.get(0).canConvertToInt() || !range.get(1).canConvertToInt()) {
      return;
    }
    use(file, "/port_range");
    int from = Math.max(NODE_PORT_MIN, Math.min(range.get(0).asInt(), range.get(1).asInt()));
    int to = Math.min(NODE_PORT_MAX, Math.max(range.get(0).asInt(), range.get(1).asInt()));
    if (to - from < 1) {
      notes.changed(file, "/port_range", "lies outside Kubernetes' NodePort range 30000-32767, so the default ranges apply");
      return;
    }
    int dicomSize = to - from + 1 >= 200 ? 100 : (to - from + 1) / 2;
    ObjectNode ports = cluster.putObject("ports");
    ArrayNode ssh = ports.putArray("ssh");
    ssh.add(from).add(to - dicomSize);
    ArrayNode dicom = ports.putArray("dicom");
    dicom.add(to - dicomSize + 1).add(to);
    notes.changed(file, "/port_range", "MAIA's one range for SSH and DICOM ports was split into ssh [" + from + ", " + (to - dicomSize)
        + "] and dicom [" + (to - dicomSize + 1) + ", " + to + "]");
  }

  private void gpus(UpstreamFile file, ObjectNode cluster, String name) {
    JsonNode specs = file.root().path("gpu_specs");
    List<ObjectNode> pools = new ArrayList<>();
    Set<String> products = new HashSet<>();
    for (int g = 0; g < specs.size(); g++) {
      JsonNode spec = specs.get(g);
      String pointer = "/gpu_specs/" + g;
      String product = spec.path("name").asText("").strip().replace(' ', '-');
      int count = spec.path("count").asInt(0);
      if (!GPU_PRODUCT.matcher(product).matches() || product.length() > 63 || count < 1) {
        notes.dropped(file, pointer, "a GPU entry needs a product name and a count of at least 1");
        use(file, pointer);
        continue;
      }
      if (!products.add(product)) {
        notes.dropped(file, pointer, "GPU product '" + product + "' is listed already");
        use(file, pointer);
        continue;
      }
      ObjectNode pool = NODES.objectNode();
      pool.put("product", product);
      pool.put("count", count);
      int replicas = Math.max(1, spec.path("replicas").asInt(Defaults.GPU_REPLICAS));
      pool.put("replicas", replicas);
      pools.add(pool);
      use(file, pointer + "/name");
      use(file, pointer + "/count");
      use(file, pointer + "/replicas");
      if (spec.has("cluster") && !clusterName(spec.path("cluster").asText()).equals(name)) {
        notes.dropped(file, pointer + "/cluster", "GPUs are listed under the cluster whose file names them");
      }
      use(file, pointer + "/cluster");
    }
    if (!pools.isEmpty()) {
      ArrayNode list = cluster.putArray("gpus");
      pools.forEach(list::add);
    }
    gpusByCluster.put(name, pools);
  }

  // ---- projects ---------------------------------------------------------------------------------

  private ObjectNode project(UpstreamFile form, Set<String> clusters, String argocdCluster) {
    ledger.track(form);
    String groupId = form.text("group_ID");
    use(form, "/group_ID");
    String name = projectName(groupId);
    ObjectNode project = NODES.objectNode();
    project.put("name", name);
    if (!name.equals(groupId)) {
      notes.changed(form, "/group_ID", "'" + groupId + "' became the project and namespace name '" + name + "'");
    }
    if (!name.equals(groupId)) {
      project.put("group", Defaults.GROUP_PREFIX + groupId);
    }
    String subdomain = form.text("group_subdomain");
    if (!subdomain.isEmpty()) {
      use(form, "/group_subdomain");
      if (!subdomain.equals(name)) {
        notes.changed(form, "/group_subdomain", "tools are served at " + name + ".<domain>, not " + subdomain + ".<domain>");
      }
    }

    String cluster = form.text("cluster").isEmpty() ? "" : clusterName(form.text("cluster"));
    if (clusters.contains(cluster)) {
      use(form, "/cluster");
    } else {
      String chosen = clusters.size() == 1 ? clusters.iterator().next() : argocdCluster;
      if (!form.text("cluster").isEmpty()) {
        notes.changed(form, "/cluster", "'" + form.text("cluster") + "' is no cluster of the installation; the project runs on '" + chosen + "'");
        use(form, "/cluster");
      } else if (clusters.size() > 1) {
        notes.todo("check the cluster of project '" + name + "': " + form.path() + " names none, so it runs on '" + chosen + "'.");
      }
      cluster = chosen;
    }
    project.put("cluster", cluster);

    String description = form.text("description");
    if (!description.isEmpty() && description.length() <= 1000) {
      project.put("description", description);
      use(form, "/description");
    }
    emails(form, "/users", project, "users");

    ObjectNode resources = NODES.objectNode();
    range(form, "memory", true, resources);
    range(form, "cpu", false, resources);
    if (!resources.isEmpty()) {
      project.set("resources", resources);
      notes.changed(form, "/resources_limits",
          "MAIA's limits of one workspace (one runs at a time) became the quota of the project namespace; raise it for the project's other tools");
    }
    gpu(form, form.root().path("gpu_request"), "/gpu_request", project, cluster);

    ObjectNode tools = project.putObject("tools");
    tools.putObject("workspace");
    String tier = form.text("project_tier");
    if (!tier.isEmpty()) {
      use(form, "/project_tier");
      if (!tier.equalsIgnoreCase("Base")) {
        notes.todo("add the tools of project '" + name + "': its tier '" + tier + "' had MinIO, MySQL, MLflow and Orthanc in MAIA.");
      }
    }
    return project;
  }

  /** {@code resources_limits.<what>: [request, limit]} to {@code resources.<what>: {request, limit}}. */
  private void range(UpstreamFile form, String what, boolean bytes, ObjectNode resources) {
    JsonNode pair = form.root().path("resources_limits").path(what);
    String pointer = "/resources_limits/" + what;
    if (!pair.isArray() || pair.size() != 2) {
      return;
    }
    use(form, pointer);
    Optional<String> request = quantity(pair.get(0), bytes);
    Optional<String> limit = quantity(pair.get(1), bytes);
    if (request.isEmpty() || limit.isEmpty()) {
      notes.dropped(form, pointer, "not a Kubernetes quantity, so the default applies");
      return;
    }
    ObjectNode range = resources.putObject(what);
    range.put("request", request.get());
    range.put("limit", limit.get());
  }

  /** {@code "16 Gi"} as {@code 16Gi}; a bare number of memory as gibibytes. */
  private static Optional<String> quantity(JsonNode value, boolean bytes) {
    if (value.isNumber()) {
      String number = value.decimalValue().stripTrailingZeros().toPlainString();
      return Optional.of(bytes ? number + "Gi" : number);
    }
    String text = value.asText("").replace(" ", "");
    return QUANTITY.matcher(text).matches() ? Optional.of(text) : Optional.empty();
  }

  private void gpu(UpstreamFile file, JsonNode request, String pointer, ObjectNode project, String cluster) {
    if (request.isMissingNode() || request.isNull()) {
      return;
    }
    use(file, pointer);
    int gpus = request.isNumber() ? request.asInt() : parseInt(request.asText("").strip());
    if (gpus < 1) {
      project.remove("gpu");
      return;
    }
    List<ObjectNode> pools = gpusByCluster.getOrDefault(cluster, List.of());
    if (pools.isEmpty()) {
      notes.dropped(file, pointer, "cluster '" + cluster + "' lists no GPUs in gpu_specs");
      return;
    }
    ObjectNode pool = pools.get(0);
    if (pools.size() > 1) {
      notes.todo("check the GPU product of project '" + project.path("name").asText() + "': cluster '" + cluster
          + "' has several, and it got " + pool.path("product").asText() + ".");
    }
    int capacity = pool.path("count").asInt() * pool.path("replicas").asInt(1);
    int granted = Math.min(gpus, capacity);
    ObjectNode gpu = project.putObject("gpu");
    gpu.put("product", pool.path("product").asText());
    gpu.put("quota", granted);
    gpu.put("maxPerWorkspace", granted);
    notes.changed(file, pointer, gpus + " GPU(s) per workspace became gpu.quota and gpu.maxPerWorkspace " + granted
        + (granted < gpus ? ", all the cluster has" : "") + " (usable without a booking)");
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A per-project override file: admins, GPUs, the switches that enable tools. */
  private void override(UpstreamFile file, ObjectNode project) {
    use(file, "/name");
    ObjectNode tools = (ObjectNode) project.path("tools");
    emails(file, "/admins", project, "admins");
    String cluster = project.path("cluster").asText();
    if (file.root().has("gpu_request")) {
      gpu(file, file.root().path("gpu_request"), "/gpu_request", project, cluster);
    }
    String aeTitle = file.text("ae_title");
    if (!aeTitle.isEmpty() && aeTitle.length() <= 16) {
      tools.putObject("orthanc").put("aeTitle", aeTitle);
      use(file, "/ae_title");
    }
    if (file.root().has("mlflow_user") || file.root().has("mlflow_password")) {
      tools.putObject("mlflow");
      tools.putObject("minio");
      use(file, "/mlflow_user");
    }
    if (file.root().has("minio_user") || file.root().has("minio_password")) {
      tools.putObject("minio");
      use(file, "/minio_user");
    }
    if (file.root().has("monai_label_models")) {
      tools.putObject("monai-label");
      notes.dropped(file, "/monai_label_models", "MONAI Label models are configured in the tool, not in platform.yaml");
      use(file, "/monai_label_models");
    }
    if (file.root().path("active_server_limit").canConvertToInt() && file.root().path("active_server_limit").asInt() >= 1) {
      ((ObjectNode) tools.path("workspace")).put("activeServerLimit", file.root().path("active_server_limit").asInt());
      use(file, "/active_server_limit");
    }
    JsonNode env = file.root().path("env");
    if (env.has("DEPLOY_KUBEFLOW")) {
      if (env.path("DEPLOY_KUBEFLOW").asText("").equalsIgnoreCase("true")) {
        tools.putObject("kubeflow");
      }
      use(file, "/env/DEPLOY_KUBEFLOW");
    }
  }

  private void emails(UpstreamFile file, String pointer, ObjectNode project, String field) {
    JsonNode list = file.root().at(pointer);
    if (!list.isArray()) {
      return;
    }
    use(file, pointer);
    Set<String> emails = new LinkedHashSet<>();
    ArrayNode existing = project.has(field) ? (ArrayNode) project.get(field) : null;
    if (existing != null) {
      existing.forEach(e -> emails.add(e.asText()));
    }
    for (int k = 0; k < list.size(); k++) {
      String email = list.get(k).asText("").strip();
      if (EMAIL.matcher(email).matches()) {
        emails.add(email);
      } else {
        notes.dropped(file, pointer + "/" + k, "not an e-mail address; MAIA users are their OIDC e-mail");
      }
    }
    if (!emails.isEmpty()) {
      ArrayNode array = project.putArray(field);
      emails.forEach(array::add);
    }
  }

  // ---- everything else ----------------------------------------------------------------------------

  /** Every value carried over that is a placeholder of MAIA's templates, located: the import may not go on. */
  List<dev.maia.core.problem.Problem> placeholders() {
    return ledger.placeholders();
  }

  /** A file that is not read: one note for it, and one for each credential it holds. */
  void skipped(UpstreamFile file, String reason) {
    ledger.skipped(file, reason);
  }

  private void use(UpstreamFile file, String pointer) {
    ledger.use(file, pointer);
  }

  /** A field of env.json, marked as carried over. */
  private String envText(UpstreamFile env, String field) {
    if (env.root().has(field)) {
      use(env, "/" + field);
    }
    return env.text(field);
  }
}
