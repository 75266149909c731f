package dev.maia.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the documents of a generated YAML file, and finds one by kind and name. */
public final class TreeDocs {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TreeDocs() {}

  public static List<JsonNode> read(Path file) {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(file.toFile())) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** The documents of a YAML stream held in a string (the output of {@code kubectl kustomize}). */
  public static List<JsonNode> readString(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
        if (d != null && !d.isNull() && !d.isMissingNode()) {
          documents.add(d);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** A JSON document held in a string (the {@code config} of a cluster Secret). */
  public static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one document of {@code kind} named {@code name} in {@code file}. */
  public static JsonNode find(Path file, String kind, String name) {
    return read(file).stream()
        .filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + file));
  }

  /** The Helm values of a tool Application. */
  public static JsonNode values(Path application) {
    return read(application).get(0).path("spec").path("source").path("helm").path("valuesObject");
  }
}
