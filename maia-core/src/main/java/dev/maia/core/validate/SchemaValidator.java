package dev.maia.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.load.SourceMap;
import java.util.List;

/** Checks the merged platform document against {@code schemas/platform.schema.json}. */
public final class SchemaValidator {

  /** Every schema violation, located; empty when the document conforms. */
  public List<Problem> validate(JsonNode document, SourceMap sources) {
    return List.of(); // TODO(schema): networknt validation
  }
}
