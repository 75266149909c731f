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
   * The OpenAPI extensions of Kubernetes in the schemas: they describe merges and list semantics for
   * the API server and validate nothing here (the validator would otherwise warn of each one).
   */
  private static final List<String> KUBERNETES_EXTENSIONS = List.of(
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
    List<Error> errors = schema.get().validate(object);
    return Optional.of(errors.stream().map(e -> {
      String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
      return (where.isEmpty() ? "/" : where) + ": " + e.getMessage().replaceFirst("^\\S*: ", "");
    }).distinct().sorted().toList());
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
