package dev.maia.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.AllTools;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tool with a URL lets in only the project's group: it logs in with OIDC itself, or its
 * Ingress leads to its login proxy, never to the tool; the proxy uses the tool's own Keycloak
 * client and the project's group, reads its secrets from the tool's Secret, and the ingress
 * controller may reach only the logins. Checked on the all-tools platform (every tool, on a cluster
 * with nginx and one with Traefik).
 */
class LoginProxyTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String GATE = "maia.dev/login-gate";

  @TempDir static Path dir;

  private static Map<String, List<JsonNode>> documents;

  @BeforeAll
  static void generate() {
    documents = AllTools.documents(AllTools.tree(AllTools.generate(dir)));
  }

  private static List<JsonNode> namespace(String cluster) {
    return documents.get("clusters/" + cluster + "/projects/imaging/resources.yaml");
  }

  private static List<JsonNode> kind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  private static JsonNode named(List<JsonNode> objects, String kind, String name) {
    return kind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
        .orElseThrow(() -> new AssertionError(kind + "/" + name + " is not rendered"));
  }

  @Test
  void everyToolWithAUrlLogsInItselfOrIsBehindTheLoginProxy() {
    // given
    ToolCatalog catalog = ToolCatalog.builtIn();

    // then: a tool with a Service of its own has a URL; a plugin is served under its tool's; a profile has none of ours
    for (ToolDefinition tool : catalog.tools()) {
      switch (tool.kind()) {
        case CHART -> {
          assertThat(tool.login()).as("login of %s", tool.id()).isPresent();
          ToolDefinition.Login login = tool.login().get();
          ToolDefinition.ToolSecret secret = tool.secrets().get(login.secret());
          assertThat(secret).as("login Secret of %s", tool.id()).isNotNull();
          assertThat(secret.keys()).as("keys of %s", secret.name()).containsKey("client-secret");
          if (login.proxy()) {
            assertThat(login.callback()).isEqualTo("oauth2/callback");
            assertThat(secret.keys()).containsKey(ToolDefinition.Login.COOKIE_SECRET_KEY);
            assertThat(tool.proxyUpstream()).as("upstream of %s", tool.id()).isPresent();
          }
        }
        case PLUGIN -> assertThat(catalog.tool(tool.pluginOf().orElseThrow()).flatMap(ToolDefinition::login)).as("login of %s", tool.id()).isPresent();
        case PROFILE -> assertThat(tool.login()).isEmpty();
      }
    }
    // the workspace is the one tool that limits its OIDC login to the group itself
    assertThat(catalog.tools().stream().filter(t -> t.login().isPresent() && !t.behindLoginProxy()).map(ToolDefinition::id))
        .containsExactly("workspace");
    assertThat(catalog.loginProxy().image()).matches("quay\\.io/oauth2-proxy/oauth2-proxy:v\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void noIngressOfTheTreeLeadsToAToolItselfAndTheProxiedChartsMakeNone() {
    ToolCatalog catalog = ToolCatalog.builtIn();
    for (String cluster : List.of("uni", "hospital")) {
      // when: the tree's Ingresses, and the values of the tools' Applications
      Map<String, String> backends = new TreeMap<>();
      for (JsonNode ingress : kind(namespace(cluster), "Ingress")) {
        ingress.path("spec").path("rules").forEach(rule -> rule.path("http").path("paths").forEach(path ->
            backends.put(ingress.path("metadata").path("name").asText(), path.path("backend").path("service").path("name").asText())));
      }

      // then: one Ingress per tool behind the proxy, to its proxy
      List<String> proxied = catalog.tools().stream().filter(ToolDefinition::behindLoginProxy).map(ToolDefinition::id).toList();
      Map<String, String> expected = new TreeMap<>();
      proxied.forEach(tool -> expected.put(tool, tool + "-proxy"));
      assertThat(backends).as("Ingresses on %s", cluster).isEqualTo(expected);
      for (String tool : proxied) {
        JsonNode values = documents.get("argocd/apps/" + cluster + "/imaging-" + tool + ".yaml").get(0)
            .path("spec").path("source").path("helm").path("valuesObject");
        assertThat(keysNamedLikeAnIngress(values, "")).as("Ingress values of %s", tool).isEmpty();
      }
      // the workspace's own Ingress (its chart's) leads to JupyterHub's proxy, which logs in itself
      JsonNode workspace = documents.get("argocd/apps/" + cluster + "/imaging-workspace.yaml").get(0).path("spec").path("source").path("helm")
          .path("valuesObject");
      assertThat(workspace.path("ingress").path("enabled").asBoolean()).isTrue();
      assertThat(workspace.path("proxy").path("labels").path(GATE).asText()).isEqualTo("true");
    }
  }

  private static List<String> keysNamedLikeAnIngress(JsonNode node, String path) {
    List<String> found = new ArrayList<>();
    node.properties().forEach(e -> {
      if (e.getKey().toLowerCase(java.util.Locale.ROOT).endsWith("ingress")) {
        found.add(path + "/" + e.getKey());
      }
      found.addAll(keysNamedLikeAnIngress(e.getValue(), path + "/" + e.getKey()));
    });
    return found;
  }

  @Test
  void aProxyLetsInTheProjectsGroupWithTheToolsOwnClientAndReadsItsSecretsFromTheStore() throws IOException {
    // given: Orthanc's proxy on the Traefik cluster, Orthanc serving only from /
    List<JsonNode> objects = namespace("hospital");
    JsonNode deployment = named(objects, "Deployment", "orthanc-proxy");
    JsonNode config = YAML.readTree(named(objects, "ConfigMap", "orthanc-proxy").path("data").path("oauth2-proxy.yaml").asText());
    JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));

    // then: the client, the group from the groups claim, the issuer
    JsonNode provider = config.path("providers").get(0);
    assertThat(provider.path("clientID").asText()).isEqualTo("maia-imaging-orthanc");
    assertThat(provider.path("allowedGroups")).hasSize(1);
    assertThat(provider.path("allowedGroups").get(0).asText()).isEqualTo("MAIA:imaging");
    assertThat(provider.path("oidcConfig").path("groupsClaim").asText()).isEqualTo("groups");
    assertThat(provider.path("oidcConfig").path("issuerURL").asText()).isEqualTo("https://iam.example.org/realms/maia");
    // the callback is the client's redirect URI on this cluster, under the tool's path
    assertThat(args).contains(
        "--proxy-prefix=/orthanc/oauth2",
        "--redirect-url=https://imaging.maia.hospital.example.org/orthanc/oauth2/callback",
        "--cookie-name=_maia_orthanc",
        "--cookie-path=/orthanc/",
        "--cookie-secure=true");
    JsonNode clients = YAML.readTree(named(documents.get("identity/resources.yaml"), "ConfigMap", "keycloak-desired-0").path("data").path("desired.json").asText());
    List<String> redirects = new ArrayList<>();
    clients.path("clients").forEach(c -> {
      if (c.path("clientId").asText().equals("maia-imaging-orthanc")) {
        c.path("redirectUris").forEach(u -> redirects.add(u.asText()));
      }
    });
    assertThat(redirects).containsExactlyInAnyOrder(
        "https://imaging.maia.hospital.example.org/orthanc/oauth2/callback", "https://imaging.maia.uni.example.org/orthanc/oauth2/callback");
    // the path is removed by the proxy, so no controller has to strip it
    JsonNode upstream = config.path("upstreamConfig").path("upstreams").get(0);
    assertThat(upstream.path("path").asText()).isEqualTo("^/orthanc/(.*)$");
    assertThat(upstream.path("rewriteTarget").asText()).isEqualTo("/$1");
    assertThat(upstream.path("uri").asText()).isEqualTo("http://orthanc.imaging.svc.cluster.local:8042");
    // both secrets from the tool's Secret, which the store fills: none in the tree
    assertThat(provider.path("clientSecretFile").asText()).isEqualTo("/etc/maia-login/secret/client-secret");
    assertThat(container.path("env").get(0).path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("orthanc-proxy");
    assertThat(container.path("env").get(0).path("valueFrom").path("secretKeyRef").path("key").asText()).isEqualTo("cookie-secret");
    JsonNode secret = named(objects, "ExternalSecret", "orthanc-proxy");
    List<String> properties = new ArrayList<>();
    secret.path("spec").path("data").forEach(d -> properties.add(d.path("secretKey").asText() + "<-" + d.path("remoteRef").path("key").asText()
        + "#" + d.path("remoteRef").path("property").asText()));
    assertThat(properties).containsExactly(
        "client-secret<-projects/imaging/orthanc#proxy-client-secret", "cookie-secret<-projects/imaging/orthanc#proxy-cookie-secret");
    // a tool on its own host, served from /: MinIO's console, on its own Service
    JsonNode minio = YAML.readTree(named(objects, "ConfigMap", "minio-proxy").path("data").path("oauth2-proxy.yaml").asText());
    assertThat(minio.path("upstreamConfig").path("upstreams").get(0).path("path").asText()).isEqualTo("/");
    assertThat(minio.path("upstreamConfig").path("upstreams").get(0).path("uri").asText()).isEqualTo("http://minio-console.imaging.svc.cluster.local:9001");
  }

  @Test
  void theIngressControllerIsLetInToTheLoginsOnlyAndTheProxiesAreTheLogins() {
    for (String cluster : List.of("uni", "hospital")) {
      // given
      List<JsonNode> objects = namespace(cluster);
      JsonNode policy = named(objects, "NetworkPolicy", "allow-from-ingress-controller");

      // then: only pods labelled as a login, from the controller's namespace
      assertThat(policy.path("spec").path("podSelector").path("matchLabels").properties()).hasSize(1);
      assertThat(policy.path("spec").path("podSelector").path("matchLabels").path(GATE).asText()).isEqualTo("true");
      assertThat(policy.path("spec").path("ingress").get(0).path("from").get(0).path("namespaceSelector").path("matchLabels")
          .path("kubernetes.io/metadata.name").asText()).isEqualTo(cluster.equals("uni") ? "ingress-nginx" : "traefik");
      // and the pods the tree labels so are the login proxies, each selected by its own Service
      TreeSet<String> gates = new TreeSet<>();
      for (JsonNode deployment : kind(objects, "Deployment")) {
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        if ("true".equals(labels.path(GATE).asText())) {
          gates.add(deployment.path("metadata").path("name").asText());
          assertThat(labels.path("app.kubernetes.io/name").asText()).isEqualTo("oauth2-proxy");
        }
      }
      assertThat(gates).hasSize(8).allMatch(name -> name.endsWith("-proxy"));
    }
  }
}
