package dev.maia.core.render.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maia.core.AllTools;
import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.TestPaths;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.verify.admission.PodSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity layer of generated trees: what {@code identity/} holds and what may sync it. */
class IdentityRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.time.Instant NOW = java.time.Instant.parse("2026-11-26T00:00:00Z");

  @TempDir Path dir;

  private List<JsonNode> identity(Path platform) throws IOException {
    Path out = dir.resolve("out");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(platform, out, NOW));
    return AllTools.readAll(Files.readString(out.resolve("identity/resources.yaml")));
  }

  private static JsonNode client(JsonNode desired, String clientId) {
    for (JsonNode client : desired.path("clients")) {
      if (client.path("clientId").asText().equals(clientId)) {
        return client;
      }
    }
    throw new AssertionError("no client " + clientId);
  }

  private static JsonNode find(List<JsonNode> documents, String kind, String name) {
    return documents.stream()
        .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @Test
  void theDesiredStateListsEachProjectsPeopleAndOneClientPerToolWithARedirectPerCluster() throws IOException {
    // when
    List<JsonNode> documents = identity(TestPaths.examplePlatform());

    // then
    JsonNode desired = JSON.readTree(find(documents, "ConfigMap", "keycloak-desired-0").path("data").path("desired.json").asText());
    assertThat(desired.path("realm").asText()).isEqualTo("maia");
    assertThat(desired.path("groups").path(0).path("name").asText()).isEqualTo("MAIA:admin");
    assertThat(desired.path("groups").path(0).path("members").isNull()).as("the admin group's members are the site's").isTrue();
    assertThat(desired.path("groups").path(1).toString())
        .isEqualTo("{\"name\":\"MAIA:brain-mets\",\"members\":[\"phd.student@kth.se\",\"pi@kth.se\",\"radiologist@ki.se\"]}");
    assertThat(client(desired, "maia-argocd").path("redirectUris").toString()).isEqualTo("[\"https://argocd.maia.cloud.kth.se/auth/callback\"]");
    assertThat(client(desired, "maia-fl-prostate-workspace").toString()).isEqualTo("{\"clientId\":\"maia-fl-prostate-workspace\","
        + "\"name\":\"JupyterHub workspaces (zero-to-jupyterhub) of project fl-prostate\",\"redirectUris\":["
        + "\"https://fl-prostate.maia.cloud.kth.se/hub/oauth_callback\",\"https://fl-prostate.maia.ki.example.org/hub/oauth_callback\"]}");
    // the ExternalSecret reads each client's secret from the entry its tool reads
    JsonNode clients = find(documents, "ExternalSecret", "keycloak-clients-0").path("spec").path("data");
    assertThat(clients.path(0).toString()).isEqualTo(
        "{\"remoteRef\":{\"key\":\"identity/argocd\",\"property\":\"oidc-client-secret\"},\"secretKey\":\"maia-argocd\"}");
    assertThat(java.util.stream.StreamSupport.stream(clients.spliterator(), false)
            .filter(e -> e.path("secretKey").asText().equals("maia-fl-prostate-workspace")).findFirst().orElseThrow().toString()).isEqualTo(
        "{\"remoteRef\":{\"key\":\"projects/fl-prostate/workspace\",\"property\":\"oidc-client-secret\"},\"secretKey\":\"maia-fl-prostate-workspace\"}");
  }

  @Test
  void theJobAndTheCronJobMeetPodSecurityRestrictedAndRunTheSameApplier() throws IOException {
    // when
    List<JsonNode> documents = identity(TestPaths.examplePlatform());

    // then
    JsonNode job = find(documents, "Job", "keycloak-apply").path("spec").path("template");
    JsonNode cron = find(documents, "CronJob", "keycloak-apply").path("spec").path("jobTemplate").path("spec").path("template");
    assertThat(PodSecurity.check(job.path("metadata"), job.path("spec"), PodSecurity.Level.RESTRICTED)).isEmpty();
    assertThat(cron).isEqualTo(job);
    assertThat(job.path("spec").path("containers").path(0).path("image").asText()).isEqualTo("docker.io/library/python:3.13.1-alpine3.21");
    assertThat(find(documents, "Job", "keycloak-apply").path("metadata").path("annotations").path("argocd.argoproj.io/hook").asText())
        .isEqualTo("PostSync");
    assertThat(find(documents, "Namespace", "maia-identity").path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText())
        .isEqualTo("restricted");
    assertThat(find(documents, "ConfigMap", "keycloak-apply").path("data").path("keycloak-apply.py").asText())
        .isEqualTo(IdentityRenderer.scriptText());
  }

  @Test
  void theIdentityProjectAdmitsExactlyTheKindsIdentityHolds() throws IOException {
    // given
    List<JsonNode> documents = identity(TestPaths.examplePlatform());
    JsonNode project = AllTools.readAll(Files.readString(dir.resolve("out/argocd/identity-project.yaml"))).get(0);

    // when
    Set<String> admitted = new TreeSet<>();
    project.path("spec").path("namespaceResourceWhitelist").forEach(k -> admitted.add(k.path("group").asText() + "/" + k.path("kind").asText()));
    project.path("spec").path("clusterResourceWhitelist").forEach(k -> admitted.add(k.path("group").asText() + "/" + k.path("kind").asText()));
    Set<String> held = new TreeSet<>();
    documents.forEach(d -> {
      String apiVersion = d.path("apiVersion").asText();
      held.add((apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "") + "/" + d.path("kind").asText());
    });

    // then: the sealed-secrets provider's kind is the only one the example does not use
    assertThat(admitted).containsAll(held);
    Set<String> unused = new TreeSet<>(admitted);
    unused.removeAll(held);
    assertThat(unused).containsExactly("bitnami.com/SealedSecret");
    assertThat(project.path("spec").path("destinations").toString())
        .isEqualTo("[{\"namespace\":\"maia-identity\",\"server\":\"https://kubernetes.default.svc\"}]");
  }

  @Test
  void withSealedSecretsTheJobsSecretsAreThePlatformReposSealedFiles() throws IOException {
    // when
    List<JsonNode> documents = identity(TestPaths.copy(TestPaths.testPlatform("sealed"), dir.resolve("repo")).resolve("platform.yaml"));

    // then
    assertThat(documents).noneMatch(d -> d.path("kind").asText().equals("ExternalSecret"));
    assertThat(find(documents, "SealedSecret", "keycloak-clients-0").path("spec").path("encryptedData").has("maia-lung-workspace")).isTrue();
    assertThat(find(documents, "SealedSecret", "keycloak-applier").path("metadata").path("namespace").asText()).isEqualTo("maia-identity");
  }

  @Test
  void noTwoToolsOfTheCatalogCanMakeTheSameClientIdInTwoProjects() {
    // given: maia-<project>-<tool> with project names that are DNS labels; project 'a-x' with tool 'y'
    // and project 'a' with tool 'x-y' would collide
    List<String> ids = new ArrayList<>();
    ToolCatalog.builtIn().tools().forEach(t -> ids.add(t.id()));

    // when
    List<String> collisions = new ArrayList<>();
    for (String one : ids) {
      for (String other : ids) {
        if (!one.equals(other) && other.endsWith("-" + one)) {
          collisions.add(other + " ends in -" + one);
        }
      }
    }

    // then
    assertThat(ids).contains("workspace", "label-studio", "monai-label");
    assertThat(collisions).isEmpty();
  }
}
