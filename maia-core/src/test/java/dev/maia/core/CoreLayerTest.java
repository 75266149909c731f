package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.model.Cluster.GpuPool;
import dev.maia.core.model.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core layer on the test platform {@code src/test/resources/platforms/core}: cluster {@code
 * full} gets every component (its GPUs shared 1, 4 and 7 ways), {@code edge} the defaults with
 * Traefik, {@code own} none. The whole tree equals {@code src/test/resources/golden/core}
 * (rewrite it with {@code -Dmaia.updateGolden=true}); and what must hold whatever the golden
 * files say: the waves order each component after what it needs, and the device plugin shares each
 * product's cards the way the booking rules count them.
 */
class CoreLayerTest {

  private static final Path GOLDEN = TestPaths.repoRoot().resolve("maia-core/src/test/resources/golden/core");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir static Path dir;

  private static Map<String, String> tree;
  private static Map<String, List<JsonNode>> documents;
  private static Platform platform;

  @BeforeAll
  static void generate() throws IOException {
    Path repo = TestPaths.copy(TestPaths.testPlatform("core"), dir.resolve("repo"));
    Path out = dir.resolve("out");
    MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
    compiler.generate(new GenerateRequest(repo.resolve("platform.yaml"), out, GenerateExampleTest.NOW));
    platform = compiler.validate(repo.resolve("platform.yaml"), GenerateExampleTest.NOW).platform();
    tree = GenerateExampleTest.tree(out);
    if (TestPaths.updateGolden()) {
      GenerateExampleTest.replaceTree(GOLDEN, tree);
    }
    documents = AllTools.documents(tree);
  }

  private static JsonNode document(String file) {
    return documents.get(file).get(0);
  }

  private static Set<String> coreApplications(String cluster) {
    Set<String> names = new TreeSet<>();
    tree.keySet().stream().filter(f -> f.startsWith("argocd/apps/" + cluster + "/core"))
        .forEach(f -> names.add(f.substring(f.lastIndexOf('/') + 1)));
    return names;
  }

  private static int wave(JsonNode application) {
    return Integer.parseInt(application.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asText());
  }

  @Test
  void treeMatchesGoldenTree() throws IOException {
    assertThat(tree).isEqualTo(GenerateExampleTest.tree(GOLDEN));
  }

  @Test
  void eachClusterGetsTheComponentsItsSettingsAskFor() {
    assertThat(coreApplications("full")).containsExactly("core-cert-manager.yaml", "core-external-secrets.yaml",
        "core-gpu-operator.yaml", "core-ingress-nginx.yaml", "core-kube-prometheus-stack.yaml", "core-kueue.yaml",
        "core-local-path-provisioner.yaml", "core-metallb.yaml", "core-metrics-server.yaml", "core-nfs-provisioner.yaml",
        "core.yaml");
    assertThat(coreApplications("edge")).containsExactly("core-cert-manager.yaml", "core-external-secrets.yaml",
        "core-kube-prometheus-stack.yaml", "core-metrics-server.yaml", "core-traefik.yaml", "core.yaml");
    assertThat(coreApplications("own")).isEmpty();
    assertThat(tree).doesNotContainKey("clusters/own/core/resources.yaml");
    // every core Application is listed by its cluster's Applications folder, which the root syncs
    for (String cluster : List.of("full", "edge")) {
      JsonNode kustomization = document("argocd/apps/" + cluster + "/kustomization.yaml");
      Set<String> listed = new TreeSet<>();
      kustomization.path("resources").forEach(r -> listed.add(r.asText()));
      assertThat(listed).containsAll(coreApplications(cluster));
    }
  }

  @Test
  void everyComponentSyncsAfterWhatItNeedsAndBeforeTheProjects() {
    // given
    Map<String, Integer> waves = new TreeMap<>();
    coreApplications("full").forEach(f -> waves.put(f, wave(document("argocd/apps/full/" + f))));
    int namespaces = wave(document("argocd/apps/full/lung-namespace.yaml"));
    int config = waves.get("core.yaml");

    // then: the operators whose CRDs the configuration uses come before it, monitoring (whose
    // ServiceMonitor CRD the others use) before the components that make ServiceMonitors, and all
    // before the project namespaces
    for (String operator : List.of("core-cert-manager.yaml", "core-external-secrets.yaml", "core-metallb.yaml", "core-kueue.yaml")) {
      assertThat(waves.get(operator)).as(operator).isLessThan(config);
    }
    assertThat(waves.get("core-kube-prometheus-stack.yaml")).isGreaterThan(config);
    for (String monitored : List.of("core-ingress-nginx.yaml", "core-gpu-operator.yaml")) {
      assertThat(waves.get(monitored)).as(monitored).isGreaterThan(waves.get("core-kube-prometheus-stack.yaml"));
    }
    assertThat(waves.values()).allSatisfy(wave -> assertThat(wave).isLessThan(namespaces));
  }

  @Test
  void theDevicePluginSharesEachProductsCardsAsTheBookingRulesCountThem() throws IOException {
    // given
    JsonNode config = document("argocd/apps/full/core-gpu-operator.yaml")
        .at("/spec/source/helm/valuesObject/devicePlugin/config");
    String workspace = tree.get("argocd/apps/full/lung-workspace.yaml");

    // then: one configuration per product, whose replicas times the cards is the pool's capacity
    List<GpuPool> pools = platform.cluster("full").orElseThrow().gpus();
    assertThat(config.path("data").size()).isEqualTo(pools.size());
    for (GpuPool pool : pools) {
      JsonNode plugin = YAML.readTree(config.path("data").path(pool.product()).asText());
      JsonNode sharing = plugin.path("sharing").path(pool.sharing() == GpuPool.Sharing.MPS ? "mps" : "timeSlicing");
      int replicas = plugin.has("sharing") ? sharing.path("resources").get(0).path("replicas").asInt() : 1;
      assertThat(plugin.path("version").asText()).isEqualTo("v1");
      assertThat(pool.count() * replicas).as(pool.product()).isEqualTo(pool.capacity());
      assertThat(replicas > 1).as("%s shared", pool.product()).isEqualTo(plugin.has("sharing"));
    }
    // products shared differently: no default, each node names its product's configuration
    assertThat(config.has("default")).isFalse();
    // the shared L40S nodes are labelled NVIDIA-L40S-SHARED by the GPU feature discovery
    assertThat(workspace).contains("nvidia.com/gpu.product: NVIDIA-L40S-SHARED").doesNotContain("gpu.product: NVIDIA-L40S\n");
  }

  @Test
  void theCoreConfigurationMakesWhatTheComponentsAreToUse() {
    // given
    List<JsonNode> full = documents.get("clusters/full/core/resources.yaml");
    Map<String, JsonNode> byKind = new TreeMap<>();
    full.forEach(d -> byKind.put(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText(), d));

    // then
    assertThat(byKind).containsOnlyKeys("ClusterIssuer/letsencrypt", "ClusterSecretStore/vault", "IPAddressPool/maia",
        "L2Advertisement/maia", "Namespace/monitoring", "ExternalSecret/grafana-admin", "ConfigMap/maia-gpu-dashboard");
    assertThat(byKind.get("ClusterIssuer/letsencrypt").at("/spec/acme/solvers/0/http01/ingress/ingressClassName").asText())
        .isEqualTo("nginx");
    assertThat(byKind.get("IPAddressPool/maia").at("/spec/addresses").toString())
        .isEqualTo("[\"192.168.10.240-192.168.10.250\",\"10.20.0.0/28\"]");
    assertThat(byKind.get("ClusterSecretStore/vault").at("/spec/provider/vault/server").asText()).isEqualTo("https://vault.example.org");
    assertThat(document("clusters/edge/core/resources.yaml")).isNotNull();
    assertThat(tree.get("clusters/edge/core/resources.yaml")).contains("kind: ClusterIssuer").contains("selfSigned: {}");
  }

  @Test
  void theCoreProjectNamesEachNamespaceItDeploysToAndNothingMore() {
    // given
    JsonNode project = document("argocd/core-project.yaml");
    Set<String> destinations = new TreeSet<>();
    project.path("spec").path("destinations").forEach(d -> destinations.add(d.path("server").asText() + " " + d.path("namespace").asText()));

    // then: full's ten components in their namespaces, edge's five, none of own's
    CoreCatalog catalog = CoreCatalog.builtIn();
    Set<String> expected = new TreeSet<>();
    coreApplications("full").stream().filter(f -> !f.equals("core.yaml"))
        .forEach(f -> expected.add("https://kubernetes.default.svc " + catalog.component(f.substring(5, f.length() - 5)).namespace()));
    coreApplications("edge").stream().filter(f -> !f.equals("core.yaml"))
        .forEach(f -> expected.add("https://edge.example.org:6443 " + catalog.component(f.substring(5, f.length() - 5)).namespace()));
    assertThat(destinations).isEqualTo(expected).noneMatch(d -> d.contains("own.example.org") || d.contains("*"));
  }
}
