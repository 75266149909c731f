package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.Platform;
import dev.maia.core.output.Finding;
import dev.maia.core.output.SecurityLint;
import dev.maia.core.output.SecurityRule;
import dev.maia.core.plan.BookingPlan;
import dev.maia.core.plan.BookingPlanner;
import dev.maia.core.plan.BookingRequest;
import dev.maia.core.plan.Notices;
import dev.maia.core.plan.Planner;
import dev.maia.core.plan.Unit;
import dev.maia.core.verify.admission.UserPods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The federation of {@code src/test/resources/federation}: three clusters (the hub runs ArgoCD), a
 * rollout in three waves, a project on two clusters with an override for one of them, two HPC
 * systems. Each test reads the one generated tree.
 */
class FederationTest {

  static final Path SOURCE = TestPaths.repoRoot().resolve("maia-core/src/test/resources/federation");
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @TempDir static Path repo;
  @TempDir static Path out;
  @TempDir Path work;

  /** The platform file of a copy of the platform repo, so that the lock file is written there. */
  static Path platform;

  @BeforeAll
  static void generate() {
    platform = TestPaths.copy(SOURCE, repo.resolve("federation")).resolve("platform.yaml");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(platform, out, NOW, true));
  }

  private static JsonNode find(String file, String kind, String name) {
    return TreeDocs.find(out.resolve(file), kind, name);
  }

  // ---- 1. cluster registration --------------------------------------------------------------------

  @Test
  void everyClusterButTheArgocdClusterIsRegisteredFromTheStoreWithTlsVerifiedAndItsLabels() {
    // when
    JsonNode uni = find("argocd/clusters/uni.yaml", "ExternalSecret", "cluster-uni");
    JsonNode hospital = find("argocd/clusters/hospital.yaml", "ExternalSecret", "cluster-hospital");

    // then
    assertThat(out.resolve("argocd/clusters/hub.yaml")).doesNotExist();
    assertThat(hospital.at("/spec/data").findValuesAsText("key")).containsOnly("vault/argocd/hospital");
    assertThat(hospital.at("/spec/secretStoreRef/name").asText()).isEqualTo("vault");
    JsonNode template = uni.at("/spec/target/template");
    assertThat(template.at("/metadata/labels"))
        .hasToString(
            "{\"app.kubernetes.io/managed-by\":\"maia\",\"argocd.argoproj.io/secret-type\":\"cluster\",\"env\":\"research\","
                + "\"maia.dev/cluster\":\"uni\",\"maia.gpu/NVIDIA-RTX-A6000\":\"true\",\"region\":\"north\",\"site\":\"kth\"}");
    assertThat(template.at("/data/server").asText()).isEqualTo("https://k8s.uni.example.org:6443");
    JsonNode config = TreeDocs.json(template.at("/data/config").asText());
    assertThat(config.at("/tlsClientConfig/insecure").asBoolean(true)).isFalse();
    assertThat(config.at("/bearerToken").asText()).isEqualTo("{{ .bearerToken }}");
    assertThat(config.at("/tlsClientConfig/caData").asText()).isEqualTo("{{ .caData }}");
  }

  @Test
  void clusterRegistrationsCarryNoCredentialAndConformToTheUpstreamSchemas() throws Exception {
    // given
    Map<String, List<JsonNode>> registrations = new TreeMap<>();
    try (Stream<Path> files = Files.list(out.resolve("argocd/clusters"))) {
      files.forEach(f -> registrations.put("argocd/clusters/" + f.getFileName(), TreeDocs.read(f)));
    }

    // when
    List<Finding> findings = SecurityLint.lint(registrations);

    // then: the lint's no-credentials and tls-verification rules find nothing in them
    assertThat(registrations).hasSize(2);
    assertThat(findings).extracting(Finding::rule).doesNotContain(SecurityRule.NO_CREDENTIALS, SecurityRule.TLS_VERIFICATION);
    assertThat(findings).isEmpty();
    Conformance.assertConforms(out.resolve("argocd/clusters"), work);
  }

  // ---- 2. federated projects ------------------------------------------------------------------------

  @Test
  void aFederatedProjectGetsItsNamespaceQuotaAndPoliciesOnEachOfItsClusters() {
    for (String cluster : List.of("uni", "hospital")) {
      // when
      String resources = "clusters/" + cluster + "/projects/fl-prostate/resources.yaml";

      // then
      assertThat(find(resources, "Namespace", "fl-prostate").at("/metadata/labels/maia.dev~1cluster").asText()).isEqualTo(cluster);
      assertThat(find(resources, "ResourceQuota", "maia-quota").at("/spec/hard")).isNotEmpty();
      assertThat(find(resources, "LimitRange", "maia-limits").at("/spec/limits")).isNotEmpty();
      assertThat(find(resources, "NetworkPolicy", "allow-from-ingress-controller")).isNotNull();
      assertThat(find(resources, "RoleBinding", "maia-members").at("/subjects/0/name").asText()).isEqualTo("MAIA:fl-prostate");
    }
    assertThat(out.resolve("clusters/hub/projects/fl-prostate")).doesNotExist();
  }

  @Test
  void itsAppProjectDeploysExactlyToItsNamespaceOnItsClusters() {
    // when
    JsonNode project = find("argocd/appprojects/fl-prostate.yaml", "AppProject", "fl-prostate");

    // then
    assertThat(project.at("/spec/destinations"))
        .hasToString(
            "[{\"namespace\":\"fl-prostate\",\"server\":\"https://k8s.hospital.example.org:6443\"},"
                + "{\"namespace\":\"fl-prostate\",\"server\":\"https://k8s.uni.example.org:6443\"}]");
    assertThat(project.at("/spec/clusterResourceWhitelist")).isEmpty();
  }

  @Test
  void itsToolsAreServedUnderEachClustersDomain() {
    // when
    JsonNode uni = TreeDocs.values(out.resolve("argocd/apps/uni/fl-prostate-workspace.yaml"));
    JsonNode hospital = TreeDocs.values(out.resolve("argocd/apps/hospital/fl-prostate-workspace.yaml"));

    // then
    assertThat(uni.at("/ingress/hosts/0").asText()).isEqualTo("fl-prostate.maia.uni.example.org");
    assertThat(hospital.at("/ingress/hosts/0").asText()).isEqualTo("fl-prostate.maia.hospital.example.org");
    assertThat(find("argocd/apps/hospital/fl-prostate-workspace.yaml", "Application", "fl-prostate-workspace-hospital")
            .at("/spec/destination/server").asText())
        .isEqualTo("https://k8s.hospital.example.org:6443");
  }

  @Test
  void anOverrideChangesResourcesGpusAndToolsOnItsClusterOnly() {
    // when
    JsonNode uniQuota = find("clusters/uni/projects/fl-prostate/resources.yaml", "ResourceQuota", "maia-quota").at("/spec/hard");
    JsonNode hospitalQuota =
        find("clusters/hospital/projects/fl-prostate/resources.yaml", "ResourceQuota", "maia-quota").at("/spec/hard");
    JsonNode hospitalOpportunistic =
        find("clusters/hospital/projects/fl-prostate/resources.yaml", "ResourceQuota", "maia-gpu-opportunistic").at("/spec/hard");

    // then: resources field by field, GPUs of the cluster's own product, tools added and omitted
    assertThat(uniQuota.path("limits.cpu").asText()).isEqualTo("8");
    assertThat(uniQuota.path("requests.storage").asText()).isEqualTo("100Gi");
    assertThat(uniQuota.path("requests.nvidia.com/gpu").asText()).isEqualTo("2");
    assertThat(hospitalQuota.path("limits.cpu").asText()).isEqualTo("16");
    assertThat(hospitalQuota.path("requests.cpu").asText()).isEqualTo("4");
    assertThat(hospitalQuota.path("requests.storage").asText()).isEqualTo("200Gi");
    assertThat(hospitalOpportunistic.path("requests.nvidia.com/gpu").asText()).isEqualTo("1");
    assertThat(toolsOn("uni")).containsExactly("workspace", "xnat");
    assertThat(toolsOn("hospital")).containsExactly("monai-deploy", "orthanc", "workspace");
    assertThat(applications("uni")).contains("fl-prostate-workspace-uni", "fl-prostate-xnat-uni");
    assertThat(applications("hospital"))
        .contains("fl-prostate-workspace-hospital", "fl-prostate-monai-deploy-hospital", "fl-prostate-orthanc-hospital")
        .doesNotContain("fl-prostate-xnat-hospital");
  }

  /** The names of the Applications the root of {@code cluster} syncs, as its kustomization lists them. */
  private static List<String> applications(String cluster) {
    List<String> names = new ArrayList<>();
    Path dir = out.resolve("argocd/apps/" + cluster);
    for (JsonNode file : TreeDocs.read(dir.resolve("kustomization.yaml")).get(0).path("resources")) {
      TreeDocs.read(dir.resolve(file.asText())).forEach(d -> names.add(d.at("/metadata/name").asText()));
    }
    return names;
  }

  /** The tools of fl-prostate as the plan places them on {@code cluster}. */
  private static List<String> toolsOn(String cluster) {
    Platform model = new MaiaCompiler(MaiaLog.silent()).validate(platform, NOW).platform();
    return new Planner().plan(model).stream()
        .filter(u -> u instanceof Unit.Placement p && p.cluster().name().equals(cluster) && p.project().name().equals("fl-prostate"))
        .map(u -> ((Unit.Placement) u).project())
        .flatMap(p -> p.tools().keySet().stream())
        .toList();
  }

  @Test
  void aBookingOnAClusterOfAFederatedProjectTakesThatClustersProduct() {
    // given
    ValidPlatform valid = new MaiaCompiler(MaiaLog.silent()).validate(platform, NOW);
    BookingRequest request =
        new BookingRequest("fl.lead@kth.se", "fl-prostate", 1, Duration.ofDays(2), Optional.empty(), Optional.of("hospital"),
            Optional.empty(), Duration.ofDays(30));

    // when
    BookingPlan plan = new BookingPlanner().plan(valid.platform(), valid.loaded().sources(), request, NOW, Set.of());

    // then
    assertThat(plan).isInstanceOfSatisfying(BookingPlan.Found.class, found -> {
      assertThat(found.booking().product()).isEqualTo("NVIDIA-A100-SXM4-80GB");
      assertThat(found.booking().cluster()).isEqualTo("hospital");
    });
  }

  // ---- 4. staged rollout ----------------------------------------------------------------------------

  @Test
  void eachRootSyncsInTheWaveOfItsCluster() {
    // when
    Map<String, String> waves = new TreeMap<>();
    for (String cluster : List.of("hub", "uni", "hospital")) {
      JsonNode root = find("argocd/roots/" + cluster + ".yaml", "Application", "maia-root-" + cluster);
      waves.put(cluster, root.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asText()
          + " " + root.at("/metadata/labels/maia.dev~1wave").asText());
    }

    // then
    assertThat(waves).containsExactlyInAnyOrderEntriesOf(Map.of("hub", "0 canary", "uni", "1 research", "hospital", "2 clinical"));
  }

  // ---- 5. bootstrap ---------------------------------------------------------------------------------

  @Test
  void theBootstrapFolderBuildsToTheMaiaApplicationAndItsAppProject() throws Exception {
    Assumptions.assumeTrue(KustomizeBuildTest.kubectlAvailable(), "SKIPPED: kubectl is not on the PATH");
    // given
    Path bootstrap = out.resolve("bootstrap");

    // when
    Process process = new ProcessBuilder("kubectl", "kustomize", bootstrap.toString()).redirectErrorStream(true).start();
    String built = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);

    // then
    assertThat(finished).isTrue();
    assertThat(process.exitValue()).as(built).isZero();
    List<JsonNode> documents = TreeDocs.readString(built);
    assertThat(documents).extracting(d -> d.path("kind").asText() + "/" + d.at("/metadata/name").asText())
        .containsExactly("AppProject/maia-bootstrap", "Application/maia");
    JsonNode application = documents.get(1);
    assertThat(application.at("/spec/project").asText()).isEqualTo("maia-bootstrap");
    assertThat(application.at("/spec/source/path").asText()).isEqualTo("fleet/argocd");
    assertThat(application.at("/spec/source/repoURL").asText()).isEqualTo("https://git.example.org/maia/gitops.git");
    assertThat(application.at("/spec/source/targetRevision").asText()).isEqualTo("gitops");
    assertThat(application.at("/spec/destination")).hasToString("{\"namespace\":\"argocd\",\"server\":\"https://kubernetes.default.svc\"}");
    assertThat(documents.get(0).at("/spec/destinations"))
        .hasToString("[{\"namespace\":\"argocd\",\"server\":\"https://kubernetes.default.svc\"}]");
    assertThat(out.resolve("argocd/kustomization.yaml")).isRegularFile();
  }

  // ---- 6. HPC ---------------------------------------------------------------------------------------

  @Test
  void aSharedAccountIsOneSettingsMapAndKeyInEachProjectOnEachOfItsClusters() {
    for (String cluster : List.of("uni", "hospital")) {
      // when
      String resources = "clusters/" + cluster + "/projects/fl-prostate/resources.yaml";
      JsonNode settings = find(resources, "ConfigMap", "hpc-alvis").path("data");
      JsonNode key = find(resources, "ExternalSecret", "hpc-alvis-ssh");

      // then
      assertThat(settings.path("host").asText()).isEqualTo("alvis1.c3se.chalmers.se");
      assertThat(settings.path("port").asText()).isEqualTo("2222");
      assertThat(settings.path("user").asText()).isEqualTo("maia-fl");
      assertThat(settings.path("scheduler").asText()).isEqualTo("slurm");
      assertThat(settings.path("account").asText()).isEqualTo("NAISS2026-5-123");
      assertThat(settings.path("partition").asText()).isEqualTo("alvis");
      assertThat(settings.path("ssh_config").asText()).contains("  Port 2222\n", "  User maia-fl\n", "StrictHostKeyChecking yes");
      assertThat(key.at("/spec/data").findValuesAsText("key")).containsOnly("hpc/chalmers/alvis");
      assertThat(key.at("/spec/data").findValuesAsText("secretKey")).containsExactly("known_hosts", "ssh-privatekey");
    }
  }

  @Test
  void perPersonAMemberWithAnAccountGetsTheirOwnSettingsAndKeyAndAMemberWithoutOneNothing() {
    // when: lung's PI has an account on dardel (written Lung.PI@kth.se), its student none
    List<JsonNode> resources = TreeDocs.read(out.resolve("clusters/hub/projects/lung/resources.yaml"));
    String pi = "hpc-dardel.lung-2epi-40kth-2ese";

    // then
    assertThat(resources).filteredOn(d -> "dardel".equals(d.at("/metadata/labels/maia.dev~1hpc").asText()))
        .extracting(d -> d.path("kind").asText() + "/" + d.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("ConfigMap/" + pi, "ExternalSecret/hpc-dardel-ssh.lung-2epi-40kth-2ese");
    JsonNode settings = find("clusters/hub/projects/lung/resources.yaml", "ConfigMap", pi).path("data");
    assertThat(settings.path("user").asText()).isEqualTo("x_lungpi");
    assertThat(settings.path("port").asText()).isEqualTo("22");
    assertThat(settings.has("account")).isFalse();
    assertThat(settings.path("ssh_config").asText()).contains("Host dardel\n", "  User x_lungpi\n",
        "IdentityFile /etc/maia-hpc/dardel/ssh/ssh-privatekey", "UserKnownHostsFile /etc/maia-hpc/dardel/ssh/known_hosts");
    JsonNode key = find("clusters/hub/projects/lung/resources.yaml", "ExternalSecret", "hpc-dardel-ssh.lung-2epi-40kth-2ese");
    assertThat(key.at("/spec/data").findValuesAsText("key")).containsOnly("hpc/dardel/x_lungpi");
    assertThat(key.at("/spec/target/name").asText()).isEqualTo("hpc-dardel-ssh.lung-2epi-40kth-2ese");
  }

  @Test
  void theWorkspaceMountsEachHpcSystemsSettingsAndKeyReadOnly() {
    // when
    JsonNode storage = TreeDocs.values(out.resolve("argocd/apps/hospital/fl-prostate-workspace.yaml")).at("/singleuser/storage");
    JsonNode lung = TreeDocs.values(out.resolve("argocd/apps/hub/lung-workspace.yaml")).at("/singleuser/storage");

    // then: the shared account's pair as it is, each member's own through KubeSpawner's {username}, optional
    assertThat(storage.path("extraVolumes").toString())
        .contains("{\"configMap\":{\"name\":\"hpc-alvis\"},\"name\":\"hpc-alvis\"}",
            "{\"name\":\"hpc-alvis-ssh\",\"secret\":{\"defaultMode\":288,\"secretName\":\"hpc-alvis-ssh\"}}");
    assertThat(storage.path("extraVolumeMounts").toString())
        .contains("{\"mountPath\":\"/etc/maia-hpc/alvis/config\",\"name\":\"hpc-alvis\",\"readOnly\":true}",
            "{\"mountPath\":\"/etc/maia-hpc/alvis/ssh\",\"name\":\"hpc-alvis-ssh\",\"readOnly\":true}");
    assertThat(lung.path("extraVolumes").toString())
        .contains("{\"configMap\":{\"name\":\"hpc-dardel.{username}\",\"optional\":true},\"name\":\"hpc-dardel\"}",
            "{\"name\":\"hpc-dardel-ssh\",\"secret\":{\"defaultMode\":288,\"optional\":true,\"secretName\":\"hpc-dardel-ssh.{username}\"}}");
    assertThat(lung.path("extraVolumeMounts").findValuesAsText("mountPath"))
        .contains("/etc/maia-hpc/alvis/ssh", "/etc/maia-hpc/dardel/config", "/etc/maia-hpc/dardel/ssh");
  }

  @Test
  void eachUsersPodMountsTheirOwnKeyAndNoOneElses() {
    // given: the pods KubeSpawner makes for lung's two members from the workspace's values
    UserPods pods = new UserPods(TreeDocs.values(out.resolve("argocd/apps/hub/lung-workspace.yaml")), "lung", "lung-workspace");
    Set<String> secrets = new TreeSet<>();
    TreeDocs.read(out.resolve("clusters/hub/projects/lung/resources.yaml")).stream()
        .filter(d -> d.path("kind").asText().equals("ExternalSecret"))
        .forEach(d -> secrets.add(d.at("/metadata/name").asText()));

    // when
    JsonNode pi = pods.pod("lung.pi@kth.se", NOW).at("/spec/volumes");
    JsonNode student = pods.pod("lung.student@kth.se", NOW).at("/spec/volumes");

    // then: the PI's pod names the PI's Secret, which exists; the student's names one that does not, optionally
    assertThat(pi.findValuesAsText("secretName")).containsExactly("hpc-alvis-ssh", "hpc-dardel-ssh.lung-2epi-40kth-2ese");
    assertThat(student.findValuesAsText("secretName")).containsExactly("hpc-alvis-ssh", "hpc-dardel-ssh.lung-2estudent-40kth-2ese");
    assertThat(secrets).contains("hpc-alvis-ssh", "hpc-dardel-ssh.lung-2epi-40kth-2ese")
        .noneMatch(name -> name.contains("student"));
    assertThat(student.findParents("secretName")).filteredOn(v -> v.path("secretName").asText().startsWith("hpc-dardel"))
        .singleElement().satisfies(v -> assertThat(v.path("optional").asBoolean()).isTrue());
  }

  @Test
  void aMemberWithoutAnAccountIsWarnedAbout() {
    // when
    List<String> warnings = Notices.warnings(new MaiaCompiler(MaiaLog.silent()).validate(platform, NOW).platform());

    // then
    assertThat(warnings).singleElement().asString()
        .startsWith("HPC system 'dardel' has per-person credentials, and 1 member of its projects has no account under its"
            + " users, so no HPC credentials in their workspaces: 'lung.student@kth.se'.");
  }

  // ---- the whole tree ------------------------------------------------------------------------------

  @Test
  void theTreeConforms() throws Exception {
    Conformance.assertConforms(out, work);
  }
}
