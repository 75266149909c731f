package dev.maia.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.maia.core.AllTools;
import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.output.UnsafeOutputException;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No value of the platform can change the structure of the output. Every free-text string field of
 * the contract gets, one at a time, strings with newlines, {@code ": "}, {@code #}, quotes, Helm's
 * {@code {{}}, Freemarker's {@code ${} and {@code <#}, document separators, YAML tags and anchors,
 * values YAML 1.1 would read as other types, unusual unicode and 10 kB. Each run either fails
 * validation (the schema refuses values a field cannot hold, which is safe) or produces exactly the
 * files, documents, keys and list lengths of a run with a harmless value, with the value itself in
 * the places the harmless one was, read back exactly.
 */
class InjectionTest {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /** Every field under test, with the harmless value it has in the base platform and whether it is rendered. */
  private record Field(String name, String pointer, String prefix, String token, String suffix, boolean rendered) {

    String harmless() {
      return prefix + token + suffix;
    }
  }

  private static final List<Field> FIELDS = List.of(
      // the platform's name is only written to maia-index.json, which is JSON
      new Field("metadata.name", "/metadata/name", "", "zqx01zqx", "", false),
      new Field("gitops.repoURL", "/spec/gitops/repoURL", "https://git.example.org/maia/", "zqx02zqx", ".git", true),
      new Field("gitops.branch", "/spec/gitops/branch", "", "zqx03zqx", "", true),
      new Field("gitops.path", "/spec/gitops/path", "", "zqx04zqx", "", true),
      new Field("identity.issuer", "/spec/identity/issuer", "https://iam.example.org/realms/", "zqx05zqx", "", true),
      new Field("identity.adminGroup", "/spec/identity/adminGroup", "", "zqx06zqx", "", true),
      new Field("identity.groupPrefix", "/spec/identity/groupPrefix", "", "zqx07zqx", "", true),
      new Field("secrets.store.name", "/spec/secrets/store/name", "", "zqx08zqx", "", true),
      new Field("catalog.mlflow.repoURL", "/spec/catalog/mlflow/repoURL", "https://charts.example.org/", "zqx09zqx", "", true),
      new Field("catalog.mlflow.chart", "/spec/catalog/mlflow/chart", "", "zqx10zqx", "", true),
      new Field("clusters.labels", "/spec/clusters/1/labels/site", "", "zqx11zqx", "", true),
      new Field("clusters.server", "/spec/clusters/1/server", "https://k8s.example.org/", "zqx12zqx", "", true),
      new Field("clusters.domain", "/spec/clusters/0/domain", "", "zqx13zqx", ".example.org", true),
      new Field("clusters.credentials.secretKey", "/spec/clusters/1/credentials/secretKey", "clusters/", "zqx14zqx", "", true),
      new Field("clusters.ingress.className", "/spec/clusters/0/ingress/className", "", "zqx15zqx", "", true),
      new Field("clusters.ingress.clusterIssuer", "/spec/clusters/0/ingress/clusterIssuer", "", "zqx16zqx", "", true),
      new Field("clusters.storage.default", "/spec/clusters/0/storage/default", "", "zqx17zqx", "", true),
      new Field("clusters.storage.shared", "/spec/clusters/0/storage/shared", "", "zqx18zqx", "", true),
      new Field("projects.description", "/spec/projects/0/description", "", "zqx19zqx", "", true),
      new Field("projects.group", "/spec/projects/1/group", "", "zqx20zqx", "", true),
      new Field("tools.orthanc.aeTitle", "/spec/projects/0/tools/orthanc/aeTitle", "", "zqx21zqx", "", true),
      new Field("tools.orthanc.peers.aeTitle", "/spec/projects/0/tools/orthanc/peers/0/aeTitle", "", "zqx22zqx", "", true),
      new Field("tools.orthanc.peers.host", "/spec/projects/0/tools/orthanc/peers/0/host", "", "zqx23zqx", "", true),
      new Field("hpc.host", "/spec/hpc/0/host", "", "zqx24zqx", "", true),
      new Field("hpc.users", "/spec/hpc/0/users/a@x.org", "", "zqx25zqx", "", true),
      new Field("hpc.account", "/spec/hpc/0/account", "", "zqx26zqx", "", true),
      new Field("hpc.partition", "/spec/hpc/0/partition", "", "zqx27zqx", "", true),
      new Field("hpc.credentials.secretKey", "/spec/hpc/0/credentials/secretKey", "", "zqx28zqx", "/{user}", true),
      new Field("hpc.credentials.shared.user", "/spec/hpc/1/credentials/shared/user", "", "zqx29zqx", "", true),
      new Field("hpc.credentials.shared.secretKey", "/spec/hpc/1/credentials/shared/secretKey", "", "zqx30zqx", "", true));

  private static final String BASE =
      """
      apiVersion: maia/v1alpha1
      kind: Platform
      metadata: {name: zqx01zqx}
      spec:
        gitops: {repoURL: https://git.example.org/maia/zqx02zqx.git, branch: zqx03zqx, path: zqx04zqx}
        argocd: {cluster: one}
        identity: {issuer: https://iam.example.org/realms/zqx05zqx, adminGroup: zqx06zqx, groupPrefix: zqx07zqx}
        secrets: {store: {name: zqx08zqx}}
        catalog:
          mlflow: {repoURL: https://charts.example.org/zqx09zqx, chart: zqx10zqx}
        clusters:
          - name: one
            server: https://kubernetes.default.svc
            domain: zqx13zqx.example.org
            ingress: {className: zqx15zqx, clusterIssuer: zqx16zqx}
            core: {ingress: {controller: ingress-nginx}}
            storage: {default: zqx17zqx, shared: zqx18zqx}
          - name: two
            server: https://k8s.example.org/zqx12zqx
            domain: two.example.org
            labels: {site: zqx11zqx}
            credentials: {secretKey: clusters/zqx14zqx}
        projects:
          - name: lung
            cluster: one
            description: zqx19zqx
            users: [a@x.org]
            tools:
              workspace: {}
              filebrowser: {}
              minio: {}
              mlflow: {}
              orthanc:
                aeTitle: zqx21zqx
                viewer: ohif
                peers: [{aeTitle: zqx22zqx, host: zqx23zqx, port: 104}]
          - name: heart
            cluster: one
            group: zqx20zqx
            users: [b@x.org]
            tools: {workspace: {}}
        hpc:
          - name: alvis
            host: zqx24zqx
            account: zqx26zqx
            partition: zqx27zqx
            scheduler: slurm
            projects: [lung]
            users: {a@x.org: zqx25zqx}
            credentials: {secretKey: "zqx28zqx/{user}"}
          - name: dardel
            host: dardel.example.org
            scheduler: slurm
            projects: [heart]
            credentials: {shared: {user: zqx29zqx, secretKey: zqx30zqx}}
      """;

  private static final List<String> HOSTILE = List.of(
      "line one\nline two: value\n- item",
      "key: value",
      "# not a comment",
      "\"double\" and 'single' quotes",
      "{{ .Values.secret }}{{- include \"x\" . }}",
      "${secrets.oidc}${oidc.clientId?no_esc}",
      "<#assign x = 1>${x}</#assign><@m/>",
      "Grüße – 日本語 😀 \u2028 \u0085 \u00a0 end",
      "---\napiVersion: v1\nkind: Secret\ndata: {x: eA==}",
      "&anchor *alias !!binary |",
      "  leading and trailing  ",
      "null",
      "yes",
      "0x1F",
      "12:30",
      "a: b#c",
      "\"{{x}}'",
      "${x}<#if>",
      "日本😀",
      "a\\b\tc",
      "x".repeat(5000) + ": " + "#y".repeat(2600));

  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @TempDir static Path dir;

  private static Map<String, List<JsonNode>> baseline;

  @BeforeAll
  static void generateTheHarmlessPlatform() throws IOException {
    baseline = generate(YAML.readTree(BASE), dir.resolve("baseline"));
  }

  static Stream<Field> fields() {
    return FIELDS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void noValueOfTheFieldChangesTheStructureOfTheOutput(Field field) throws IOException {
    int accepted = 0;
    for (int i = 0; i < HOSTILE.size(); i++) {
      // given
      String hostile = HOSTILE.get(i);
      ObjectNode platform = (ObjectNode) YAML.readTree(BASE);
      String value = field.prefix() + hostile + field.suffix();
      ObjectNode parent = (ObjectNode) platform.at(field.pointer().substring(0, field.pointer().lastIndexOf('/')));
      parent.put(field.pointer().substring(field.pointer().lastIndexOf('/') + 1), value);

      // when
      Map<String, List<JsonNode>> output;
      try {
        output = generate(platform, dir.resolve(field.token() + "-" + i));
      } catch (InvalidPlatformException refused) {
        continue; // the value is refused before anything is rendered: safe
      } catch (UnsafeOutputException refused) {
        // the output lint reads a value that looks like a manifest (a Secret) as one and writes
        // nothing: safe too, and it must be the hostile value it objects to
        assertThat(refused.findings()).allSatisfy(f -> assertThat(f.detail()).contains(" > "));
        continue;
      }
      accepted++;

      // then: the same files, documents, keys and list lengths; the value where the harmless one was
      assertThat(output.keySet()).as("files for %s = %s", field.name(), abbreviate(hostile)).isEqualTo(baseline.keySet());
      List<String> found = new ArrayList<>();
      for (Map.Entry<String, List<JsonNode>> file : baseline.entrySet()) {
        List<JsonNode> actual = output.get(file.getKey());
        assertThat(actual).as("documents of %s", file.getKey()).hasSameSizeAs(file.getValue());
        for (int d = 0; d < actual.size(); d++) {
          same(file.getValue().get(d), actual.get(d), field.token(), hostile, file.getKey() + "#" + d, found);
        }
      }
      if (field.rendered()) {
        assertThat(found).as("%s = %s is rendered somewhere, exactly", field.name(), abbreviate(hostile)).isNotEmpty();
      }
    }
    if (field.name().equals("projects.description") || field.name().equals("identity.adminGroup")) {
      assertThat(accepted).as("free text fields accept most hostile values, so the check above runs").isGreaterThan(HOSTILE.size() / 2);
    }
  }

  /**
   * Asserts that {@code actual} is {@code expected} with {@code token} replaced by {@code value}
   * everywhere (keys included), and collects where the value appears.
   */
  private static void same(JsonNode expected, JsonNode actual, String token, String value, String where, List<String> found) {
    assertThat(actual.getNodeType()).as(where).isEqualTo(expected.getNodeType());
    if (expected.isObject()) {
      Map<String, JsonNode> replaced = new TreeMap<>();
      for (Map.Entry<String, JsonNode> f : expected.properties()) {
        replaced.put(f.getKey().replace(token, value), f.getValue());
      }
      TreeSet<String> keys = new TreeSet<>();
      actual.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).as("keys of %s", where).isEqualTo(replaced.keySet());
      replaced.forEach((key, child) -> same(child, actual.get(key), token, value, where + "/" + key, found));
    } else if (expected.isArray()) {
      assertThat(actual.size()).as("length of %s", where).isEqualTo(expected.size());
      if (allText(expected)) {
        // lists of strings may be sorted, and a value sorts elsewhere than the harmless one
        List<String> want = new ArrayList<>();
        expected.forEach(e -> want.add(e.asText().replace(token, value)));
        List<String> got = new ArrayList<>();
        actual.forEach(e -> got.add(e.asText()));
        assertThat(got).as(where).containsExactlyInAnyOrderElementsOf(want);
        got.stream().filter(s -> s.contains(value)).forEach(s -> found.add(where));
      } else if (inOrder(expected, actual, token, value, where)) {
        for (int i = 0; i < expected.size(); i++) {
          same(expected.get(i), actual.get(i), token, value, where + "/" + i, found);
        }
      } else {
        // lists sorted by a value (the realm's groups by name): the same elements, in another order
        List<JsonNode> want = new ArrayList<>();
        expected.forEach(e -> want.add(replaced(e, token, value)));
        List<JsonNode> got = new ArrayList<>();
        actual.forEach(got::add);
        assertThat(got).as(where).containsExactlyInAnyOrderElementsOf(want);
        if (expected.toString().contains(token)) {
          found.add(where);
        }
      }
    } else if (expected.isTextual() && where.endsWith("/maia.dev/values-checksum")) {
      // a digest of the values: it differs with any value, and holds none
      assertThat(actual.asText()).as(where).matches("[0-9a-f]{64}");
    } else if (expected.isTextual() && EMBEDDED.matcher(where).find()) {
      // a document in a ConfigMap (the login proxy's configuration, the realm's desired state): its structure
      same(embedded(expected.asText(), where), embedded(actual.asText(), where), token, value, where + " >", found);
    } else if (expected.isTextual()) {
      assertThat(actual.asText()).as(where).isEqualTo(expected.asText().replace(token, value));
      if (expected.asText().contains(token)) {
        found.add(where);
      }
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }

  /** A ConfigMap key that names a YAML or JSON file: its value is a document of its own. */
  private static final java.util.regex.Pattern EMBEDDED = java.util.regex.Pattern.compile("/data/[^/]+\\.(yaml|json)$");

  private static JsonNode embedded(String text, String where) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(where + " holds no document: " + e.getMessage(), e);
    }
  }

  /** Whether {@code actual} is {@code expected}, element by element. */
  private static boolean inOrder(JsonNode expected, JsonNode actual, String token, String value, String where) {
    try {
      for (int i = 0; i < expected.size(); i++) {
        same(expected.get(i), actual.get(i), token, value, where + "/" + i, new ArrayList<>());
      }
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /** {@code node} with {@code token} replaced by {@code value} in every key and string. */
  private static JsonNode replaced(JsonNode node, String token, String value) {
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode copy = YAML.createObjectNode();
      node.properties().forEach(e -> copy.set(e.getKey().replace(token, value), replaced(e.getValue(), token, value)));
      return copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = YAML.createArrayNode();
      node.forEach(e -> copy.add(replaced(e, token, value)));
      return copy;
    }
    return node.isTextual() ? YAML.getNodeFactory().textNode(node.asText().replace(token, value)) : node;
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return shown.replace("\n", "\\n");
  }

  /** Writes the platform, generates it, and reads back every YAML document of the tree. */
  private static Map<String, List<JsonNode>> generate(JsonNode platform, Path where) throws IOException {
    Path file = where.resolve("repo/platform.yaml");
    Files.createDirectories(file.getParent());
    Files.write(file, YAML.writeValueAsBytes(platform));
    Path out = where.resolve("out");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(file, out, NOW));
    Map<String, List<JsonNode>> documents = AllTools.documents(AllTools.tree(out));
    assertThat(Files.readString(out.resolve("maia-index.json"), StandardCharsets.UTF_8)).isNotEmpty();
    return documents;
  }
}
