package dev.maia.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each rule of the security lint fires on a document made to break it, mostly the example's own
 * output changed in one place, and stays quiet on the example output as generated.
 */
class SecurityLintTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Path GOLDEN = TestPaths.repoRoot().resolve("maia-core/src/test/resources/golden/example");

  private static final String WORKSPACE_APP = "argocd/apps/kth-main/fl-prostate-workspace.yaml";
  private static final String VALUES = "/spec/source/helm/valuesObject";
  private static final String PROJECT_DIR = "clusters/ki-hospital/projects/fl-prostate";
  private static final String PROJECT_RESOURCES = PROJECT_DIR + "/resources.yaml";
  private static final String BASE_RESOURCES = "bases/project/resources.yaml";
  private static final List<String> PROJECT_FOLDERS =
      List.of(
          "clusters/ki-hospital/projects/brain-mets/",
          "clusters/ki-hospital/projects/fl-prostate/",
          "clusters/kth-main/projects/fl-prostate/",
          "clusters/kth-main/projects/vertebra-ct/");

  /** The example's generated tree, read back from the golden files: path to documents. */
  static Map<String, List<JsonNode>> golden() {
    Map<String, List<JsonNode>> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(GOLDEN)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
          YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        files.put(GOLDEN.relativize(file).toString().replace('\\', '/'), documents);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document of {@code kind} named {@code name} in a file of {@code tree}, to change in place. */
  private static ObjectNode document(Map<String, List<JsonNode>> tree, String path, String kind, String name) {
    return (ObjectNode)
        tree.get(path).stream()
            .filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + path));
  }

  /** The position (from 1) of a document in its file, as findings print it after {@code #}. */
  private static int position(Map<String, List<JsonNode>> tree, String path, String kind, String name) {
    return tree.get(path).indexOf(document(tree, path, kind, name)) + 1;
  }

  private static void remove(Map<String, List<JsonNode>> tree, String path, String kind, String name) {
    List<JsonNode> documents = new ArrayList<>(tree.get(path));
    documents.remove(document(tree, path, kind, name));
    tree.put(path, documents);
  }

  private static void add(Map<String, List<JsonNode>> tree, String path, JsonNode document) {
    List<JsonNode> documents = new ArrayList<>(tree.getOrDefault(path, List.of()));
    documents.add(document);
    tree.put(path, documents);
  }

  private static ObjectNode workspaceValues(Map<String, List<JsonNode>> tree) {
    return (ObjectNode) document(tree, WORKSPACE_APP, "Application", "fl-prostate-workspace-kth-main").at(VALUES);
  }

  /** The findings of {@code rule} in a lint of {@code tree}. */
  private static List<Finding> lint(Map<String, List<JsonNode>> tree, SecurityRule rule) {
    return SecurityLint.lint(tree).stream().filter(f -> f.rule() == rule).toList();
  }

  /** The findings of {@code rule} in a tree of one file holding {@code yaml}. */
  private static List<Finding> lintOne(String path, String yaml, SecurityRule rule) {
    return lint(Map.of(path, List.of(yaml(yaml))), rule);
  }

  @Test
  void theExampleOutputIsClean() {
    // given
    Map<String, List<JsonNode>> tree = golden();

    // when
    List<Finding> findings = SecurityLint.lint(tree);

    // then
    assertThat(tree).containsKeys(BASE_RESOURCES, PROJECT_RESOURCES, WORKSPACE_APP, "argocd/platform-project.yaml");
    assertThat(findings).isEmpty();
  }

  @Test
  void aFindingReadsPathDocumentSubjectRuleAndDetail() {
    // given
    Finding inFile = new Finding("a/b.yaml", 3, "Secret/x", SecurityRule.NO_CREDENTIALS, "what and how");
    Finding single = new Finding("a/c.yaml", 0, "AppProject/p", SecurityRule.APPPROJECT_SCOPE, "what");

    // when / then
    assertThat(inFile).hasToString("a/b.yaml#3 Secret/x: no-credentials: what and how");
    assertThat(single).hasToString("a/c.yaml AppProject/p: appproject-scope: what");
  }

  @Test
  void theExceptionListsEveryFindingSorted() {
    // given
    Finding b = new Finding("b.yaml", 0, "Secret/b", SecurityRule.NO_CREDENTIALS, "two");
    Finding a = new Finding("a.yaml", 2, "AppProject/a", SecurityRule.APPPROJECT_SCOPE, "one");

    // when
    UnsafeOutputException e = new UnsafeOutputException(List.of(b, a));

    // then
    assertThat(e.findings()).containsExactly(a, b);
    assertThat(e.getMessage())
        .startsWith("the generated output has 2 security finding(s); nothing was written")
        .endsWith(":\n  a.yaml#2 AppProject/a: appproject-scope: one\n  b.yaml Secret/b: no-credentials: two");
    assertThatThrownBy(() -> new UnsafeOutputException(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyRuleIsDocumented() throws IOException {
    // given
    String doc = Files.readString(TestPaths.repoRoot().resolve("docs/security.md"), StandardCharsets.UTF_8);

    // when / then
    assertThat(doc).contains("## Output lint");
    for (SecurityRule rule : SecurityRule.values()) {
      assertThat(doc).as(rule.id()).contains("`" + rule.id() + "`");
    }
  }

  @Nested
  class NoCredentials {

    @Test
    void aSecretWithDataFiresAtTheTopAndInsideValues() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      add(tree, PROJECT_RESOURCES, yaml("{apiVersion: v1, kind: Secret, metadata: {name: db}, stringData: {user: maia}}"));
      ArrayNode extra = workspaceValues(tree).putArray("extraObjects");
      extra.add(yaml("{apiVersion: v1, kind: Secret, metadata: {name: other}, data: {user: bWFpYQ==}}"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(findings).extracting(Finding::toString)
          .containsExactly(
              WORKSPACE_APP + " Application/fl-prostate-workspace-kth-main: no-credentials: " + VALUES
                  + "/extraObjects/0 is a Secret with data (1 key(s)) in plain text; render an ExternalSecret (or a SealedSecret) instead",
              PROJECT_RESOURCES + "#" + position(tree, PROJECT_RESOURCES, "Secret", "db") + " Secret/db: no-credentials: the document is a Secret with stringData (1 key(s)) in plain text;"
                  + " render an ExternalSecret (or a SealedSecret) instead");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "password", "adminPassword", "DB_PASSWD", "client_secret", "clientSecret", "cookieSecret", "apiKey", "api-key",
          "private_key", "githubToken", "secretToken", "secretKey", "secretAccessKey", "sshPassphrase",
          // as people name them in charts, environments and config files
          "adminPass", "MINIO_ROOT_PW", "ROOT_PWD", "db_pwd", "DB_PASS", "passwd", "keyPass", "keystorePassword",
          "adminpassword", "POSTGRES_PASSWORD", "password2", "DB_PASSWORD_1", "passwordValue", "tokenString",
          "passwordBase64", "JWT_SECRET", "x-api-key", "API_KEY", "APIKey", "apikey", "sshPrivateKey", "privateKey",
          "AWS_SECRET_ACCESS_KEY", "accessToken", "AUTH_TOKEN", "bearerToken", "credentials", "gcpCredentials", "creds",
          "basicAuth", "BASIC_AUTH", "auth", "proxy-auth", "encryptionKey", "SIGNING_KEY", "MEILI_MASTER_KEY",
          "hub.cookie_secret", "oauth2.clientSecret"
        })
    void aLiteralUnderAKeyNamedLikeACredentialFiresWithoutRepeatingIt(String key) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ((ObjectNode) workspaceValues(tree).get("hub")).put(key, "hunter2-literal");

      // when
      List<Finding> findings = lint(tree, SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.path()).isEqualTo(WORKSPACE_APP);
        assertThat(f.detail()).startsWith(VALUES + "/hub/" + key + " is a literal value under a key named like a credential");
        assertThat(f.toString()).doesNotContain("hunter2");
      });
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          // about a credential, not one
          "passwordPolicy", "passwordLength", "minPasswordLength", "passwordHash", "passwordFile", "passwordPath",
          "passwordKey", "userPasswordKey", "tokenUrl", "token_endpoint", "tokenTTL", "tokenExpiry", "secretName",
          "secretRef", "secretNamespace", "credentialsFile", "authType", "authUrl", "authMethod", "authorization",
          // references to a Secret
          "existingSecret", "existingSecretPasswordKey", "keyOfPassword",
          // other words that contain one
          "bypass", "bypassProxy", "compass", "passive", "passthrough", "tokenizer", "tokenizerPath", "oauth", "author",
          "secretary", "keypassword-policy", "passwordless", "PWD", "OLDPWD", "publicKey", "accessKey", "keystore"
        })
    void aKeyAboutACredentialOrThatOnlyContainsTheWordIsNoCredential(String key) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ((ObjectNode) workspaceValues(tree).get("hub")).put(key, "some-literal");

      // when
      List<Finding> findings = lint(tree, SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(findings).isEmpty();
    }

    @Test
    void referencesTemplatesAndEmptyValuesAreNotCredentials() {
      // given: every way of naming a Secret rather than holding one
      Map<String, List<JsonNode>> tree = golden();
      ObjectNode hub = (ObjectNode) workspaceValues(tree).get("hub");
      hub.put("existingSecret", "workspace-hub");
      hub.put("existingSecretPasswordKey", "password");
      hub.put("cookieSecret", "");
      hub.put("apiToken", "{{ .Values.token }}");
      hub.put("dbPassword", "${DB_PASSWORD}");
      hub.put("proxyToken", "$(PROXY_TOKEN)");
      hub.put("secretName", "hub-tls");
      hub.put("token_url", "https://iam.example.org/token");
      hub.set("password", yaml("{valueFrom: {secretKeyRef: {name: db, key: password}}}"));
      hub.set("env", yaml("[{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}, {name: DB_USER, value: maia}]"));
      ObjectNode external = document(tree, PROJECT_RESOURCES, "ExternalSecret", "workspace-oidc");
      ((ObjectNode) external.at("/spec/target")).set("template", yaml("{data: {password: '{{ .password }}'}}"));
      ((ObjectNode) external.at("/spec/data/0")).put("secretKey", "client-secret");

      // when
      List<Finding> findings = lint(tree, SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(findings).isEmpty();
    }

    static Stream<Arguments> credentialShapes() {
      String base64url = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
      String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"someone\"}".getBytes(StandardCharsets.UTF_8));
      // every sample is put together at run time, so that no scanner takes this file for a leak
      return Stream.of(
          Arguments.of("a PEM private key", "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n"),
          Arguments.of("a PEM private key", "-----BEGIN " + "OPENSSH PRIVATE KEY-----\nb3Blbn\n"),
          Arguments.of("a GitHub token", "gh" + "p_" + "a1B2c3D4e5".repeat(4)),
          Arguments.of("a GitHub token", "gh" + "o_" + "a1B2c3D4e5".repeat(4)),
          Arguments.of("a GitHub token", "gh" + "u_" + "a1B2c3D4e5".repeat(4)),
          Arguments.of("a GitHub token", "gh" + "s_" + "a1B2c3D4e5".repeat(4)),
          Arguments.of("a GitHub token", "gh" + "r_" + "a1B2c3D4e5".repeat(4)),
          Arguments.of("a GitHub token", "github" + "_pat_" + "11ABCDEFG0" + "a1B2c3D4e5_f6G7h8".repeat(3)),
          Arguments.of("a GitLab token", "gl" + "pat-" + "x1Y2z3W4v5U6t7S8r9Q0"),
          Arguments.of("an AWS access key id", "AK" + "IA" + "Z7QX4MPL3EXAMPL9"),
          Arguments.of("an AWS access key id", "AS" + "IA" + "Z7QX4MPL3EXAMPL9"),
          Arguments.of("a JSON Web Token", base64url + "." + payload + "." + "c2lnbmF0dXJlLXNhbXBsZQ"),
          Arguments.of("a bcrypt hash", "$2" + "b$12$" + "R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"),
          Arguments.of("a URL with a password", "https://" + "maia-ci:" + "hunter2" + "@git.example.org/maia/gitops.git"),
          Arguments.of("a URL with a password", "postgresql://" + "mlflow:" + "db-pw" + "@postgres:5432/mlflow"),
          Arguments.of("a URL with a password", "redis://" + ":" + "only-a-password" + "@redis:6379/0"));
    }

    @ParameterizedTest
    @MethodSource("credentialShapes")
    void aValueShapedLikeACredentialFiresUnderAnyKey(String shape, String value) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      workspaceValues(tree).putObject("notes").put("welcome", "see " + value);

      // when
      List<Finding> findings = lint(tree, SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.detail()).isEqualTo(VALUES + "/notes/welcome holds " + shape
            + "; reference a Secret instead (an ExternalSecret plus valueFrom.secretKeyRef, or the chart's existingSecret)");
        assertThat(f.toString()).doesNotContain(value.strip());
      });
    }

    @ParameterizedTest
    @MethodSource("shortestShapes")
    void theShortestValueOfAShapeFiresAlone(String shape, String value) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      workspaceValues(tree).putObject("notes").put("welcome", value);

      // when
      List<Finding> findings = lint(tree, SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(value).hasSizeGreaterThanOrEqualTo(CredentialRule.SHORTEST_SHAPE);
      assertThat(findings).singleElement().satisfies(f -> assertThat(f.detail()).contains(" holds " + shape + ";"));
    }

    static Stream<Arguments> shortestShapes() {
      return Stream.of(
          Arguments.of("an AWS access key id", "AK" + "IA" + "Z7QX4MPL3EXAMPL9"),
          Arguments.of("a JSON Web Token", "ey" + "J" + "abcdefgh" + "." + "ijklmnop" + "."),
          Arguments.of("a URL with a password", "a://" + ":" + "b@"));
    }

    @Test
    void aCertificateAndOrdinaryTextAreNotCredentials() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ObjectNode notes = workspaceValues(tree).putObject("notes");
      notes.put("ca", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
      notes.put("text", "ghp_ is a prefix; AKIA is one too; eyJ starts JSON in base64");
      notes.put("ssh", "ssh://git@git.example.org/maia/gitops.git");
      notes.put("templated", "postgresql://{{ .user }}:{{ .password }}@postgres/mlflow");
      notes.put("variables", "postgresql://${DB_USER}:${DB_PASSWORD}@postgres/mlflow");
      notes.put("at", "https://git.example.org/maia/gitops.git@v1 and mail pi@kth.se");

      // when
      List<Finding> findings = lint(tree, SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(findings).isEmpty();
    }

    @Test
    void anEnvironmentVariableWithALiteralCredentialFires() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      workspaceValues(tree).set("extraEnv", yaml("[{name: MLFLOW_TRACKING_PASSWORD, value: not-a-reference}]"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(findings).extracting(Finding::detail).singleElement().asString()
          .startsWith(VALUES + "/extraEnv/0/value is a literal value of 'MLFLOW_TRACKING_PASSWORD', named like a credential");
    }

    @Test
    void aLiteralInsideTheJsonOfAClusterSecretFires() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ObjectNode registration = document(tree, "argocd/clusters/ki-hospital.yaml", "ExternalSecret", "cluster-ki-hospital");
      ((ObjectNode) registration.at("/spec/target/template/data"))
          .put("config", "{\"bearerToken\": \"plain-text-bearer\", \"tlsClientConfig\": {\"insecure\": false, \"caData\": \"{{ .caData }}\"}}");

      // when
      List<Finding> findings = lint(tree, SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(findings).extracting(Finding::detail).singleElement().asString()
          .startsWith("/spec/target/template/data/config > /bearerToken is a literal value under a key named like a credential");
    }

    @Test
    void argocdsSecretReferenceInItsSettingsIsNoCredentialButALiteralThereAndTheReferenceElsewhereAre() {
      // given: ArgoCD's settings reference the client secret; a literal one, and the same
      // reference in a ConfigMap ArgoCD does not resolve it in
      String settings = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: argocd-cm, namespace: argocd}\n"
          + "data:\n  oidc.config: |\n    name: Keycloak\n    clientID: maia-argocd\n    clientSecret: CLIENT_SECRET\n";

      // when
      List<Finding> reference = lintOne("argocd/settings/argocd-cm.yaml", settings.replace("CLIENT_SECRET", "$argocd-oidc:client-secret"),
          SecurityRule.NO_CREDENTIALS);
      List<Finding> ofArgocdSecret = lintOne("argocd/settings/argocd-cm.yaml",
          settings.replace("CLIENT_SECRET", "$oidc.keycloak.clientSecret"), SecurityRule.NO_CREDENTIALS);
      List<Finding> literal = lintOne("argocd/settings/argocd-cm.yaml", settings.replace("CLIENT_SECRET", "s3cr3t-of-the-client"),
          SecurityRule.NO_CREDENTIALS);
      List<Finding> elsewhere = lintOne("argocd/settings/other.yaml",
          settings.replace("CLIENT_SECRET", "$argocd-oidc:client-secret").replace("name: argocd-cm", "name: other-cm"),
          SecurityRule.NO_CREDENTIALS);

      // then
      assertThat(reference).isEmpty();
      assertThat(ofArgocdSecret).isEmpty();
      assertThat(literal).extracting(Finding::detail).singleElement().asString()
          .startsWith("/data/oidc.config > /clientSecret is a literal value under a key named like a credential");
      assertThat(elsewhere).extracting(Finding::detail).singleElement().asString()
          .startsWith("/data/oidc.config > /clientSecret is a literal value under a key named like a credential");
    }
  }

  @Nested
  class AppProjectScope {

    @Test
    void aProjectWithWildcardsNegationsOrClusterKindsFires() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ObjectNode spec = (ObjectNode) document(tree, "argocd/appprojects/fl-prostate.yaml", "AppProject", "fl-prostate").get("spec");
      int repos = spec.get("sourceRepos").size();
      int destinations = spec.get("destinations").size();
      ((ArrayNode) spec.get("sourceRepos")).add("*");
      ((ArrayNode) spec.get("sourceRepos")).add("!https://forbidden.example.org/*");
      ((ArrayNode) spec.get("destinations")).add(yaml("{server: '*', namespace: fl-prostate}"));
      ((ArrayNode) spec.get("destinations")).add(yaml("{name: ki-hospital, namespace: '!kube-system'}"));
      ((ArrayNode) spec.get("clusterResourceWhitelist")).add(yaml("{group: rbac.authorization.k8s.io, kind: ClusterRole}"));
      spec.set("sourceNamespaces", yaml("['*']"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.APPPROJECT_SCOPE);

      // then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly(
              "/spec/clusterResourceWhitelist/0 allows rbac.authorization.k8s.io/ClusterRole;"
                  + " a project may sync no cluster-scoped resource, so the list must be empty",
              "/spec/destinations/" + destinations + "/server is '*', which is a wildcard; name the exact server",
              "/spec/destinations/" + (destinations + 1)
                  + "/namespace is '!kube-system', which allows everything but one; name the exact namespace",
              "/spec/sourceNamespaces/0 is '*', a wildcard; list each allowed entry exactly",
              "/spec/sourceRepos/" + repos + " is '*', a wildcard; list each allowed entry exactly");
    }

    @Test
    void aProjectDestinationWithAWildcardNameOrNamespaceFires() {
      // given: the platform project may use namespace '*', a project may not
      Map<String, List<JsonNode>> tree = golden();
      ArrayNode destinations =
          (ArrayNode) document(tree, "argocd/appprojects/vertebra-ct.yaml", "AppProject", "vertebra-ct").at("/spec/destinations");
      destinations.add(yaml("{name: 'kth-*', namespace: vertebra-ct}"));
      destinations.add(yaml("{server: 'https://kubernetes.default.svc', namespace: '*'}"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.APPPROJECT_SCOPE);

      // then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly(
              "/spec/destinations/1/name is 'kth-*', which is a wildcard; name the exact name",
              "/spec/destinations/2/namespace is '*', which is a wildcard; name the exact namespace");
    }

    @Test
    void thePlatformProjectMayUseAnyNamespaceButNoWildcardRepoNorOtherClusterKinds() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ObjectNode spec = (ObjectNode) document(tree, "argocd/platform-project.yaml", "AppProject", "maia-platform").get("spec");
      ((ArrayNode) spec.get("sourceRepos")).add("https://git.example.org/*");
      ArrayNode whitelist = (ArrayNode) spec.get("clusterResourceWhitelist");
      whitelist.add(yaml("{group: '*', kind: '*'}"));
      String allowed = AppProjectRule.PLATFORM_CLUSTER_KINDS.stream().map(Object::toString).sorted().collect(java.util.stream.Collectors.joining(", "));
      ((ArrayNode) spec.get("destinations")).add(yaml("{server: '!https://k8s.ki.example.org:6443', namespace: '*'}"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.APPPROJECT_SCOPE);

      // then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly(
              "/spec/clusterResourceWhitelist/" + (whitelist.size() - 1) + " allows */*; the platform project may sync only " + allowed,
              "/spec/destinations/2/server is '!https://k8s.ki.example.org:6443', which allows everything but one;"
                  + " name the exact server",
              "/spec/sourceRepos/1 is 'https://git.example.org/*', a wildcard; list each allowed entry exactly");
    }
  }

  @Nested
  class NamespaceGuards {

    @Test
    void withoutDefaultDenyInTheBaseEveryProjectFolderFires() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      remove(tree, BASE_RESOURCES, "NetworkPolicy", "default-deny");

      // when
      List<Finding> findings = lint(tree, SecurityRule.NAMESPACE_GUARDS);

      // then
      assertThat(findings).extracting(Finding::path).containsExactlyElementsOf(PROJECT_FOLDERS);
      assertThat(findings).extracting(Finding::detail).containsOnly(
          "no default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress], no ingress rules); include the project base");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ingress: [{}]}", "{podSelector: {matchLabels: {app: hub}}}", "{policyTypes: [Egress]}"})
    void aDefaultDenyThatLetsSomethingInIsNoGuard(String change) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ((ObjectNode) document(tree, BASE_RESOURCES, "NetworkPolicy", "default-deny").get("spec")).setAll((ObjectNode) yaml(change));

      // when
      List<Finding> findings = lint(tree, SecurityRule.NAMESPACE_GUARDS);

      // then
      assertThat(findings).hasSize(PROJECT_FOLDERS.size()).allSatisfy(f -> assertThat(f.detail()).startsWith("no default-deny"));
    }

    static Stream<Arguments> missingGuards() {
      return Stream.of(
          Arguments.of("ResourceQuota", "*", "no ResourceQuota with spec.hard; every project namespace needs a quota"),
          Arguments.of("LimitRange", "maia-limits",
              "no LimitRange with spec.limits; every project namespace needs default and maximum limits"),
          Arguments.of("Namespace", "fl-prostate", "no Namespace fl-prostate to carry the PodSecurity labels"));
    }

    @ParameterizedTest
    @MethodSource("missingGuards")
    void aProjectFolderWithoutAGuardFires(String kind, String name, String detail) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      if (name.equals("*")) {
        tree.put(PROJECT_RESOURCES, tree.get(PROJECT_RESOURCES).stream().filter(d -> !d.path("kind").asText().equals(kind)).toList());
      } else {
        remove(tree, PROJECT_RESOURCES, kind, name);
      }

      // when
      List<Finding> findings = lint(tree, SecurityRule.NAMESPACE_GUARDS);

      // then
      assertThat(findings).extracting(Finding::toString)
          .containsExactly(PROJECT_DIR + "/ Namespace/fl-prostate: namespace-guards: " + detail);
    }

    @Test
    void aQuotaWithoutHardLimitsAndALimitRangeWithoutLimitsAreNoGuards() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      tree.get(PROJECT_RESOURCES).stream()
          .filter(d -> d.path("kind").asText().equals("ResourceQuota"))
          .forEach(q -> ((ObjectNode) q.get("spec")).putObject("hard"));
      ((ObjectNode) document(tree, PROJECT_RESOURCES, "LimitRange", "maia-limits").get("spec")).remove("limits");

      // when
      List<Finding> findings = lint(tree, SecurityRule.NAMESPACE_GUARDS);

      // then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly(
              "no LimitRange with spec.limits; every project namespace needs default and maximum limits",
              "no ResourceQuota with spec.hard; every project namespace needs a quota");
    }

    @Test
    void aGuardInAnotherNamespaceDoesNotCount() {
      // given: without namespace: in the kustomization, the quota's own namespace counts
      Map<String, List<JsonNode>> tree = golden();
      document(tree, PROJECT_DIR + "/kustomization.yaml", "Kustomization", "").remove("namespace");
      tree.get(PROJECT_RESOURCES).stream()
          .filter(d -> d.path("kind").asText().equals("ResourceQuota"))
          .forEach(q -> ((ObjectNode) q.get("metadata")).put("namespace", "other"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.NAMESPACE_GUARDS);

      // then
      assertThat(findings).extracting(Finding::toString)
          .contains(PROJECT_DIR + "/ Namespace/fl-prostate: namespace-guards: no ResourceQuota with spec.hard;"
              + " every project namespace needs a quota");
    }

    @Test
    void aProjectFolderWhoseNamespaceIsUnknownFires() {
      // given: no namespace: in the kustomization, and a second Namespace next to the project's own
      Map<String, List<JsonNode>> tree = golden();
      document(tree, PROJECT_DIR + "/kustomization.yaml", "Kustomization", "").remove("namespace");
      add(tree, PROJECT_RESOURCES, yaml("{apiVersion: v1, kind: Namespace, metadata: {name: elsewhere}}"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.NAMESPACE_GUARDS);

      // then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly(
              "its kustomization sets no namespace: and the folder has no single Namespace; set namespace: to the project namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"privileged", ""})
    void aNamespaceThatEnforcesNoPodSecurityFires(String level) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ObjectNode labels = (ObjectNode) document(tree, PROJECT_RESOURCES, "Namespace", "fl-prostate").at("/metadata/labels");
      if (level.isEmpty()) {
        labels.remove(NamespaceGuardRule.ENFORCE);
      } else {
        labels.put(NamespaceGuardRule.ENFORCE, level);
      }

      // when
      List<Finding> findings = lint(tree, SecurityRule.NAMESPACE_GUARDS);

      // then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly("Namespace fl-prostate has "
              + (level.isEmpty() ? "no label " + NamespaceGuardRule.ENFORCE : NamespaceGuardRule.ENFORCE + ": " + level)
              + "; set it to baseline or restricted");
    }

    @Test
    void aProjectFolderThatDoesNotIncludeTheBaseOrHasNoKustomizationFires() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ObjectNode kustomization = document(tree, PROJECT_DIR + "/kustomization.yaml", "Kustomization", "");
      kustomization.set("resources", yaml("[resources.yaml]"));
      tree.remove("clusters/kth-main/projects/vertebra-ct/kustomization.yaml");

      // when
      List<Finding> findings = lint(tree, SecurityRule.NAMESPACE_GUARDS);

      // then
      assertThat(findings).extracting(Finding::toString)
          .containsExactly(
              PROJECT_DIR + "/ Namespace/fl-prostate: namespace-guards: no default-deny NetworkPolicy"
                  + " (podSelector: {}, policyTypes: [Ingress], no ingress rules); include the project base",
              "clusters/kth-main/projects/vertebra-ct/ Namespace/vertebra-ct: namespace-guards: has no kustomization.yaml,"
                  + " so kustomize can not build it and no guard of the base applies; generate one");
    }
  }

  @Nested
  class PinnedVersions {

    @ParameterizedTest
    @ValueSource(strings = {"latest", "*", "^1.2.0", "~1", ">=1.0.0", "1.x", "HEAD", "main", "master", "", "1.2", "4.2.0 || 5.0.0"})
    void aChartAtAMovingRevisionFires(String revision) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ((ObjectNode) document(tree, WORKSPACE_APP, "Application", "fl-prostate-workspace-kth-main").at("/spec/source"))
          .put("targetRevision", revision);

      // when
      List<Finding> findings = lint(tree, SecurityRule.PINNED_VERSIONS);

      // then
      assertThat(findings).extracting(Finding::detail).singleElement().asString()
          .startsWith("/spec/source/targetRevision of chart 'jupyterhub' is " + (revision.isEmpty() ? "empty" : "'" + revision + "'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.2.0", "v1.2.3", "1.2.3-rc.1+build.5"})
    void aChartAtAnExactVersionPasses(String revision) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ((ObjectNode) document(tree, WORKSPACE_APP, "Application", "fl-prostate-workspace-kth-main").at("/spec/source"))
          .put("targetRevision", revision);

      // when / then
      assertThat(lint(tree, SecurityRule.PINNED_VERSIONS)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "quay.io/jupyter/base-notebook", "quay.io/jupyter/base-notebook:latest", "registry.example.org:5000/notebook",
          "notebook:stable", "notebook@sha256:not-hex"
        })
    void anImageWithoutAnExactTagOrDigestFires(String image) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      workspaceValues(tree).putObject("hub").set("extraContainers", yaml("[{name: sidecar, image: '" + image + "'}]"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.PINNED_VERSIONS);

      // then
      assertThat(findings).extracting(Finding::detail).singleElement().asString()
          .startsWith(VALUES + "/hub/extraContainers/0/image is '" + image + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "stable", "edge", "nightly", "main", "master", "head", "dev", "develop", "canary"})
    void everyMovingTagFiresAlsoInAFieldNamedLikeAnImage(String tag) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      workspaceValues(tree).putObject("hub").put("initContainerImage", "registry.example.org/init:" + tag.toUpperCase(java.util.Locale.ROOT));

      // when
      List<Finding> findings = lint(tree, SecurityRule.PINNED_VERSIONS);

      // then
      assertThat(findings).extracting(Finding::detail).singleElement().asString()
          .startsWith(VALUES + "/hub/initContainerImage is 'registry.example.org/init:" + tag.toUpperCase(java.util.Locale.ROOT) + "'");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "quay.io/jupyter/base-notebook:2024-10-07", "registry.example.org:5000/notebook:1.2.3",
          "notebook@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "{{ .Values.image }}"
        })
    void anImageAtAnExactTagOrDigestPasses(String image) {
      // given
      Map<String, List<JsonNode>> tree = golden();
      workspaceValues(tree).putObject("hub").set("extraContainers", yaml("[{name: sidecar, image: '" + image + "'}]"));

      // when / then
      assertThat(lint(tree, SecurityRule.PINNED_VERSIONS)).isEmpty();
    }

    @Test
    void aRepositoryAndTagPairWithAMovingTagFiresAndTheChartDefaultPasses() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ObjectNode values = workspaceValues(tree);
      ((ObjectNode) values.get("singleuser")).set("image", yaml("{name: quay.io/jupyter/base-notebook, tag: latest}"));
      values.set("prePuller", yaml("{pause: {image: {repository: registry.k8s.io/pause, tag: '3.10'}}, hook: {image: {repository: x/hook}}}"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.PINNED_VERSIONS);

      // then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly(VALUES + "/singleuser/image/tag is 'latest', which moves; pin an exact tag or a digest");
    }
  }

  @Nested
  class TlsVerification {

    @Test
    void aClusterRegistrationWithInsecureTrueFires() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ObjectNode registration = document(tree, "argocd/clusters/ki-hospital.yaml", "ExternalSecret", "cluster-ki-hospital");
      ObjectNode data = (ObjectNode) registration.at("/spec/target/template/data");
      data.put("config", data.get("config").textValue().replace("\"insecure\": false", "\"insecure\": true"));

      // when
      List<Finding> findings = lint(tree, SecurityRule.TLS_VERIFICATION);

      // then
      assertThat(findings).extracting(Finding::toString)
          .containsExactly("argocd/clusters/ki-hospital.yaml ExternalSecret/cluster-ki-hospital: tls-verification:"
              + " /spec/target/template/data/config > /tlsClientConfig/insecure turns TLS verification off for an ArgoCD credential;"
              + " set it to false and give caData");
    }

    @Test
    void aRepositoryCredentialWithInsecureFiresAlsoWhenItsConfigIsNoJson() {
      // given
      List<Finding> findings =
          lintOne(
              "argocd/repos.yaml",
              """
              apiVersion: external-secrets.io/v1
              kind: ExternalSecret
              metadata: {name: charts, namespace: argocd}
              spec:
                target:
                  template:
                    metadata: {labels: {argocd.argoproj.io/secret-type: repository}}
                    data:
                      url: https://charts.example.org
                      insecure: "true"
                      config: '{"insecure": true, "token": {{ .token }}}'
              """,
              SecurityRule.TLS_VERIFICATION);

      // when / then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly(
              "/spec/target/template/data/config sets insecure: true for an ArgoCD credential; set it to false and give caData",
              "/spec/target/template/data/insecure turns TLS verification off for an ArgoCD credential; set it to false and give caData");
    }

    @Test
    void anArgoCdSecretWithInsecureFires() {
      // given: the Secret an ExternalSecret would make, written out (no-credentials also fires on it)
      List<Finding> findings =
          lintOne(
              "argocd/clusters/remote.yaml",
              """
              apiVersion: v1
              kind: Secret
              metadata: {name: cluster-remote, namespace: argocd, labels: {argocd.argoproj.io/secret-type: cluster}}
              stringData:
                server: https://remote.example.org:6443
                insecure: true
              """,
              SecurityRule.TLS_VERIFICATION);

      // when / then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly("/stringData/insecure turns TLS verification off for an ArgoCD credential; set it to false and give caData");
    }

    @Test
    void skippingTlsVerificationFiresAnywhere() {
      // given
      List<Finding> findings =
          lintOne(
              "argocd/apps/kth-main/tool.yaml",
              """
              apiVersion: argoproj.io/v1alpha1
              kind: Application
              metadata: {name: tool}
              spec:
                source:
                  helm:
                    valuesObject:
                      args: [--insecure-skip-tls-verify, --insecure-skip-tls-verify=false]
                      kubeconfig: |
                        clusters:
                        - cluster: {server: 'https://k8s.example.org', insecure-skip-tls-verify: true}
                      apiService: {insecureSkipTLSVerify: true}
                      server: {insecure: true}
              """,
              SecurityRule.TLS_VERIFICATION);

      // when / then: "server.insecure" of a chart is about serving plain HTTP, not about a peer
      assertThat(findings).extracting(Finding::detail)
          .containsExactly(
              "/spec/source/helm/valuesObject/apiService/insecureSkipTLSVerify turns TLS verification off;"
                  + " remove it and give the CA instead",
              "/spec/source/helm/valuesObject/args/0 contains insecure-skip-tls-verify; remove it and give the CA instead",
              "/spec/source/helm/valuesObject/kubeconfig > /clusters/0/cluster/insecure-skip-tls-verify turns TLS verification off;"
                  + " remove it and give the CA instead");
    }
  }

  @Nested
  class RbacScope {

    @Test
    void aClusterRoleBindingOrAWideClusterRoleInAProjectFolderFires() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ((ObjectNode) document(tree, PROJECT_RESOURCES, "RoleBinding", "maia-members").get("roleRef")).put("name", "cluster-admin");
      add(tree, BASE_RESOURCES, yaml("""
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: {name: everyone-views}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
          subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: 'MAIA:fl-prostate'}]
          """));

      // when
      List<Finding> findings = lint(tree, SecurityRule.RBAC_SCOPE);

      // then: the base is part of every project folder
      assertThat(findings).extracting(Finding::toString)
          .contains(
              BASE_RESOURCES + "#5 ClusterRoleBinding/everyone-views: rbac-scope: a ClusterRoleBinding in project folder "
                  + PROJECT_DIR + "/ grants across every namespace; use a RoleBinding in the project namespace",
              PROJECT_RESOURCES + "#" + position(tree, PROJECT_RESOURCES, "RoleBinding", "maia-members") + " RoleBinding/maia-members: rbac-scope: /roleRef is ClusterRole cluster-admin;"
                  + " a project may be granted only ClusterRole admin, edit or view")
          .hasSize(PROJECT_FOLDERS.size() + 1);
    }

    @Test
    void aRoleBindingOutsideTheProjectNamespaceFires() {
      // given: without namespace: in the kustomization, the binding's own namespace counts
      Map<String, List<JsonNode>> tree = golden();
      document(tree, PROJECT_DIR + "/kustomization.yaml", "Kustomization", "").remove("namespace");
      ((ObjectNode) document(tree, PROJECT_RESOURCES, "RoleBinding", "maia-admins").get("metadata")).put("namespace", "kube-system");

      // when
      List<Finding> findings = lint(tree, SecurityRule.RBAC_SCOPE);

      // then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly("binds in namespace kube-system, outside the project namespace fl-prostate of " + PROJECT_DIR + "/");
    }

    @Test
    void aRoleBindingToSomethingButARoleOrClusterRoleFires() {
      // given
      Map<String, List<JsonNode>> tree = golden();
      ((ObjectNode) document(tree, PROJECT_RESOURCES, "RoleBinding", "maia-members").get("roleRef")).put("kind", "ServiceAccount");

      // when
      List<Finding> findings = lint(tree, SecurityRule.RBAC_SCOPE);

      // then
      assertThat(findings).extracting(Finding::detail)
          .containsExactly("/roleRef has kind 'ServiceAccount'; use a Role or ClusterRole admin, edit or view");
    }

    @Test
    void theKustomizationNamespaceWinsOverTheBindingsOwn() {
      // given: kustomize rewrites metadata.namespace to the folder's namespace
      Map<String, List<JsonNode>> tree = golden();
      ((ObjectNode) document(tree, PROJECT_RESOURCES, "RoleBinding", "maia-admins").get("metadata")).put("namespace", "kube-system");

      // when / then
      assertThat(lint(tree, SecurityRule.RBAC_SCOPE)).isEmpty();
    }
  }
}
