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
}
