package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.maia.core.load.SourceMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the merged platform document against {@code schemas/platform.schema.json} (JSON Schema
 * draft 2020-12), packaged at {@value #SCHEMA_RESOURCE}. The schema is parsed and compiled once per
 * class loader; instances hold no state and may be shared between threads.
 *
 * <p>Every violation becomes a {@link Problem} in plain words at the place it was written (see
 * {@link SchemaErrors}). A document nested deeper than {@value #MAX_DEPTH} levels is refused before
 * validation, and at most {@value #MAX_PROBLEMS} problems are reported, so hostile input stays cheap.
 */
public final class SchemaValidator {

  /** Class-path location of the schema inside the maia-core jar. */
  public static final String SCHEMA_RESOURCE = "dev/maia/schemas/platform.schema.json";

  /** The schema's {@code $id}; its {@code $ref}s resolve against it, never over the network. */
  public static final String SCHEMA_ID = "https://maia.dev/schemas/platform.schema.json";

  /** Deeper documents are refused: no valid platform is more than a dozen levels deep. */
  static final int MAX_DEPTH = 100;

  /** More problems than this are summarised in one more problem. */
  static final int MAX_PROBLEMS = 1000;

  /** Every schema violation, located; empty when the document conforms. */
  public List<Problem> validate(JsonNode document, SourceMap sources) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(sources, "sources");
    String tooDeep = firstPointerDeeperThan(document, MAX_DEPTH);
    if (tooDeep != null) {
      return List.of(
          new Problem(
              sources.locate(tooDeep),
              tooDeep,
              "the document is nested more than " + MAX_DEPTH + " levels deep",
              "a platform file needs far fewer levels; check the indentation"));
    }
    List<Error> errors = Compiled.SCHEMA.validate(document);
    if (errors.isEmpty()) {
      return List.of();
    }
    List<Problem> problems = new SchemaErrors(Compiled.DOCUMENT, document, sources).translate(errors);
    if (problems.size() <= MAX_PROBLEMS) {
      return problems;
    }
    List<Problem> shown = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    shown.add(
        new Problem(
            sources.locate(""),
            "",
            (problems.size() - MAX_PROBLEMS) + " more schema problems are not shown",
            "fix the " + MAX_PROBLEMS + " shown and run again"));
    return List.copyOf(shown);
  }

  /** The schema document as packaged (read-only by convention: callers must not modify it). */
  static JsonNode schemaDocument() {
    return Compiled.DOCUMENT;
  }

  /**
   * The pointer of the first node nested deeper than {@code limit}, or {@code null}. Iterative, so
   * that depth itself cannot overflow the stack.
   */
  private static String firstPointerDeeperThan(JsonNode root, int limit) {
    record Frame(JsonNode node, String pointer, int depth) {}
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root, "", 0));
    while (!stack.isEmpty()) {
      Frame frame = stack.pop();
      if (frame.depth() > limit) {
        return frame.pointer();
      }
      JsonNode node = frame.node();
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          if (field.getValue().isContainerNode()) {
            stack.push(
                new Frame(field.getValue(), frame.pointer() + "/" + SchemaErrors.escape(field.getKey()), frame.depth() + 1));
          }
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          if (node.get(i).isContainerNode()) {
            stack.push(new Frame(node.get(i), frame.pointer() + "/" + i, frame.depth() + 1));
          }
        }
      }
    }
    return null;
  }

  /** The schema, read and compiled on first use; class initialisation makes this thread-safe. */
  private static final class Compiled {

    static final JsonNode DOCUMENT = read();

    static final Schema SCHEMA = compile(DOCUMENT);

    private static JsonNode read() {
      ClassLoader loader = SchemaValidator.class.getClassLoader();
      try (InputStream in = loader.getResourceAsStream(SCHEMA_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the class path; the maia-core jar is broken");
        }
        return new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
      }
    }

    private static Schema compile(JsonNode document) {
      SchemaRegistryConfig config =
          SchemaRegistryConfig.builder()
              .pathType(PathType.JSON_POINTER)
              .formatAssertionsEnabled(true)
              .build();
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config));
      Schema schema = registry.getSchema(SchemaLocation.of(SCHEMA_ID), document);
      schema.initializeValidators();
      return schema;
    }

    private Compiled() {}
  }
}
