package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.PlatformLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How errors of alternatives ({@code oneOf}, {@code anyOf}) become problems, on a schema of its own. */
class SchemaErrorsTest {

  private static final String ID = "https://maia.dev/schemas/test-alternatives.json";

  /** {@code size} is a positive integer or a lower-case word; {@code pair} is one of two shapes. */
  private static final String SCHEMA =
      """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "%s",
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "size": {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": "^[a-z]+$"}]},
          "pair": {
            "anyOf": [
              {"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}}},
              {"type": "array", "minItems": 2, "maxItems": 2}
            ]
          },
          "loose": {"oneOf": [{"type": "integer"}, {"type": "number"}]}
        }
      }
      """
          .formatted(ID);

  @TempDir Path dir;

  @Test
  void stringThatBreaksTheStringAlternativeGetsThatAlternativesProblemOnly() throws IOException {
    // given
    String yaml = "size: ABC\n";

    // when
    List<Problem> problems = problems(yaml);

    // then
    assertThat(problems).extracting(Problem::pointer, Problem::message)
        .containsExactly(tuple("/size", "'ABC' does not match the pattern ^[a-z]+$"));
  }

  @Test
  void integerThatBreaksTheIntegerAlternativeGetsThatAlternativesProblemOnly() throws IOException {
    // given
    String yaml = "size: 0\n";

    // when
    List<Problem> problems = problems(yaml);

    // then
    assertThat(problems).extracting(Problem::message).containsExactly("must be at least 1, got 0");
  }

  @Test
  void valueOfNoAllowedTypeNamesEveryType() throws IOException {
    // given
    String yaml = "size: true\n";

    // when
    List<Problem> problems = problems(yaml);

    // then
    assertThat(problems).extracting(Problem::message).containsExactly("expected an integer or a string, got a boolean");
  }

  @Test
  void closestShapeOfAnAnyOfIsReportedAtTheNestedValue() throws IOException {
    // given: a mapping, so the mapping alternative is the close one
    String yaml = "pair: {a: 1, b: two}\n";

    // when
    List<Problem> problems = problems(yaml);

    // then
    assertThat(problems).extracting(Problem::pointer, Problem::message)
        .containsExactly(tuple("/pair/b", "expected an integer, got a string"));
  }

  @Test
  void oneOfMatchedTwiceSaysSo() throws IOException {
    // given: an integer is also a number
    String yaml = "loose: 3\n";

    // when
    List<Problem> problems = problems(yaml);

    // then
    assertThat(problems).extracting(Problem::message).containsExactly("matches more than one of the allowed forms");
  }

  private List<Problem> problems(String yaml) throws IOException {
    Path file = dir.resolve("doc.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    LoadedPlatform loaded = new PlatformLoader().load(file);
    JsonNode schemaNode = new ObjectMapper().readTree(SCHEMA);
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
    Schema schema = registry.getSchema(SchemaLocation.of(ID), schemaNode);
    List<Error> errors = schema.validate(loaded.document());
    return new SchemaErrors(schemaNode, loaded.document(), loaded.sources()).translate(errors);
  }
}
