package dev.maia.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing {@code users} and {@code admins} is the only step: the tree's identity Job, run exactly
 * as the cluster runs it (the ConfigMap's {@code keycloak-apply.py} on the ConfigMap's
 * {@code desired.json}, with the Job's environment), makes a real Keycloak hold the platform's
 * groups, members and clients, and converges both ways on the next run. Only Keycloak's own
 * endpoints check it: the browser login (authorization code flow) on each project client, the token
 * endpoint, and the admin API for what the platform does not manage.
 *
 * <p>The realm starts as a site has it on day 1 (docs/identity.md): the realm, the applier's
 * service-account client, and the people, some of them in groups the platform does not manage and
 * one in a hand-made {@code MAIA:lung} that the first run adopts.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityConvergenceTest {

  private static final String REALM = "maia-converge";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

  private static final String LUNG_ONE = "https://lung.one.example.org/hub/oauth_callback";
  private static final String LUNG_TWO = "https://lung.two.example.org/hub/oauth_callback";
  private static final String BRAIN = "https://brain.one.example.org/hub/oauth_callback";
  private static final String ARGOCD = "https://argocd.one.example.org/auth/callback";

  /** Project lung after the change: alice left, erin and frank joined. */
  private static final String LUNG_AFTER = """
        - name: lung
          clusters: [one, two]
          users: [erin@x.org, frank@x.org]
          admins: [bob@x.org]
          tools: {workspace: {activeServerLimit: 1}}
        """;

  private static final Map<String, String> PASSWORDS = new TreeMap<>();
  private static final Map<String, String> CLIENT_SECRETS = new TreeMap<>();
  private static final String APPLIER_SECRET = KeycloakAdmin.randomSecret();

  @TempDir static Path dir;
  private static KeycloakAdmin admin;

  @BeforeAll
  static void dayOne(KeycloakServer keycloak) {
    org.junit.jupiter.api.Assumptions.assumeTrue(python(), "SKIPPED: python3, which runs the identity Job's applier, is not installed");
    admin = new KeycloakAdmin(keycloak);
    admin.create("", Map.of("realm", REALM, "enabled", true));
    for (String person : List.of("alice", "bob", "carol", "dave", "erin")) {
      PASSWORDS.put(person, KeycloakAdmin.randomSecret());
      admin.create(realm("/users"), KeycloakAdmin.user(person, "x.org", PASSWORDS.get(person)));
    }
    // the applier's own client: a service account with the realm-management roles docs/identity.md lists
    String applier = admin.create(realm("/clients"), Map.of(
        "clientId", "maia-identity-applier",
        "protocol", "openid-connect",
        "publicClient", false,
        "secret", APPLIER_SECRET,
        "standardFlowEnabled", false,
        "directAccessGrantsEnabled", false,
        "serviceAccountsEnabled", true));
    String account = admin.get(realm("/clients/" + applier + "/service-account-user")).path("id").asText();
    String management = admin.get(realm("/clients?clientId=realm-management")).path(0).path("id").asText();
    List<JsonNode> roles = new ArrayList<>();
    for (String role : List.of("query-groups", "query-users", "view-users", "manage-users", "query-clients", "view-clients", "manage-clients")) {
      roles.add(admin.get(realm("/clients/" + management + "/roles/" + role)));
    }
    admin.post(realm("/users/" + account + "/role-mappings/clients/" + management), roles);
    // what the platform does not manage: a group of the site, a group with the prefix made by hand,
    // and a hand-made MAIA:lung holding someone the platform does not list
    String radiology = admin.create(realm("/groups"), Map.of("name", "radiology"));
    String legacy = admin.create(realm("/groups"), Map.of("name", "MAIA:legacy"));
    String handMadeLung = admin.create(realm("/groups"), Map.of("name", "MAIA:lung"));
    admin.put(realm("/users/" + id("alice") + "/groups/" + radiology), null);
    admin.put(realm("/users/" + id("dave") + "/groups/" + radiology), null);
    admin.put(realm("/users/" + id("dave") + "/groups/" + legacy), null);
    admin.put(realm("/users/" + id("dave") + "/groups/" + handMadeLung), null);
  }

  @AfterAll
  static void dropRealm(KeycloakServer keycloak) {
    if (admin != null) {
      admin.delete(realm(""));
    }
  }

  /** Whether {@code python3} runs here (the image's interpreter in the cluster; .ci/run installs one). */
  private static boolean python() {
    try {
      Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  @Order(1)
  void theFirstRunGivesEveryListedPersonTheirProjectsGroupAndEveryToolItsClient(KeycloakServer keycloak) throws Exception {
    // given: lung on two clusters (alice, admin bob, and frank, who has no account yet), brain (carol)
    Path tree = generate("v1", """
        - name: lung
          clusters: [one, two]
          users: [alice@x.org, Frank@X.org]
          admins: [bob@x.org]
          tools: {workspace: {activeServerLimit: 1}}
        - name: brain
          cluster: one
          users: [carol@x.org]
          tools: {workspace: {activeServerLimit: 1}}
        """);

    // when
    Applied run = apply(keycloak, tree);

    // then: alice and bob log in to lung's workspace on both clusters with lung's group in their tokens
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("create client maia-lung-workspace", "create group MAIA:brain", "adopt group MAIA:lung",
        "create client maia-argocd (" + ARGOCD + ")", "add alice@x.org to MAIA:lung", "add bob@x.org to MAIA:lung", "remove dave@x.org from MAIA:lung",
        "waiting: frank@x.org has no Keycloak account yet");
    assertThat(groups(login(keycloak, "alice", "maia-lung-workspace", LUNG_ONE))).containsExactlyInAnyOrder("MAIA:lung", "radiology");
    assertThat(groups(login(keycloak, "bob", "maia-lung-workspace", LUNG_TWO))).containsExactly("MAIA:lung");
    assertThat(groups(login(keycloak, "carol", "maia-brain-workspace", BRAIN))).containsExactly("MAIA:brain");
    // ArgoCD's client: the same groups, which its RBAC and the AppProject roles match
    assertThat(groups(login(keycloak, "bob", "maia-argocd", ARGOCD))).containsExactly("MAIA:lung");
    // dave is listed nowhere: Keycloak lets him log in, the token has no project group, so no tool admits him
    assertThat(groups(login(keycloak, "dave", "maia-lung-workspace", LUNG_ONE))).containsExactlyInAnyOrder("MAIA:legacy", "radiology");
    // each client takes exactly its own redirect URIs
    assertThat(authorize(keycloak, "maia-lung-workspace", BRAIN).statusCode()).isEqualTo(400);
    assertThat(authorize(keycloak, "maia-brain-workspace", LUNG_ONE).statusCode()).isEqualTo(400);
    assertThat(authorize(keycloak, "maia-lung-workspace", LUNG_ONE + "/../other").statusCode()).isEqualTo(400);
  }

  @Test
  @Order(2)
  void aChangedPlatformConvergesBothWaysAndLeavesWhatItDoesNotManage(KeycloakServer keycloak) throws Exception {
    // given: alice leaves lung, erin joins it, brain is gone, and frank has made his account since
    admin.create(realm("/users"), KeycloakAdmin.user("frank", "x.org", PASSWORDS.computeIfAbsent("frank", p -> KeycloakAdmin.randomSecret())));
    Path tree = generate("v2", LUNG_AFTER);

    // when
    Applied run = apply(keycloak, tree);

    // then
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("remove alice@x.org from MAIA:lung", "add erin@x.org to MAIA:lung", "add frank@x.org to MAIA:lung",
        "delete group MAIA:brain", "delete client maia-brain-workspace");
    assertThat(groups(login(keycloak, "erin", "maia-lung-workspace", LUNG_ONE))).containsExactly("MAIA:lung");
    assertThat(groups(login(keycloak, "frank", "maia-lung-workspace", LUNG_TWO))).containsExactly("MAIA:lung");
    assertThat(groups(login(keycloak, "alice", "maia-lung-workspace", LUNG_ONE))).containsExactly("radiology");
    assertThat(groups(login(keycloak, "bob", "maia-lung-workspace", LUNG_ONE))).containsExactly("MAIA:lung");
    // carol keeps her account: the platform never deletes a person, only its groups and clients
    assertThat(members("MAIA:lung")).containsExactlyInAnyOrder("bob@x.org", "erin@x.org", "frank@x.org");
    assertThat(admin.get(realm("/users?exact=true&email=carol@x.org")).size()).isEqualTo(1);
    assertThat(authorize(keycloak, "maia-brain-workspace", BRAIN).statusCode()).isEqualTo(400);
    // what it does not manage stays as it was
    assertThat(members("radiology")).containsExactlyInAnyOrder("alice@x.org", "dave@x.org");
    assertThat(members("MAIA:legacy")).containsExactly("dave@x.org");
  }

  @Test
  @Order(3)
  void anUnchangedPlatformChangesNothing(KeycloakServer keycloak) throws Exception {
    // given: the same platform as the last run
    Path tree = generate("v3", LUNG_AFTER);

    // when
    Applied run = apply(keycloak, tree);

    // then: the CronJob's every quarter of an hour is a no-op on a realm that matches
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output().strip()).isEqualTo("realm maia-converge matches platform converge");
  }

  @Test
  @Order(4)
  void aHandMadeChangeToAManagedClientIsUndone(KeycloakServer keycloak) throws Exception {
    // given: someone widened lung's client by hand
    JsonNode client = admin.get(realm("/clients?clientId=maia-lung-workspace")).path(0);
    Map<String, Object> widened = JSON.convertValue(client, Map.class);
    widened.put("redirectUris", List.of("*"));
    widened.put("directAccessGrantsEnabled", true);
    admin.put(realm("/clients/" + client.path("id").asText()), widened);
    assertThat(authorize(keycloak, "maia-lung-workspace", BRAIN).statusCode()).isEqualTo(200);
    Path tree = generate("v4", LUNG_AFTER);

    // when
    Applied run = apply(keycloak, tree);

    // then
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("update client maia-lung-workspace (directAccessGrantsEnabled, redirectUris)");
    assertThat(authorize(keycloak, "maia-lung-workspace", BRAIN).statusCode()).isEqualTo(400);
    assertThat(authorize(keycloak, "maia-lung-workspace", LUNG_TWO).statusCode()).isEqualTo(200);
  }

  // the platform and the Job

  /** Generates a platform with {@code projects} (YAML list items) and returns the tree. */
  private static Path generate(String name, String projects) throws IOException {
    Path repo = Files.createDirectories(dir.resolve(name + "/repo"));
    Files.writeString(repo.resolve("platform.yaml"), """
        apiVersion: maia/v1alpha1
        kind: Platform
        metadata:
          name: converge
        spec:
          gitops:
            repoURL: https://git.example.org/maia/converge-gitops.git
          argocd:
            cluster: one
          identity:
            issuer: https://iam.example.org/realms/maia-converge
          secrets:
            provider: external-secrets
            store: {kind: ClusterSecretStore, name: vault}
          clusters:
            - name: one
              server: https://kubernetes.default.svc
              domain: one.example.org
            - name: two
              server: https://k8s.two.example.org:6443
              domain: two.example.org
              credentials: {secretKey: clusters/two}
          projects:
        """ + projects.indent(4));
    Path out = dir.resolve(name + "/tree");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, NOW));
    return out;
  }

  private record Applied(int exit, String output) {}

  /**
   * Runs the tree's Job as the cluster would: its command on the files of its ConfigMap, with its
   * environment; only the addresses change (the test Keycloak for the issuer's server, files here
   * for the mounted Secrets, which the secret store would fill).
   */
  private static Applied apply(KeycloakServer keycloak, Path tree) throws Exception {
    List<JsonNode> documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(tree.resolve("identity/resources.yaml").toFile()).readAll();
    JsonNode job = find(documents, "Job", "keycloak-apply");
    JsonNode pod = job.path("spec").path("template").path("spec");
    Path work = Files.createDirectories(tree.resolveSibling("job"));
    // each volume of the pod, filled as the kubelet would from the tree's objects, at a folder of work
    Map<String, Path> mounts = new TreeMap<>(java.util.Comparator.comparing(String::length).reversed().thenComparing(s -> s));
    for (JsonNode mount : pod.path("containers").path(0).path("volumeMounts")) {
      Path folder = Files.createDirectories(work.resolve(mount.path("name").asText()));
      mounts.put(mount.path("mountPath").asText(), folder);
      for (JsonNode volume : pod.path("volumes")) {
        if (volume.path("name").asText().equals(mount.path("name").asText())) {
          fill(volume, folder, documents);
        }
      }
    }
    JsonNode container = pod.path("containers").path(0);
    List<String> command = new ArrayList<>();
    container.path("command").forEach(c -> command.add(local(c.asText(), mounts)));
    Map<String, String> env = new LinkedHashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), local(e.path("value").asText(), mounts)));
    assertThat(env).containsEntry("KEYCLOAK_URL", "https://iam.example.org").containsEntry("KEYCLOAK_CLIENT_ID", "maia-identity-applier");
    env.put("KEYCLOAK_URL", keycloak.baseUrl().toString());

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile());
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the applier finished").isTrue();
    System.out.printf("IdentityConvergenceTest: %s ran in %d ms, %d line(s) of output%n", command.get(1).substring(command.get(1).lastIndexOf('/') + 1),
        (System.nanoTime() - started) / 1_000_000, output.lines().count());
    return new Applied(process.exitValue(), output);
  }

  /**
   * Writes what a volume shows into {@code folder}: a ConfigMap's data, the items of a projected
   * volume's ConfigMaps, and a Secret's keys, whose values the secret store would give (drawn here).
   */
  private static void fill(JsonNode volume, Path folder, List<JsonNode> documents) {
    if (volume.has("configMap")) {
      find(documents, "ConfigMap", volume.path("configMap").path("name").asText()).path("data").properties()
          .forEach(file -> write(folder.resolve(file.getKey()), file.getValue().asText()));
    } else if (volume.has("secret")) {
      secret(find(documents, "ExternalSecret", volume.path("secret").path("secretName").asText()), folder);
    } else {
      for (JsonNode source : volume.path("projected").path("sources")) {
        if (source.has("configMap")) {
          JsonNode data = find(documents, "ConfigMap", source.path("configMap").path("name").asText()).path("data");
          source.path("configMap").path("items").forEach(item -> write(folder.resolve(item.path("path").asText()), data.path(item.path("key").asText()).asText()));
        } else {
          secret(find(documents, "ExternalSecret", source.path("secret").path("name").asText()), folder);
        }
      }
    }
  }

  /** The keys of the Secret an ExternalSecret makes: the applier's own secret, or each client's. */
  private static void secret(JsonNode externalSecret, Path folder) {
    for (JsonNode entry : externalSecret.path("spec").path("data")) {
      String key = entry.path("secretKey").asText();
      boolean applier = entry.path("remoteRef").path("key").asText().equals("identity/applier");
      write(folder.resolve(key), applier ? APPLIER_SECRET : CLIENT_SECRETS.computeIfAbsent(key, k -> KeycloakAdmin.randomSecret()));
    }
  }

  /** A path of the pod, as the folder it is mounted from here. */
  private static String local(String path, Map<String, Path> mounts) {
    for (Map.Entry<String, Path> mount : mounts.entrySet()) {
      if (path.equals(mount.getKey()) || path.startsWith(mount.getKey() + "/")) {
        return mount.getValue() + path.substring(mount.getKey().length());
      }
    }
    return path;
  }

  private static JsonNode find(List<JsonNode> documents, String kind, String name) {
    return documents.stream()
        .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("identity/resources.yaml has no " + kind + " " + name));
  }

  // Keycloak's side

  /**
   * Logs {@code person} in to {@code clientId} as a browser does (the login form, then the code at
   * the redirect URI, exchanged with the client's secret) and returns the ID token's claims.
   */
  private static JsonNode login(KeycloakServer keycloak, String person, String clientId, String redirectUri) throws Exception {
    HttpClient browser = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    HttpResponse<String> page = browser.send(authorizeRequest(keycloak, clientId, redirectUri), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    Matcher action = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"|action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"").matcher(page.body());
    assertThat(action.find()).as("the login form of %s", clientId).isTrue();
    String url = (action.group(1) != null ? action.group(1) : action.group(2)).replace("&amp;", "&");
    // Keycloak marks its cookies Secure; a browser sends them to 127.0.0.1, a trustworthy origin, and
    // so does this one (the JDK's CookieManager would not, over plain HTTP)
    String cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
    HttpResponse<String> sent = browser.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", person, "password", PASSWORDS.get(person), "credentialId", ""))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as("%s logs in to %s: %s", person, clientId, sent.body()).isEqualTo(302);
    String location = sent.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(redirectUri + "?");
    String code = query(URI.create(location)).get("code");
    HttpResponse<String> tokens = keycloak.send(keycloak.tokenRequest(REALM, Map.of(
        "grant_type", "authorization_code",
        "code", code,
        "redirect_uri", redirectUri,
        "client_id", clientId,
        "client_secret", CLIENT_SECRETS.get(clientId))));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JsonNode claims = KeycloakAdmin.claims(KeycloakServer.json(tokens.body()).path("id_token").asText());
    assertThat(claims.path("email").asText()).isEqualTo(person + "@x.org");
    assertThat(claims.path("aud").asText()).isEqualTo(clientId);
    return claims;
  }

  private static HttpResponse<String> authorize(KeycloakServer keycloak, String clientId, String redirectUri) {
    return keycloak.send(authorizeRequest(keycloak, clientId, redirectUri));
  }

  private static HttpRequest authorizeRequest(KeycloakServer keycloak, String clientId, String redirectUri) {
    return HttpRequest.newBuilder(keycloak.url("/realms/" + REALM + "/protocol/openid-connect/auth?"
            + form(Map.of("client_id", clientId, "response_type", "code", "scope", "openid", "redirect_uri", redirectUri, "state", "s"))))
        .timeout(Duration.ofSeconds(30))
        .GET()
        .build();
  }

  private static List<String> groups(JsonNode claims) {
    List<String> groups = new ArrayList<>();
    claims.path("groups").forEach(group -> groups.add(group.asText()));
    return groups;
  }

  private static List<String> members(String group) {
    JsonNode found = admin.get(realm("/groups?exact=true&search=" + URLEncoder.encode(group, StandardCharsets.UTF_8)));
    assertThat(found.size()).as("groups named %s", group).isEqualTo(1);
    List<String> members = new ArrayList<>();
    admin.get(realm("/groups/" + found.path(0).path("id").asText() + "/members")).forEach(u -> members.add(u.path("email").asText()));
    return members;
  }

  private static String id(String person) {
    return admin.get(realm("/users?exact=true&username=" + person)).path(0).path("id").asText();
  }

  private static String realm(String path) {
    return "/" + REALM + path;
  }


  private static String form(Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    new TreeMap<>(fields).forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> result = new TreeMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return result;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
