package dev.maia.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The all-tools test platform ({@code src/test/resources/platforms/all-tools}): every tool on two
 * clusters. {@link #generate} copies it into a folder and generates its tree there, with the
 * committed lock frozen, so a stale lock fails the test (rewrite it with {@code
 * -Dmaia.updateGolden=true}).
 */
public final class AllTools {

  public static final String NAME = "all-tools";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private AllTools() {}

  /** Generates the platform under {@code dir}; returns the output folder. */
  public static Path generate(Path dir) {
    Path repo = TestPaths.copy(TestPaths.testPlatform(NAME), dir.resolve("repo"));
    Path out = dir.resolve("out");
    boolean update = TestPaths.updateGolden();
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, GenerateExampleTest.NOW, !update));
    if (update) {
      try {
        Files.copy(repo.resolve("maia.lock"), TestPaths.testPlatform(NAME).resolve("maia.lock"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Every file below {@code root} (the writer's control folder excluded) as text. */
  public static Map<String, String> tree(Path root) {
    try {
      return GenerateExampleTest.tree(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every YAML document of every file of a tree, by file. */
  public static Map<String, List<JsonNode>> documents(Map<String, String> tree) {
    Map<String, List<JsonNode>> result = new java.util.TreeMap<>();
    tree.forEach((file, text) -> {
      if (file.endsWith(".yaml")) {
        result.put(file, readAll(text));
      }
    });
    return result;
  }

  /** The documents of a YAML stream. */
  public static List<JsonNode> readAll(String text) {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(text)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }
}
