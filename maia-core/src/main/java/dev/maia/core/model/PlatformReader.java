package dev.maia.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.Cluster.GpuPool;
import dev.maia.core.model.Cluster.PortRange;
import dev.maia.core.model.Platform.CatalogOverride;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a schema-valid platform document into the model, applying {@link Defaults}. It trusts the
 * schema for types and required fields; semantic checks run on its result.
 */
public final class PlatformReader {

  public Platform read(JsonNode document) {
    JsonNode spec = document.path("spec");
    JsonNode identity = spec.path("identity");
    String groupPrefix = text(identity, "groupPrefix", Defaults.GROUP_PREFIX);
    List<Cluster> clusters = list(spec.path("clusters"), c -> cluster(c, spec.path("core")));
    List<Project> projects = list(spec.path("projects"), p -> project(p, groupPrefix));
    Map<String, Project> projectsByName = new LinkedHashMap<>();
    projects.forEach(p -> projectsByName.putIfAbsent(p.name(), p));
    return new Platform(
        document.path("metadata").path("name").asText(),
        new Platform.GitOps(
            spec.path("gitops").path("repoURL").asText(),
            text(spec.path("gitops"), "branch", Defaults.GITOPS_BRANCH),
            text(spec.path("gitops"), "path", Defaults.GITOPS_PATH)),
        argocd(spec.path("argocd"), clusters),
        new Platform.Identity(
            identity.path("issuer").asText(), text(identity, "adminGroup", Defaults.ADMIN_GROUP), groupPrefix,
            text(identity, "applierImage", Defaults.APPLIER_IMAGE)),
        new Platform.Secrets(
            text(spec.path("secrets"), "provider", Defaults.SECRETS_PROVIDER),
            new Platform.StoreRef(
                text(spec.path("secrets").path("store"), "kind", Defaults.SECRET_STORE_KIND),
                spec.path("secrets").path("store").path("name").asText())),
        catalog(spec.path("catalog")),
        clusters,
        gpuPolicy(spec.path("gpuPolicy")),
        projects,
        list(spec.path("bookings"), b -> booking(b, projectsByName, clusters)),
        list(spec.path("hpc"), this::hpc),
        rollout(spec.path("rollout")));
  }

  /** ArgoCD, at {@code url} or else at {@code argocd.<domain>} of the cluster it runs on (none while that cluster is unknown). */
  private static Platform.ArgoCd argocd(JsonNode argocd, List<Cluster> clusters) {
    String cluster = argocd.path("cluster").asText();
    String url = argocd.has("url")
        ? argocd.path("url").asText()
        : clusters.stream().filter(c -> c.name().equals(cluster)).findFirst().map(Platform.ArgoCd::defaultUrl).orElse("");
    return new Platform.ArgoCd(
        text(argocd, "namespace", Defaults.ARGOCD_NAMESPACE),
        cluster,
        Platform.ArgoCd.Mode.of(text(argocd, "mode", Defaults.ARGOCD_MODE)),
        url);
  }

  private Rollout rollout(JsonNode rollout) {
    return new Rollout(list(rollout.path("waves"), w -> new Rollout.Wave(w.path("name").asText(), selector(w.path("clusters")))));
  }

  private static ClusterSelector selector(JsonNode selector) {
    return new ClusterSelector(
        stringMap(selector.path("matchLabels")),
        list(
            selector.path("matchExpressions"),
            e -> new ClusterSelector.Expression(
                e.path("key").asText(), ClusterSelector.Operator.of(e.path("operator").asText()), strings(e.path("values")))));
  }

  private Cluster cluster(JsonNode c, JsonNode platformCore) {
    JsonNode ports = c.path("ports");
    return new Cluster(
        c.path("name").asText(),
        c.path("server").asText(),
        c.path("domain").asText(),
        c.path("kubernetesVersion").asText(Defaults.KUBERNETES_VERSION),
        stringMap(c.path("labels")),
        optionalText(c.path("credentials"), "secretKey"),
        new Cluster.Ingress(
            text(c.path("ingress"), "className", Defaults.INGRESS_CLASS),
            text(c.path("ingress"), "clusterIssuer", "")),
        new Cluster.Storage(text(c.path("storage"), "default", ""), text(c.path("storage"), "shared", "")),
        new Cluster.Ports(range(ports.path("ssh"), Defaults.SSH_PORTS), range(ports.path("dicom"), Defaults.DICOM_PORTS)),
        list(
            c.path("gpus"),
            g -> new GpuPool(g.path("product").asText(), g.path("count").asInt(), g.path("replicas").asInt(Defaults.GPU_REPLICAS),
                GpuPool.Sharing.of(g.path("sharing").asText(Defaults.GPU_SHARING)))),
        core(c.path("core"), platformCore));
  }

  /** The cluster's core: per component, the cluster's setting, else the platform's. */
  private static Core core(JsonNode cluster, JsonNode platform) {
    java.util.function.Function<String, JsonNode> component = name -> cluster.has(name) ? cluster.path(name) : platform.path(name);
    JsonNode issuer = component.apply("certManager").path("issuer");
    Optional<Core.Issuer> parsedIssuer = Optional.empty();
    if (issuer.has("acme")) {
      parsedIssuer = Optional.of(new Core.Issuer(Core.Issuer.Kind.ACME, issuer.path("acme").path("email").asText(),
          text(issuer.path("acme"), "server", Defaults.ACME_SERVER), ""));
    } else if (issuer.has("selfSigned")) {
      parsedIssuer = Optional.of(new Core.Issuer(Core.Issuer.Kind.SELF_SIGNED, "", "", ""));
    } else if (issuer.has("ca")) {
      parsedIssuer = Optional.of(new Core.Issuer(Core.Issuer.Kind.CA, "", "", issuer.path("ca").path("secretName").asText()));
    }
    JsonNode store = component.apply("secrets").path("storeProvider");
    JsonNode storage = component.apply("storage");
    return new Core(
        enabled(component.apply("ingress")),
        component.apply("ingress").has("controller") ? Optional.of(component.apply("ingress").path("controller").asText()) : Optional.empty(),
        strings(component.apply("loadBalancer").path("addresses")),
        enabled(component.apply("certManager")),
        parsedIssuer,
        enabled(component.apply("secrets")),
        store.isObject() ? Optional.of(plainMap(store)) : Optional.empty(),
        enabled(component.apply("gpuOperator")),
        component.apply("gpuOperator").path("driver").asBoolean(Defaults.GPU_DRIVER),
        enabled(component.apply("kueue")),
        provisioner(storage.path("default")),
        provisioner(storage.path("shared")),
        enabled(component.apply("monitoring")));
  }

  private static Optional<Boolean> enabled(JsonNode component) {
    return component.has("enabled") ? Optional.of(component.path("enabled").asBoolean()) : Optional.empty();
  }

  private static Optional<Core.Provisioner> provisioner(JsonNode node) {
    if (node.has("localPath")) {
      return Optional.of(new Core.Provisioner(Core.Provisioner.Kind.LOCAL_PATH, text(node.path("localPath"), "path", Defaults.LOCAL_PATH), ""));
    }
    if (node.has("nfs")) {
      return Optional.of(new Core.Provisioner(Core.Provisioner.Kind.NFS, node.path("nfs").path("path").asText(), node.path("nfs").path("server").asText()));
    }
    return Optional.empty();
  }

  private Project project(JsonNode p, String groupPrefix) {
    String name = p.path("name").asText();
    List<String> clusters = p.has("clusters") ? strings(p.path("clusters")) : List.of(p.path("cluster").asText());
    JsonNode resources = p.path("resources");
    Optional<Project.ProjectGpu> gpu =
        p.has("gpu")
            ? Optional.of(
                new Project.ProjectGpu(
                    p.path("gpu").path("product").asText(),
                    p.path("gpu").path("quota").asInt(0),
                    p.path("gpu").path("maxPerWorkspace").asInt(Defaults.GPU_MAX_PER_WORKSPACE)))
            : Optional.empty();
    TreeMap<String, Project.ClusterOverride> overrides = new TreeMap<>();
    p.path("clusterOverrides").fields().forEachRemaining(e -> overrides.put(e.getKey(), clusterOverride(e.getValue())));
    return new Project(
        name,
        clusters,
        text(p, "description", ""),
        strings(p.path("users")),
        strings(p.path("admins")),
        text(p, "group", groupPrefix + name),
        new Project.Resources(
            new Project.Range(
                quantity(resources.path("cpu").path("request"), Defaults.CPU_REQUEST),
                quantity(resources.path("cpu").path("limit"), Defaults.CPU_LIMIT)),
            new Project.Range(
                quantity(resources.path("memory").path("request"), Defaults.MEMORY_REQUEST),
                quantity(resources.path("memory").path("limit"), Defaults.MEMORY_LIMIT)),
            quantity(resources.path("storage"), Defaults.STORAGE)),
        gpu,
        tools(p.path("tools")),
        overrides);
  }

  private static TreeMap<String, ToolSettings> tools(JsonNode tools) {
    TreeMap<String, ToolSettings> result = new TreeMap<>();
    tools.fields().forEachRemaining(e -> result.put(e.getKey(), new ToolSettings(e.getKey(), plainMap(e.getValue()))));
    return result;
  }

  private Project.ClusterOverride clusterOverride(JsonNode o) {
    JsonNode r = o.path("resources");
    Project.ResourcesOverride resources =
        new Project.ResourcesOverride(
            optionalQuantity(r.path("cpu").path("request")),
            optionalQuantity(r.path("cpu").path("limit")),
            optionalQuantity(r.path("memory").path("request")),
            optionalQuantity(r.path("memory").path("limit")),
            optionalQuantity(r.path("storage")));
    JsonNode g = o.path("gpu");
    Optional<Project.GpuOverride> gpu =
        o.has("gpu")
            ? Optional.of(
                new Project.GpuOverride(
                    optionalText(g, "product"),
                    g.hasNonNull("quota") ? Optional.of(g.get("quota").asInt()) : Optional.empty(),
                    g.hasNonNull("maxPerWorkspace") ? Optional.of(g.get("maxPerWorkspace").asInt()) : Optional.empty()))
            : Optional.empty();
    return new Project.ClusterOverride(resources, gpu, tools(o.path("tools")), strings(o.path("omitTools")));
  }

  private static Optional<String> optionalQuantity(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(quantity(node, ""));
  }

  private Booking booking(JsonNode b, Map<String, Project> projects, List<Cluster> clusters) {
    String projectName = b.path("project").asText();
    String product = b.path("product").asText();
    String cluster = text(b, "cluster", "");
    if (cluster.isEmpty() && projects.containsKey(projectName)) {
      cluster = defaultBookingCluster(projects.get(projectName), product, clusters);
    }
    return new Booking(
        b.path("id").asText(),
        b.path("user").asText(),
        projectName,
        cluster,
        product,
        b.path("gpus").asInt(),
        Instant.parse(b.path("start").asText()),
        Instant.parse(b.path("end").asText()));
  }

  /** The project's only cluster, or the only one of its clusters that has the product; else "". */
  public static String defaultBookingCluster(Project project, String product, List<Cluster> clusters) {
    if (project.clusters().size() == 1) {
      return project.clusters().get(0);
    }
    List<String> withProduct =
        clusters.stream()
            .filter(c -> project.clusters().contains(c.name()) && c.gpu(product).isPresent())
            .map(Cluster::name)
            .toList();
    return withProduct.size() == 1 ? withProduct.get(0) : "";
  }

  private HpcSystem hpc(JsonNode h) {
    String name = h.path("name").asText();
    List<HpcSystem.Account> accounts = new ArrayList<>();
    h.path("users").properties().forEach(e -> accounts.add(new HpcSystem.Account(e.getKey(), e.getValue().asText())));
    JsonNode credentials = h.path("credentials");
    JsonNode shared = credentials.path("shared");
    return new HpcSystem(
        name,
        h.path("host").asText(),
        h.path("port").asInt(Defaults.HPC_PORT),
        h.path("scheduler").asText(),
        text(h, "account", ""),
        text(h, "partition", ""),
        strings(h.path("projects")),
        accounts,
        optionalText(credentials, "secretKey"),
        shared.isObject()
            ? Optional.of(new HpcSystem.SharedAccount(
                shared.path("user").asText(), text(shared, "secretKey", Defaults.HPC_SECRET_KEY_PREFIX + name)))
            : Optional.empty());
  }

  private GpuPolicy gpuPolicy(JsonNode g) {
    return new GpuPolicy(
        duration(g, "minDuration", Defaults.MIN_DURATION),
        duration(g, "maxDuration", Defaults.MAX_DURATION),
        duration(g, "cooldown", Defaults.COOLDOWN),
        g.path("maxFutureBookings").asInt(Defaults.MAX_FUTURE_BOOKINGS),
        GpuPolicy.Scheduling.of(text(g, "scheduling", Defaults.SCHEDULING)));
  }

  private Map<String, CatalogOverride> catalog(JsonNode catalog) {
    Map<String, CatalogOverride> result = new TreeMap<>();
    catalog.fields()
        .forEachRemaining(
            e ->
                result.put(
                    e.getKey(),
                    new CatalogOverride(
                        optionalText(e.getValue(), "repoURL"),
                        optionalText(e.getValue(), "chart"),
                        optionalText(e.getValue(), "version"))));
    return result;
  }

  /** Parses an ISO-8601 duration; the schema has checked the syntax. */
  public static Duration parseDuration(String text) {
    return Duration.parse(text);
  }

  private static Duration duration(JsonNode node, String field, Duration fallback) {
    return node.hasNonNull(field) ? parseDuration(node.get(field).asText()) : fallback;
  }

  private static PortRange range(JsonNode pair, int[] fallback) {
    return pair.isArray() && pair.size() == 2
        ? new PortRange(pair.get(0).asInt(), pair.get(1).asInt())
        : new PortRange(fallback[0], fallback[1]);
  }

  /** A quantity as written: numbers keep their plain decimal form ("8", "0.5"). */
  private static String quantity(JsonNode node, String fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.asText();
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static List<String> strings(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(n -> result.add(n.asText()));
    return result;
  }

  private static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> result = new TreeMap<>();
    object.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
    return result;
  }

  private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> item) {
    List<T> result = new ArrayList<>(array.size());
    array.forEach(n -> result.add(item.apply(n)));
    return result;
  }

  /** JSON to plain immutable Java values for tool settings. */
  static Map<String, Object> plainMap(JsonNode object) {
    Map<String, Object> result = new TreeMap<>();
    object.fields().forEachRemaining(e -> {
      Object value = plain(e.getValue());
      if (value != null) {
        result.put(e.getKey(), value);
      }
    });
    return result;
  }

  private static Object plain(JsonNode node) {
    if (node.isObject()) {
      return java.util.Collections.unmodifiableMap(plainMap(node));
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(n -> items.add(plain(n)));
      return java.util.Collections.unmodifiableList(items);
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return new BigDecimal(node.decimalValue().toPlainString());
    }
    if (node.isNull()) {
      return null;
    }
    return node.asText();
  }
}
