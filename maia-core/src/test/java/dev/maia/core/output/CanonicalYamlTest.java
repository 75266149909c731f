package dev.maia.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalYamlTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void putsApiVersionKindMetadataSpecFirstAndSortsTheRest() {
    // given
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("spec", Map.of("b", 1, "a", 2));
    doc.put("zeta", "z");
    doc.put("metadata", Map.of("name", "x"));
    doc.put("kind", "ConfigMap");
    doc.put("apiVersion", "v1");
    doc.put("data", Map.of("k", "v"));

    // when
    String text = new String(CanonicalYaml.write(CanonicalYaml.tree(doc)), StandardCharsets.UTF_8);

    // then
    assertThat(text)
        .isEqualTo(
            CanonicalYaml.HEADER
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  a: 2\n  b: 1\ndata:\n  k: v\nzeta: z\n");
  }

  @Test
  void ordersDocumentsByKindRankThenNamespaceAndName() {
    // given
    List<JsonNode> docs = new ArrayList<>();
    docs.add(CanonicalYaml.tree(Map.of("apiVersion", "v1", "kind", "ServiceAccount", "metadata", Map.of("name", "b"))));
    docs.add(CanonicalYaml.tree(Map.of("apiVersion", "v1", "kind", "ServiceAccount", "metadata", Map.of("name", "a"))));
    docs.add(CanonicalYaml.tree(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "z"))));
    docs.add(CanonicalYaml.tree(Map.of("apiVersion", "x/v1", "kind", "Zebra", "metadata", Map.of("name", "a"))));

    // when
    String text = new String(CanonicalYaml.write(docs), StandardCharsets.UTF_8);

    // then
    assertThat(text.split("---\n")).hasSize(4);
    assertThat(text.indexOf("kind: Namespace")).isLessThan(text.indexOf("name: a"));
    assertThat(text.indexOf("name: a")).isLessThan(text.indexOf("name: b"));
    assertThat(text.indexOf("name: b")).isLessThan(text.indexOf("kind: Zebra"));
  }

  @Test
  void stringsThatLookLikeOtherTypesReadBackAsStrings() throws Exception {
    // given
    Map<String, Object> values = new LinkedHashMap<>();
    for (String s : List.of("true", "no", "on", "null", "~", "1", "0777", "1e3", "0x1F", "2026-12-01", "12:30", "", " lead",
        "a: b", "# not a comment", "line\nbreak", "tab\tin", "quote\"s", "- item", "{x}", "[y]", "*alias", "&anchor", "!tag",
        "%percent", "@at", "`tick", "ünïcødé ✓", "trailing space ")) {
      values.put("k" + values.size(), s);
    }
    JsonNode tree = CanonicalYaml.tree(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "x"), "data", values));

    // when
    byte[] bytes = CanonicalYaml.write(tree);
    JsonNode back = YAML.readTree(bytes);

    // then
    assertThat(back).isEqualTo(tree);
    assertThat(CanonicalYaml.write(back)).isEqualTo(bytes);
  }

  /** Strings chosen to hit every branch of the quoting and plain-scalar rules. */
  private static final List<String> STRINGS = List.of(
      "", "a", "plain text", "MAIA:admin", "https://git.example.org/x.git", "a: b", "a:b", "a:", ":a", ": a", "a #b", "a#b",
      "#x", "-", "- x", "-x", "--x", "---", "---x", "...", "...x", "?", "?x", "? x", "x?", ",x", "x,y", "[x]", "x[0]", "{x}",
      "x}", "*x", "x*", "&x", "!x", "|x", "x|y", ">x", "'x", "x'y", "\"x", "x\"y", "%x", "x%", "@x", "x@y", "`x", "x`",
      "~", "x~", "=", "x=y", "<<", " lead", "trail ", "two  spaces", "back\\slash", "tab\tin", "line\nbreak", "end\n",
      "ünï", "✓", "yes", "Yes", "YES", "no", "No", "on", "Off", "y", "Y", "n", "N", "true", "True", "FALSE", "null", "Null",
      "NULL", "0", "1", "-1", "+1", ".5", "1.", "1.5", "+", ".", "1e3", "1E3", "0x1F", "0o17", "0777", "1_000", "12:30",
      "190:20:30", "2026-12-01", "2026-12-01T00:00:00Z", ".inf", "-.Inf", ".nan", "1Gi", "500m", "v1", "argoproj.io/v1alpha1",
      "app.kubernetes.io/name", "20", "x".repeat(130), "k".repeat(127));

  @Test
  void theDirectWriterWritesWhatJacksonWritesOrLeavesTheDocumentToIt() {
    // given: documents of random keys, values and nesting from the strings above
    java.util.Random random = new java.util.Random(20261127);
    int direct = 0;
    for (int i = 0; i < 3000; i++) {
      JsonNode document = randomMapping(random, 0);

      // when: written from the document as it is (keys in any order, null fields)
      String written = CanonicalYaml.BlockWriter.write(document);

      // then: what Jackson writes of its canonical copy
      if (written != null) {
        direct++;
        assertThat(written).as("document %d", i).isEqualTo(CanonicalYaml.jacksonYaml(CanonicalYaml.canonical(document, true)));
      }
    }
    assertThat(direct).as("documents written directly").isGreaterThan(300);
  }

  @Test
  void theNumberCheckIsJacksonsPattern() {
    java.util.regex.Pattern jackson = java.util.regex.Pattern.compile("[+-]?[0-9]*(\\.[0-9]*)?");
    for (String text : STRINGS) {
      assertThat(CanonicalYaml.BlockWriter.plainNumber(text)).as(text).isEqualTo(jackson.matcher(text).matches());
    }
    assertThat(CanonicalYaml.BlockWriter.plainNumber("-12.5")).isTrue();
    assertThat(CanonicalYaml.BlockWriter.plainNumber("1.2.3")).isFalse();
  }

  @Test
  void everyDocumentOfTheExampleTreeIsWrittenDirectlyAsJacksonWritesIt(@TempDir java.nio.file.Path out) throws Exception {
    // given
    new dev.maia.core.MaiaCompiler(dev.maia.core.MaiaLog.silent())
        .generate(new dev.maia.core.GenerateRequest(dev.maia.core.TestPaths.examplePlatform(), out, java.time.Instant.parse("2026-12-02T00:00:00Z")));
    int documents = 0;
    int direct = 0;
    try (var files = java.nio.file.Files.walk(out)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        for (JsonNode document : YAML.readerFor(JsonNode.class).readValues(file.toFile()).readAll().stream().map(JsonNode.class::cast).toList()) {
          // when
          JsonNode canonical = CanonicalYaml.canonical(document, true);
          String written = CanonicalYaml.BlockWriter.write(canonical);

          // then
          documents++;
          if (written != null) {
            direct++;
            assertThat(written).as(file.toString()).isEqualTo(CanonicalYaml.jacksonYaml(canonical));
          }
        }
      }
    }
    assertThat(direct).as("of %d documents", documents).isGreaterThan(documents * 3 / 4);
  }

  private static final List<String> FIRST_KEYS = List.of("apiVersion", "kind", "metadata", "spec");

  private static JsonNode randomMapping(java.util.Random random, int depth) {
    var mapping = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    int size = random.nextInt(depth == 0 ? 6 : 4);
    for (int i = 0; i < size; i++) {
      String key = random.nextInt(3) == 0 ? pick(random) : random.nextInt(12) == 0 ? FIRST_KEYS.get(random.nextInt(4)) : "k" + random.nextInt(50);
      mapping.set(key, random.nextInt(10) == 0 ? com.fasterxml.jackson.databind.node.NullNode.instance : randomValue(random, depth + 1));
    }
    return mapping;
  }

  private static JsonNode randomValue(java.util.Random random, int depth) {
    var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    int kind = random.nextInt(depth > 3 ? 5 : 8);
    return switch (kind) {
      case 0, 1 -> nodes.textNode(pick(random));
      case 2 -> nodes.numberNode(random.nextInt(2) == 0 ? random.nextInt(100000) - 50000 : random.nextLong());
      case 3 -> nodes.booleanNode(random.nextBoolean());
      case 4 -> random.nextInt(20) == 0 ? nodes.numberNode(random.nextDouble()) : nodes.textNode("v" + random.nextInt(9));
      case 5 -> randomMapping(random, depth);
      default -> {
        var sequence = nodes.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          sequence.add(random.nextInt(10) == 0 ? nodes.arrayNode().add("x") : randomValue(random, depth + 1));
        }
        yield sequence;
      }
    };
  }

  private static String pick(java.util.Random random) {
    return STRINGS.get(random.nextInt(STRINGS.size()));
  }
}
