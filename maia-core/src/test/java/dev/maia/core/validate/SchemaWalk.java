package dev.maia.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Visits every subschema of a JSON Schema document with its JSON pointer, knowing which keywords
 * hold schemas, so that a property called {@code default} is never taken for the keyword.
 */
final class SchemaWalk {

  private static final Set<String> SCHEMA_KEYWORDS =
      Set.of("additionalProperties", "unevaluatedProperties", "items", "propertyNames", "if", "then", "else", "not", "contains");
  private static final Set<String> SCHEMA_MAP_KEYWORDS = Set.of("properties", "$defs", "patternProperties", "dependentSchemas");
  private static final Set<String> SCHEMA_LIST_KEYWORDS = Set.of("oneOf", "anyOf", "allOf", "prefixItems");

  private SchemaWalk() {}

  /** Calls {@code visitor} with (pointer, schema) for the root and every subschema. */
  static void schemas(JsonNode schema, BiConsumer<String, JsonNode> visitor) {
    walk(schema, "", visitor);
  }

  /** Receives one property: the pointer of the schema that declares it, its name and its schema. */
  interface PropertyVisitor {
    void visit(String owner, String name, JsonNode property);
  }

  /** Calls {@code visitor} for every entry of every properties map. */
  static void properties(JsonNode schema, PropertyVisitor visitor) {
    schemas(
        schema,
        (pointer, node) -> {
          JsonNode properties = node.get("properties");
          if (properties != null && properties.isObject()) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
              visitor.visit(pointer, property.getKey(), property.getValue());
            }
          }
        });
  }

  private static void walk(JsonNode schema, String pointer, BiConsumer<String, JsonNode> visitor) {
    if (!schema.isObject()) {
      return;
    }
    visitor.accept(pointer, schema);
    for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
      String key = keyword.getKey();
      JsonNode value = keyword.getValue();
      String here = pointer + "/" + SchemaErrors.escape(key);
      if (SCHEMA_KEYWORDS.contains(key)) {
        walk(value, here, visitor);
      } else if (SCHEMA_MAP_KEYWORDS.contains(key)) {
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
          walk(entry.getValue(), here + "/" + SchemaErrors.escape(entry.getKey()), visitor);
        }
      } else if (SCHEMA_LIST_KEYWORDS.contains(key)) {
        for (int i = 0; i < value.size(); i++) {
          walk(value.get(i), here + "/" + i, visitor);
        }
      }
    }
  }

  /** The schema a {@code {"$ref": "#/..."}} names inside the same document, or the schema itself. */
  static JsonNode resolve(JsonNode root, JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref != null && ref.asText().startsWith("#") ? root.at(ref.asText().substring(1)) : schema;
  }
}
