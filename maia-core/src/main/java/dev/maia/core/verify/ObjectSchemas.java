package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strict schemas of Kubernetes objects bundled with the plugin ({@code schemas/objects/}, with
 * their provenance in {@code SOURCES.json}): the built-in kinds of Kubernetes 1.36, named as
 * {@code yannh/kubernetes-json-schema} names them ({@code deployment-apps-v1.json}), and the CRDs of
 * ArgoCD, External Secrets, Sealed Secrets, Kueue and Kubeflow ({@code crds/<group>/<kind>_<version>.json}).
 * Like {@code kubeconform -strict}, a field a schema does not know is an error. Schemas are compiled
 * on first use and shared by every thread.
 */
public final class ObjectSchemas {

  /** Class-path folder of the schemas inside the maia-core jar. */
  static final String RESOURCE_ROOT = "dev/maia/schemas/objects/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Optional<Schema>> COMPILED = new ConcurrentHashMap<>();
  /**
   * The OpenAPI extensions of Kubernetes in the schemas, and the OpenAPI keywords CRDs use that draft 7
   * does not have ({@code nullable} is read by {@link #strictify}): they describe merges, list semantics
   * and examples and validate nothing here (the validator would otherwise warn of each one).
   */
  private static final List<String> KUBERNETES_EXTENSIONS = List.of("example", "externalDocs", "nullable",
      "x-kubernetes-embedded-resource", "x-kubernetes-group-version-kind", "x-kubernetes-int-or-string",
      "x-kubernetes-list-map-keys", "x-kubernetes-list-type", "x-kubernetes-map-type", "x-kubernetes-patch-merge-key",
      "x-kubernetes-patch-strategy", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-unions",
      "x-kubernetes-validations");

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          Dialect.builder(Dialects.getDraft7())
              .keywords(KUBERNETES_EXTENSIONS.stream().map(NonValidationKeyword::new).toList()).build(),
          builder -> builder.schemaRegistryConfig(
              SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).formatAssertionsEnabled(false).build()));

  private ObjectSchemas() {}

  /** The file of the schema for an object of {@code apiVersion} and {@code kind}. */
  static String file(String apiVersion, String kind) {
    String lowerKind = kind.toLowerCase(Locale.ROOT);
    int slash = apiVersion.indexOf('/');
    if (slash < 0) {
      return "k8s/" + lowerKind + "-" + apiVersion + ".json";
    }
    String group = apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    if (!group.contains(".") || group.endsWith(".k8s.io") && !group.endsWith(".x-k8s.io")) {
      return "k8s/" + lowerKind + "-" + group.substring(0, group.indexOf('.') < 0 ? group.length() : group.indexOf('.')) + "-" + version + ".json";
    }
    return "crds/" + group + "/" + lowerKind + "_" + version + ".json";
  }

  /** The schema of the kind, or empty when none is bundled. */
  static Optional<Schema> of(String apiVersion, String kind) {
    return COMPILED.computeIfAbsent(file(apiVersion, kind), ObjectSchemas::compile);
  }

  /**
   * What is wrong with {@code object} against its schema: one line per problem ({@code
   * /spec/replicas: string found, integer expected}); empty when it conforms.
   */
  static Optional<List<String>> problems(JsonNode object) {
    Optional<Schema> schema = of(object.path("apiVersion").asText(), object.path("kind").asText());
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(problems(schema.get(), object));
  }

  /**
   * The strict schema of each served version of a CustomResourceDefinition, as the conformance kit's
   * {@code extract_crd_schemas.py} makes it: its {@code openAPIV3Schema}, every object with {@code
   * properties} closed unless it preserves unknown fields (and not inside {@code anyOf}, {@code
   * oneOf}, {@code allOf}, {@code not}), {@code nullable} admitting null, and apiVersion and kind
   * pinned. Keyed as {@link #file} names the kind's schema.
   */
  static java.util.Map<String, CrdSchema> fromCrd(JsonNode crd) {
    java.util.Map<String, CrdSchema> schemas = new java.util.TreeMap<>();
    String group = crd.path("spec").path("group").asText();
    String kind = crd.path("spec").path("names").path("kind").asText();
    for (JsonNode version : crd.path("spec").path("versions")) {
      JsonNode openApi = version.path("schema").path("openAPIV3Schema");
      if (!version.path("served").asBoolean(true) || !openApi.isObject()) {
        continue;
      }
      com.fasterxml.jackson.databind.node.ObjectNode schema = openApi.deepCopy();
      strictify(schema, false);
      String apiVersion = group + "/" + version.path("name").asText();
      com.fasterxml.jackson.databind.node.ObjectNode properties = schema.with("properties");
      properties.putObject("apiVersion").put("type", "string").putArray("enum").add(apiVersion);
      properties.putObject("kind").put("type", "string").putArray("enum").add(kind);
      properties.putObject("metadata").put("type", "object");
      com.fasterxml.jackson.databind.node.ArrayNode required = schema.withArray("required");
      for (String field : List.of("apiVersion", "kind")) {
        boolean listed = false;
        for (JsonNode r : required) {
          listed |= r.asText().equals(field);
        }
        if (!listed) {
          required.add(field);
        }
      }
      String file = file(apiVersion, kind);
      Schema compiled = REGISTRY.getSchema(SchemaLocation.of("https://maia.dev/schemas/rendered/" + file), schema);
      compiled.initializeValidators();
      schemas.put(file, new CrdSchema(compiled, openApi));
    }
    return schemas;
  }

  /**
   * The schema of a custom kind, and its structural schema as the API server applies it before it
   * validates: a null where the schema does not allow one is dropped, and a missing field with a
   * {@code default} gets it.
   */
  record CrdSchema(Schema schema, JsonNode structural) {

    List<String> problems(JsonNode object) {
      JsonNode defaulted = object.deepCopy();
      applyDefaults(structural, defaulted);
      return ObjectSchemas.problems(schema, defaulted);
    }

    private static void applyDefaults(JsonNode schema, JsonNode value) {
      if (value instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
        JsonNode properties = schema.path("properties");
        properties.properties().forEach(entry -> {
          JsonNode property = entry.getValue();
          JsonNode present = object.get(entry.getKey());
          if (present != null && present.isNull() && !property.path("nullable").asBoolean(false)) {
            object.remove(entry.getKey());
            present = null;
          }
          if (present == null && property.has("default")) {
            object.set(entry.getKey(), property.get("default").deepCopy());
          }
          if (object.has(entry.getKey())) {
            applyDefaults(property, object.get(entry.getKey()));
          }
        });
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
          object.properties().forEach(entry -> {
            if (!properties.has(entry.getKey())) {
              applyDefaults(additional, entry.getValue());
            }
          });
        }
      } else if (value.isArray()) {
        value.forEach(item -> applyDefaults(schema.path("items"), item));
      }
    }
  }

  private static void strictify(JsonNode node, boolean inLogic) {
    if (node.isArray()) {
      node.forEach(child -> strictify(child, inLogic));
      return;
    }
    if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
      return;
    }
    if (object.path("nullable").asBoolean(false)) {
      if (object.path("type").isTextual()) {
        String type = object.path("type").asText();
        object.putArray("type").add(type).add("null");
      }
      if (object.path("enum").isArray()) {
        boolean hasNull = false;
        for (JsonNode e : object.path("enum")) {
          hasNull |= e.isNull();
        }
        if (!hasNull) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) object.get("enum")).addNull();
        }
      }
    }
    if (object.has("properties") && !object.has("additionalProperties") && !inLogic
        && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      object.put("additionalProperties", false);
    }
    object.properties().forEach(entry -> {
      switch (entry.getKey()) {
        case "properties" -> entry.getValue().forEach(child -> strictify(child, inLogic));
        case "items", "additionalProperties" -> strictify(entry.getValue(), inLogic);
        case "anyOf", "oneOf", "allOf", "not" -> strictify(entry.getValue(), true);
        default -> { }
      }
    });
  }

  /** What is wrong with {@code object} against {@code schema}, as {@link #problems(JsonNode)} says it. */
  static List<String> problems(Schema schema, JsonNode object) {
    List<Error> errors = schema.validate(object);
    return errors.stream().map(e -> {
      String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
      return (where.isEmpty() ? "/" : where) + ": " + e.getMessage().replaceFirst("^\\S*: ", "");
    }).distinct().sorted().toList();
  }

  private static Optional<Schema> compile(String file) {
    try (InputStream in = ObjectSchemas.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + file)) {
      if (in == null) {
        return Optional.empty();
      }
      JsonNode document = JSON.readTree(in);
      if (document instanceof com.fasterxml.jackson.databind.node.ObjectNode object
          && "http://json-schema.org/schema#".equals(object.path("$schema").asText())) {
        object.remove("$schema"); // "the newest draft", as openapi2jsonschema writes it: read as draft 7
      }
      Schema schema = REGISTRY.getSchema(SchemaLocation.of("https://maia.dev/schemas/objects/" + file), document);
      schema.initializeValidators();
      return Optional.of(schema);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled schema " + file, e);
    }
  }
}
