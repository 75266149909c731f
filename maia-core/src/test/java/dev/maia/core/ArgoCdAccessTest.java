package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.model.Platform;
import dev.maia.core.model.PlatformReader;
import dev.maia.core.model.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ArgoCD's side of the login: its OIDC settings point at the platform's realm with the client the
 * realm has for it, the global RBAC grants the admin group alone and nobody by default, and the
 * groups of argocd-rbac-cm and of every AppProject's roles are exactly the platform's.
 */
class ArgoCdAccessTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  @Test
  void argocdLogsInAgainstThePlatformsRealmWithItsOwnClient() throws IOException {
    // given
    Path out = generate(TestPaths.examplePlatform());
    Platform platform = read(TestPaths.examplePlatform());

    // when
    JsonNode settings = only(out.resolve("argocd/settings/argocd-cm.yaml"));
    JsonNode oidc = YAML.readTree(settings.at("/data/oidc.config").asText());
    JsonNode secret = only(out.resolve("argocd/settings/argocd-oidc.yaml"));

    // then: ArgoCD at argocd.<domain of kth-main>, its client secret read from the Secret the store fills
    assertThat(settings.at("/data/url").asText()).isEqualTo("https://argocd.maia.cloud.kth.se");
    assertThat(oidc.path("issuer").asText()).isEqualTo(platform.identity().issuer()).isEqualTo("https://iam.maia.example.org/realms/maia");
    assertThat(oidc.path("clientID").asText()).isEqualTo("maia-argocd");
    assertThat(oidc.path("clientSecret").asText()).isEqualTo("$argocd-oidc:client-secret");
    assertThat(oidc.path("requestedScopes")).extracting(JsonNode::asText).containsExactly("openid", "profile", "email", "groups");
    assertThat(secret.path("kind").asText()).isEqualTo("ExternalSecret");
    assertThat(secret.at("/metadata/namespace").asText()).isEqualTo("argocd");
    assertThat(secret.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).as("ArgoCD reads only Secrets with it").isEqualTo("argocd");
    assertThat(secret.at("/spec/target/name").asText()).isEqualTo("argocd-oidc");
    assertThat(secret.at("/spec/data/0/secretKey").asText()).isEqualTo("client-secret");
    assertThat(secret.at("/spec/data/0/remoteRef/key").asText()).isEqualTo("identity/argocd");
    assertThat(secret.at("/spec/data/0/remoteRef/property").asText()).isEqualTo("oidc-client-secret");
  }

  @Test
  void argocdsConfigMapsAreFieldByFieldPatchesThatAreNeverPrunedOrDeleted() throws IOException {
    // given
    Path out = generate(TestPaths.examplePlatform());

    // when
    List<JsonNode> configMaps = List.of(only(out.resolve("argocd/settings/argocd-cm.yaml")),
        only(out.resolve("argocd/settings/argocd-rbac-cm.yaml")));

    // then: only the platform's keys, applied server-side; the installer's labels, and not
    // managed-by, which Helm checks before it upgrades the release that installed them
    assertThat(configMaps).allSatisfy(configMap -> {
      assertThat(configMap.at("/metadata/annotations/argocd.argoproj.io~1sync-options").asText())
          .isEqualTo("ServerSideApply=true,Prune=false,Delete=false");
      assertThat(configMap.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).isEqualTo("argocd");
      assertThat(configMap.at("/metadata/labels/app.kubernetes.io~1name").asText()).isEqualTo(configMap.at("/metadata/name").asText());
      assertThat(configMap.at("/metadata/labels").has("app.kubernetes.io/managed-by")).isFalse();
    });
    assertThat(fieldNames(configMaps.get(0).path("data"))).containsExactly("oidc.config", "url");
    assertThat(fieldNames(configMaps.get(1).path("data"))).containsExactly("policy.csv", "policy.default", "scopes");
  }

  @Test
  void theGlobalRbacAndTheProjectRolesGrantExactlyThePlatformsGroups() throws IOException {
    // given: the example, and a copy with a project group of its own and another admin group
    Path copy = TestPaths.copy(TestPaths.examplePlatform().getParent(), dir.resolve("copy"));
    Path platformFile = copy.resolve("platform.yaml");
    String text = Files.readString(platformFile, StandardCharsets.UTF_8);
    Files.writeString(platformFile, text.replace("adminGroup: \"MAIA:admin\"", "adminGroup: \"KTH:maia-operators\""), StandardCharsets.UTF_8);
    Path project = copy.resolve("projects/vertebra-ct.yaml");
    Files.writeString(project, Files.readString(project).replaceFirst("(?m)^(\\s*)- name: vertebra-ct\n", "$0$1  group: \"KTH:spine-lab\"\n"));

    for (Path platformPath : List.of(TestPaths.examplePlatform(), platformFile)) {
      // when
      Platform platform = read(platformPath);
      Path out = generate(platformPath);

      // then
      agree(platform, out);
    }
    assertThat(read(platformFile).projects()).extracting(Project::group).contains("KTH:spine-lab");
  }

  /** argocd-rbac-cm and the AppProject roles give groups exactly what the platform says. */
  private static void agree(Platform platform, Path out) throws IOException {
    String admins = platform.identity().adminGroup();
    JsonNode rbac = only(out.resolve("argocd/settings/argocd-rbac-cm.yaml"));
    assertThat(rbac.at("/data/policy.default").asText("missing")).as("logging in alone grants nothing").isEmpty();
    assertThat(rbac.at("/data/scopes").asText()).isEqualTo("[groups]");
    List<String> policy = rbac.at("/data/policy.csv").asText().lines().filter(l -> !l.isBlank()).toList();
    assertThat(policy).containsExactly("g, " + admins + ", role:admin");

    Set<String> platformGroups = new HashSet<>();
    platformGroups.add(admins);
    platform.projects().forEach(p -> platformGroups.add(p.group()));
    Set<String> granted = new TreeSet<>();
    granted.add(policy.get(0).split(",")[1].strip());
    for (Project project : platform.projects()) {
      JsonNode appProject = only(out.resolve("argocd/appprojects/" + project.name() + ".yaml"));
      JsonNode roles = appProject.at("/spec/roles");
      assertThat(roles).extracting(r -> r.path("name").asText()).containsExactly("members", "admins");
      for (JsonNode role : roles) {
        List<String> groups = new ArrayList<>();
        role.path("groups").forEach(g -> groups.add(g.asText()));
        String expected = role.path("name").asText().equals("members") ? project.group() : admins;
        assertThat(groups).as("the %s of %s", role.path("name").asText(), project.name()).containsExactly(expected);
        assertThat(role.path("policies")).allSatisfy(p -> assertThat(p.asText()).startsWith("p, proj:" + project.name() + ":"));
        granted.addAll(groups);
      }
    }
    for (String file : List.of("argocd/platform-project.yaml", "argocd/core-project.yaml", "bootstrap/project.yaml")) {
      assertThat(only(out.resolve(file)).at("/spec/roles").isMissingNode()).as("%s gives no group a role", file).isTrue();
    }
    assertThat(granted).as("no group the platform does not have").isSubsetOf(platformGroups)
        .containsAll(platformGroups);
  }

  @Test
  void theBootstrapProjectAllowsEveryKindArgocdFolderHolds() throws IOException {
    // given
    Path out = generate(TestPaths.examplePlatform());
    JsonNode bootstrap = only(out.resolve("bootstrap/project.yaml"));
    Set<String> allowed = new TreeSet<>();
    bootstrap.at("/spec/namespaceResourceWhitelist").forEach(k -> allowed.add(k.path("group").asText() + "/" + k.path("kind").asText()));

    // when
    Set<String> held = new TreeSet<>();
    List<String> listed = new ArrayList<>();
    only(out.resolve("argocd/kustomization.yaml")).path("resources").forEach(r -> listed.add(r.asText()));
    for (String resource : listed) {
      for (JsonNode document : AllTools.readAll(Files.readString(out.resolve("argocd").resolve(resource)))) {
        String apiVersion = document.path("apiVersion").asText();
        held.add((apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "") + "/" + document.path("kind").asText());
      }
    }

    // then
    assertThat(listed).contains("settings/argocd-cm.yaml", "settings/argocd-rbac-cm.yaml", "settings/argocd-oidc.yaml");
    assertThat(allowed).containsAll(held);
    assertThat(bootstrap.at("/spec/clusterResourceWhitelist")).isEmpty();
  }

  @Test
  void argocdsUrlIsTheOneThePlatformGives() throws IOException {
    // given
    Path copy = TestPaths.copy(TestPaths.examplePlatform().getParent(), dir.resolve("copy"));
    Path platformFile = copy.resolve("platform.yaml");
    String text = Files.readString(platformFile, StandardCharsets.UTF_8);
    Files.writeString(platformFile, text.replace("    cluster: kth-main\n", "    cluster: kth-main\n    url: https://cd.maia.example.org\n"),
        StandardCharsets.UTF_8);

    // when
    Path out = generate(platformFile);

    // then
    assertThat(only(out.resolve("argocd/settings/argocd-cm.yaml")).at("/data/url").asText()).isEqualTo("https://cd.maia.example.org");
    assertThat(read(platformFile).argocd().callbackUrl()).isEqualTo("https://cd.maia.example.org/auth/callback");
  }

  private Path generate(Path platform) {
    Path out = dir.resolve("out-" + Math.abs(platform.toString().hashCode()));
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(platform, out, GenerateExampleTest.NOW));
    return out;
  }

  private static Platform read(Path platform) {
    return new PlatformReader().read(new PlatformLoader().load(platform).document());
  }

  private static JsonNode only(Path file) throws IOException {
    List<JsonNode> documents = AllTools.readAll(Files.readString(file));
    assertThat(documents).as("%s holds one document", file).hasSize(1);
    return documents.get(0);
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
