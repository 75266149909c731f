package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What rendering the pinned charts with real Helm showed, fixed in what the tree gives them (the
 * charts themselves are never committed; docs/tools.md and docs/verify.md say what each chart
 * does with these values). One test per fix, on the all-tools tree.
 */
class ChartFixesTest {

  @TempDir static Path dir;

  private static Map<String, List<JsonNode>> documents;

  @BeforeAll
  static void generate() throws IOException {
    documents = AllTools.documents(GenerateExampleTest.tree(AllTools.generate(dir)));
  }

  private static JsonNode application(String tool) {
    return documents.get("argocd/apps/uni/imaging-" + tool + ".yaml").get(0);
  }

  private static JsonNode values(String tool) {
    return application(tool).at("/spec/source/helm/valuesObject");
  }

  private static List<JsonNode> project(String kind) {
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode doc : documents.get("clusters/uni/projects/imaging/resources.yaml")) {
      if (kind.equals(doc.path("kind").asText())) {
        result.add(doc);
      }
    }
    return result;
  }

  private static JsonNode externalSecret(String name) {
    return project("ExternalSecret").stream().filter(d -> d.at("/metadata/name").asText().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theHubReadsItsCookieSecretAndCryptKeysFromTheStoreAndArgoCdKeepsTheProxyToken() {
    // then: jupyterhub 4.x otherwise makes all three at random on every render
    assertThat(values("workspace").at("/hub/existingSecret").asText()).isEqualTo("workspace-hub");
    assertThat(externalSecret("workspace-hub").at("/spec/data")).extracting(d -> d.path("secretKey").asText())
        .containsExactlyInAnyOrder("hub.config.CryptKeeper.keys", "hub.config.JupyterHub.cookie_secret");
    JsonNode ignored = application("workspace").at("/spec/ignoreDifferences");
    assertThat(ignored.toString())
        .contains("\"kind\":\"Secret\",\"name\":\"hub\"", "/data/hub.config.ConfigurableHTTPProxy.auth_token",
            "\"kind\":\"Deployment\",\"name\":\"hub\"", "/spec/template/metadata/annotations/checksum~1secret",
            "\"kind\":\"Deployment\",\"name\":\"proxy\"", "/spec/template/metadata/annotations/checksum~1auth-token");
    assertThat(application("workspace").at("/spec/syncPolicy/syncOptions").toString()).contains("RespectIgnoreDifferences=true");
    assertThat(values("workspace").at("/hub/annotations/maia.dev~1values-checksum").asText()).matches("[0-9a-f]{64}");
  }

  @Test
  void mlflowTakesItsFlaskKeyFromTheStore() {
    // then: the chart's own key Secret is a hook with a new random key on every render
    assertThat(values("mlflow").at("/extraSecretNamesForEnvFrom/0").asText()).isEqualTo("mlflow-flask");
    assertThat(externalSecret("mlflow-flask").at("/spec/data/0/secretKey").asText()).isEqualTo("MLFLOW_FLASK_SERVER_SECRET_KEY");
  }

  @Test
  void xnatReadsItsDatabasePasswordFromTheSecretAndSetsNoKeyItIgnores() {
    // then: xnat 1.1.12 read xnat-web.postgresql.existingSecret nowhere, so XNAT got an empty password
    assertThat(application("xnat").at("/spec/source/targetRevision").asText()).isEqualTo("2.0.0");
    JsonNode auth = values("xnat").at("/global/postgresql/auth");
    assertThat(auth.path("existingSecret").asText()).isEqualTo("xnat-postgresql");
    assertThat(auth.at("/secretKeys/userPasswordKey").asText()).isEqualTo("postgresql-password");
    assertThat(auth.at("/secretKeys/adminPasswordKey").asText()).isEqualTo("postgresql-postgres-password");
    assertThat(externalSecret("xnat-postgresql").at("/spec/data")).extracting(d -> d.path("secretKey").asText())
        .containsExactlyInAnyOrder("postgresql-password", "postgresql-postgres-password");
    assertThat(values("xnat").at("/xnat-web/postgresql").isMissingNode()).isTrue();
    assertThat(values("xnat").at("/postgresql/existingSecret").isMissingNode()).isTrue();
  }

  @Test
  void orthancAndOhifAreReachedThroughAnIngressThePlatformRenders() {
    // then: the orthanc chart has no ingress template; the platform's Ingress leads to Orthanc's login proxy
    assertThat(values("orthanc").has("ingress")).isFalse();
    JsonNode ingress = project("Ingress").stream().filter(d -> d.at("/metadata/name").asText().equals("orthanc")).findFirst().orElseThrow();
    assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo(values("workspace").at("/ingress/hosts/0").asText());
    assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("orthanc-proxy");
    assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/number").asInt()).isEqualTo(80);
    JsonNode proxy = project("ConfigMap").stream().filter(d -> d.at("/metadata/name").asText().equals("orthanc-proxy")).findFirst().orElseThrow();
    assertThat(proxy.at("/data/oauth2-proxy.yaml").asText()).contains("uri: http://orthanc.imaging.svc.cluster.local:8042");
    assertThat(ingress.at("/spec/rules/0/http/paths/0/path").asText()).startsWith("/orthanc");
    assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("imaging-orthanc-tls");
  }

  @Test
  void workspacesGetTheCredentialsOfTheToolsTheyAreWiredToAsSecretReferences() {
    // when
    JsonNode env = values("workspace").at("/singleuser/extraEnv");

    // then
    assertThat(env.at("/MLFLOW_TRACKING_PASSWORD/valueFrom/secretKeyRef/name").asText()).isEqualTo("mlflow-admin");
    assertThat(env.at("/AWS_SECRET_ACCESS_KEY/valueFrom/secretKeyRef/name").asText()).isEqualTo("minio-workspace");
    assertThat(env.at("/AWS_ACCESS_KEY_ID").asText()).isEqualTo("workspace");
    assertThat(env.at("/ORTHANC_PASSWORD/valueFrom/secretKeyRef/name").asText()).isEqualTo("orthanc-http");
    assertThat(values("minio").at("/users/0/existingSecret").asText()).isEqualTo("minio-workspace");
    assertThat(values("minio").at("/users/0/accessKey").asText()).isEqualTo("workspace");
  }

  @Test
  void userServersStartUnderPodSecurityBaselineAndTheMetadataServerIsClosedByNetworkPolicy() {
    // then: the chart's default adds a privileged root init container with NET_ADMIN to every user pod
    JsonNode user = values("workspace").at("/singleuser");
    assertThat(user.at("/cloudMetadata/blockWithIptables").isBoolean()).isTrue();
    assertThat(user.at("/cloudMetadata/blockWithIptables").booleanValue()).isFalse();
    assertThat(user.at("/cloudMetadata").has("ip")).as("the chart's default address stays").isFalse();
    assertThat(user.at("/networkPolicy/egressAllowRules/cloudMetadataServer").booleanValue()).isFalse();
  }

  @Test
  void noImagePullerDaemonSetsRunInAProjectNamespace() {
    // then: both pullers are DaemonSets on every node, with containers without resources
    assertThat(values("workspace").at("/prePuller/hook/enabled").isBoolean()).isTrue();
    assertThat(values("workspace").at("/prePuller/hook/enabled").booleanValue()).isFalse();
    assertThat(values("workspace").at("/prePuller/continuous/enabled").isBoolean()).isTrue();
    assertThat(values("workspace").at("/prePuller/continuous/enabled").booleanValue()).isFalse();
  }

  @Test
  void hubProxyAndUserServersHaveNoEgressOfTheChartsButDnsAndTheHubReachesTheApiServer() {
    // given
    JsonNode workspace = values("workspace");

    // then: every rule of the chart but DNS in kube-system is off (by default they open every address)
    for (String policy : List.of("/hub/networkPolicy", "/proxy/chp/networkPolicy", "/singleuser/networkPolicy")) {
      JsonNode rules = workspace.at(policy + "/egressAllowRules");
      assertThat(rules.properties()).as(policy).extracting(Map.Entry::getKey, e -> e.getValue().asBoolean())
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("cloudMetadataServer", false),
              org.assertj.core.groups.Tuple.tuple("dnsPortsCloudMetadataServer", false),
              org.assertj.core.groups.Tuple.tuple("dnsPortsKubeSystemNamespace", true),
              org.assertj.core.groups.Tuple.tuple("dnsPortsPrivateIPs", false),
              org.assertj.core.groups.Tuple.tuple("nonPrivateIPs", false),
              org.assertj.core.groups.Tuple.tuple("privateIPs", false));
      assertThat(workspace.at(policy + "/enabled").booleanValue()).as(policy).isTrue();
    }
    JsonNode egress = workspace.at("/hub/networkPolicy/egress");
    assertThat(egress).hasSize(1);
    assertThat(egress.at("/0/to")).extracting(t -> t.at("/ipBlock/cidr").asText())
        .containsExactly("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
    assertThat(egress.at("/0/ports")).extracting(p -> p.path("protocol").asText() + "/" + p.path("port").asInt())
        .containsExactly("TCP/443", "TCP/6443");
    assertThat(workspace.at("/proxy/chp/networkPolicy").has("egress")).isFalse();
    assertThat(workspace.at("/singleuser/networkPolicy").has("egress")).isFalse();
  }

  @Test
  void theHomeVolumeIsMountedWhereEachInterfacesImageKeepsItsHome() {
    // given
    JsonNode user = values("workspace").at("/singleuser");
    JsonNode choices = user.at("/profileList/0/profile_options/interface/choices");
    String volume = user.at("/storage/dynamic/volumeNameTemplate").asText();

    // then: MAIA's images run as maia-user; RStudio (rocker) as rstudio, MATLAB (jupyter/base-notebook) as jovyan
    assertThat(user.at("/storage/homeMountPath").asText()).isEqualTo("/home/maia-user");
    assertThat(volume).isEqualTo("volume-{user_server}");
    assertThat(choices.at("/rstudio/kubespawner_override/volume_mounts").properties()).singleElement()
        .satisfies(mount -> {
          assertThat(mount.getKey()).isEqualTo(volume);
          assertThat(mount.getValue().toString()).isEqualTo("{\"mountPath\":\"/home/rstudio\"}");
        });
    assertThat(choices.at("/matlab/kubespawner_override/volume_mounts/" + volume + "/mountPath").asText()).isEqualTo("/home/jovyan");
    assertThat(choices.at("/jupyterlab/kubespawner_override/volume_mounts/" + volume + "/mountPath").asText()).isEqualTo("/home/maia-user");
    assertThat(choices.at("/vscode/kubespawner_override/volume_mounts/" + volume + "/mountPath").asText()).isEqualTo("/home/maia-user");
    assertThat(user.at("/profileList")).filteredOn(p -> p.path("slug").asText().equals("desktop")).singleElement()
        .satisfies(desktop -> assertThat(desktop.at("/kubespawner_override/volume_mounts/" + volume + "/mountPath").asText())
            .isEqualTo("/home/maia-user"));
  }

  @Test
  void oneUserServerGetsWhatTheWorkspaceSaysAndNotTheNamespacesTotals() {
    // given: imaging sets tools.workspace.server (its namespace has 8..32 CPU, 32Gi..128Gi); gpu-lab does not
    JsonNode imaging = values("workspace").at("/singleuser");
    JsonNode gpuLab = documents.get("argocd/apps/uni/gpu-lab-workspace.yaml").get(0).at("/spec/source/helm/valuesObject");

    // then: CPU in cores and memory in bytes, as numbers
    assertThat(imaging.at("/cpu/guarantee").decimalValue()).isEqualByComparingTo("1");
    assertThat(imaging.at("/cpu/limit").decimalValue()).isEqualByComparingTo("2");
    assertThat(imaging.at("/memory/guarantee").longValue()).isEqualTo(2L << 30);
    assertThat(imaging.at("/memory/limit").longValue()).isEqualTo(8L << 30);
    assertThat(values("workspace").at("/hub/activeServerLimit").intValue()).isEqualTo(5);
    assertThat(gpuLab.at("/singleuser/cpu/guarantee").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(gpuLab.at("/singleuser/cpu/limit").decimalValue()).isEqualByComparingTo("2");
    assertThat(gpuLab.at("/singleuser/memory/guarantee").longValue()).isEqualTo(1L << 30);
    assertThat(gpuLab.at("/singleuser/memory/limit").longValue()).isEqualTo(4L << 30);
    assertThat(gpuLab.at("/hub/activeServerLimit").intValue()).as("one per user and admin").isEqualTo(1);
  }

  @Test
  void valuesTheChartsReadNowhereAreNotSet() {
    assertThat(values("minio").has("replicas")).as("minio's standalone mode ignores replicas").isFalse();
    assertThat(values("label-studio").at("/global/pgConfig").has("dbName")).as("the bundled database's name wins").isFalse();
  }
}
