package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.clustercore.CoreComponent;
import dev.maia.core.clustercore.CorePlan;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Cluster.GpuPool;
import dev.maia.core.model.Core;
import dev.maia.core.model.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The core layer of a cluster ({@link CorePlan}): an Application per foundation component, with
 * its pinned chart and values from its template ({@code templates/core/ID/values.yaml.ftl}), and
 * the objects that configure the components (the ClusterIssuer, the ClusterSecretStore, MetalLB's
 * pool), synced after them by the Application {@code CLUSTER-core}.
 */
final class CoreRenderer {

  /** The folder of a cluster's core configuration objects, under its overlay. */
  static final String CONFIG_FOLDER = "core";
  /** The sync wave of {@code CLUSTER-core}: after the operators whose CRDs its objects use. */
  static final int CONFIG_WAVE = -35;
  static final String CORE_LABEL = "maia.dev/core";
  static final String METALLB_POOL = "maia";

  private final Platform platform;
  private final CoreCatalog catalog;
  private final ToolValues values;
  private final SecretRenderer secrets;

  CoreRenderer(Platform platform, CoreCatalog catalog, ToolValues values, SecretRenderer secrets) {
    this.platform = platform;
    this.catalog = catalog;
    this.values = values;
    this.secrets = secrets;
  }

  CorePlan plan(Cluster cluster) {
    return CorePlan.of(platform, cluster, catalog);
  }

  CoreCatalog catalog() {
    return catalog;
  }

  CoreComponent component(String id) {
    return catalog.component(id);
  }

  /** The values of one component of a cluster's plan. */
  JsonNode values(CorePlan plan, CoreComponent component) {
    return values.render(component.valuesTemplate(), place(plan, component), model(plan, component));
  }

  /** What a core component's values are for, in messages: {@code core component traefik on cluster one}. */
  static String place(CorePlan plan, CoreComponent component) {
    return "core component " + component.id() + " on cluster " + plan.cluster().name();
  }

  Map<String, Object> model(CorePlan plan, CoreComponent component) {
    Cluster cluster = plan.cluster();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("cluster", Map.of("name", cluster.name(), "domain", cluster.domain()));
    model.put("component", Map.of("id", component.id(), "namespace", component.namespace()));
    model.put("ingress", Map.of("className", cluster.ingress().className()));
    model.put("monitoring", plan.has(CorePlan.MONITORING));
    model.put("gpu", gpuModel(cluster));
    Map<String, Object> storage = new LinkedHashMap<>();
    provisioned(cluster, Core.Provisioner.Kind.LOCAL_PATH).ifPresent(p -> storage.put("localPath", Map.of("className", p.getKey(),
        "path", p.getValue().path())));
    provisioned(cluster, Core.Provisioner.Kind.NFS).ifPresent(p -> storage.put("nfs", Map.of("className", p.getKey(),
        "server", p.getValue().server(), "path", p.getValue().path())));
    model.put("storage", storage);
    model.put("grafana", Map.of("adminSecret", CorePlan.GRAFANA_ADMIN));
    return model;
  }

  /** The storage class a provisioner of {@code kind} makes on the cluster, with its settings. */
  private static Optional<Map.Entry<String, Core.Provisioner>> provisioned(Cluster cluster, Core.Provisioner.Kind kind) {
    Core core = cluster.core();
    if (core.defaultStorage().filter(p -> p.kind() == kind).isPresent()) {
      return Optional.of(Map.entry(cluster.storage().defaultClass(), core.defaultStorage().get()));
    }
    return core.sharedStorage().filter(p -> p.kind() == kind).map(p -> Map.entry(cluster.storage().sharedClass(), p));
  }

  /**
   * The device plugin's configurations: one per GPU product (its data key the product, which is
   * also the value of a node's {@code nvidia.com/device-plugin.config} label), and the default when
   * every product is shared alike.
   */
  static Map<String, Object> gpuModel(Cluster cluster) {
    List<Object> configs = new ArrayList<>();
    Map<String, String> texts = new TreeMap<>();
    for (GpuPool pool : cluster.gpus()) {
      String text = deviceConfig(pool);
      texts.put(pool.product(), text);
      configs.add(Map.of("name", pool.product(), "text", text));
    }
    boolean alike = texts.values().stream().distinct().count() == 1;
    Map<String, Object> gpu = new LinkedHashMap<>();
    gpu.put("driver", cluster.core().gpuDriver());
    gpu.put("defaultConfig", alike ? cluster.gpus().get(0).product() : "");
    gpu.put("configs", configs);
    return gpu;
  }

  /** The device plugin configuration of one pool (the NVIDIA device plugin's config file, version v1). */
  static String deviceConfig(GpuPool pool) {
    StringBuilder text = new StringBuilder("version: v1\nflags:\n  migStrategy: none\n");
    if (pool.replicas() > 1) {
      text.append("sharing:\n  ").append(pool.sharing() == GpuPool.Sharing.MPS ? "mps" : "timeSlicing").append(":\n")
          .append("    renameByDefault: false\n");
      if (pool.sharing() == GpuPool.Sharing.TIME_SLICING) {
        text.append("    failRequestsGreaterThanOne: false\n");
      }
      text.append("    resources:\n      - name: nvidia.com/gpu\n        replicas: ").append(pool.replicas()).append('\n');
    }
    return text.toString();
  }

  /** The store entry of a cluster's Grafana login. */
  static final String GRAFANA_STORE_KEY = "clusters/%s/grafana";

  /** Grafana's admin login: from the store entry {@code clusters/CLUSTER/grafana}, or the platform repo's SealedSecret. */
  private JsonNode grafanaAdmin(Cluster cluster, String namespace) {
    Map<String, String> keys = new TreeMap<>();
    keys.put("admin-user", "admin-user");
    keys.put("admin-password", "admin-password");
    return secrets.secret(cluster.name(), CorePlan.GRAFANA_ADMIN, namespace, GRAFANA_STORE_KEY.formatted(cluster.name()), keys,
        Map.of(Manifests.MANAGED_BY, "maia", Manifests.CLUSTER_LABEL, cluster.name()));
  }

  /** The store entry of a cluster's internal CA. */
  static final String CA_STORE_KEY = "clusters/%s/ca";

  /**
   * The certificate and key of a cluster's internal CA, in cert-manager's namespace where a
   * ClusterIssuer reads them: from the store entry {@code clusters/CLUSTER/ca}, or the platform repo's
   * SealedSecret.
   */
  private JsonNode caKeyPair(Cluster cluster, String name, String namespace, Map<String, String> labels) {
    Map<String, String> keys = new TreeMap<>();
    keys.put("tls.crt", "tls.crt");
    keys.put("tls.key", "tls.key");
    return secrets.secret(cluster.name(), name, namespace, CA_STORE_KEY.formatted(cluster.name()), keys, labels);
  }

  /** The objects of {@code clusters/CLUSTER/core/}: those that configure the components, in their namespaces. */
  List<JsonNode> configuration(CorePlan plan) {
    Cluster cluster = plan.cluster();
    Map<String, String> labels = new TreeMap<>();
    labels.put(Manifests.MANAGED_BY, "maia");
    labels.put(Manifests.CLUSTER_LABEL, cluster.name());
    List<JsonNode> objects = new ArrayList<>();
    Core core = cluster.core();
    if (plan.has(CorePlan.CERT_MANAGER) && !cluster.ingress().clusterIssuer().isEmpty()) {
      core.issuer().ifPresent(issuer -> {
        if (issuer.kind() == Core.Issuer.Kind.CA) {
          objects.add(caKeyPair(cluster, issuer.secretName(), catalog.component(CorePlan.CERT_MANAGER).namespace(), labels));
        }
        objects.add(clusterIssuer(cluster, issuer, labels));
      });
    }
    if (plan.has("external-secrets")) {
      core.storeProvider().ifPresent(provider -> {
        ObjectNode store = Manifests.resource(SecretRenderer.API_VERSION, "ClusterSecretStore", platform.secrets().store().name(), null);
        Manifests.labels(store, labels);
        store.putObject("spec").set("provider", Manifests.tree(provider));
        objects.add(store);
      });
    }
    if (plan.has(CorePlan.MONITORING)) {
      // the namespace comes first, so that Grafana's login and dashboard are there when its pod starts
      String ns = catalog.component(CorePlan.MONITORING).namespace();
      ObjectNode namespace = Manifests.resource("v1", "Namespace", ns, null);
      Map<String, String> namespaceLabels = new TreeMap<>(labels);
      namespaceLabels.put(CORE_LABEL, CorePlan.MONITORING);
      namespaceLabels.put("pod-security.kubernetes.io/enforce", catalog.component(CorePlan.MONITORING).podSecurity());
      Manifests.labels(namespace, namespaceLabels);
      objects.add(namespace);
      objects.add(grafanaAdmin(cluster, ns));
      objects.add(GpuDashboard.configMap(cluster, ns));
    }
    if (plan.has("metallb")) {
      String ns = catalog.component("metallb").namespace();
      ObjectNode pool = Manifests.resource("metallb.io/v1beta1", "IPAddressPool", METALLB_POOL, ns);
      Manifests.labels(pool, labels);
      pool.putObject("spec").set("addresses", Manifests.strings(core.loadBalancerAddresses()));
      objects.add(pool);
      ObjectNode advertisement = Manifests.resource("metallb.io/v1beta1", "L2Advertisement", METALLB_POOL, ns);
      Manifests.labels(advertisement, labels);
      advertisement.putObject("spec").set("ipAddressPools", Manifests.strings(List.of(METALLB_POOL)));
      objects.add(advertisement);
    }
    return objects;
  }

  private static ObjectNode clusterIssuer(Cluster cluster, Core.Issuer issuer, Map<String, String> labels) {
    ObjectNode resource = Manifests.resource("cert-manager.io/v1", "ClusterIssuer", cluster.ingress().clusterIssuer(), null);
    Manifests.labels(resource, labels);
    ObjectNode spec = resource.putObject("spec");
    switch (issuer.kind()) {
      case ACME -> {
        ObjectNode acme = spec.putObject("acme");
        acme.put("email", issuer.email());
        acme.put("server", issuer.server());
        acme.putObject("privateKeySecretRef").put("name", cluster.ingress().clusterIssuer() + "-account-key");
        acme.putArray("solvers").addObject().putObject("http01").putObject("ingress")
            .put("ingressClassName", cluster.ingress().className());
      }
      case SELF_SIGNED -> spec.putObject("selfSigned");
      case CA -> spec.putObject("ca").put("secretName", issuer.secretName());
    }
    return resource;
  }

}
