package dev.maia.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.maia.core.AllTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The values the catalog renders conform to each chart's own values schema (copies in {@code
 * src/test/resources/chart-schemas}, provenance in its {@code SOURCES.json}), with {@code required}
 * ignored as the conformance kit does: Helm merges the chart's defaults first, so overrides alone
 * need not be complete.
 */
class ChartValuesSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static Map<String, JsonNode> applications;

  @BeforeAll
  static void generate() throws IOException {
    applications = new TreeMap<>();
    AllTools.documents(AllTools.tree(AllTools.generate(dir))).forEach((file, docs) -> docs.stream()
        .filter(d -> "Application".equals(d.path("kind").asText()) && d.path("spec").path("source").has("chart"))
        .forEach(d -> applications.put(d.path("metadata").path("name").asText(), d)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"jupyterhub, 4.4.0", "mlflow, 1.11.5", "label-studio, 2.0.5"})
  void renderedValuesConformToTheChartsSchema(String chart, String version) throws IOException {
    // given
    Schema schema = schema(chart + "-" + version + ".values.schema.json");
    List<JsonNode> values = new ArrayList<>();
    applications.forEach((name, app) -> {
      JsonNode source = app.path("spec").path("source");
      if (chart.equals(source.path("chart").asText()) && version.equals(source.path("targetRevision").asText())) {
        values.add(source.path("helm").path("valuesObject"));
      }
    });

    // when
    List<String> problems = new ArrayList<>();
    values.forEach(v -> schema.validate(v).stream().map(Error::toString).forEach(problems::add));

    // then: both clusters of the all-tools platform, and the values are not trivial
    assertThat(values).hasSizeGreaterThanOrEqualTo(2).allSatisfy(v -> assertThat(v.size()).isGreaterThanOrEqualTo(3));
    assertThat(problems).isEmpty();
  }

  @Test
  void aValueTheChartDoesNotKnowIsCaught() throws IOException {
    // given: the check itself must be able to fail
    Schema schema = schema("mlflow-1.11.5.values.schema.json");
    ObjectNode values = applications.values().stream()
        .filter(a -> "mlflow".equals(a.path("spec").path("source").path("chart").asText()))
        .findFirst().orElseThrow().path("spec").path("source").path("helm").path("valuesObject").deepCopy();

    // when
    ((ObjectNode) values.get("auth")).put("enabledz", true);

    // then
    assertThat(schema.validate(values)).isNotEmpty();
  }

  /** A chart schema from the test resources, {@code required} removed everywhere. */
  static Schema schema(String file) throws IOException {
    JsonNode document;
    try (InputStream in = ChartValuesSchemaTest.class.getResourceAsStream("/chart-schemas/" + file)) {
      document = JSON.readTree(in);
    }
    withoutRequired(document);
    SpecificationVersion dialect =
        document.path("$schema").asText().contains("2020-12") ? SpecificationVersion.DRAFT_2020_12 : SpecificationVersion.DRAFT_7;
    return SchemaRegistry.withDefaultDialect(dialect).getSchema(document);
  }

  private static void withoutRequired(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      if (object.path("required").isArray()) {
        object.remove("required");
      }
      object.forEach(ChartValuesSchemaTest::withoutRequired);
    } else if (node.isArray()) {
      node.forEach(ChartValuesSchemaTest::withoutRequired);
    }
  }
}
