package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.maia.core.output.ApplicationSetExpander;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Applications of a generated tree that install charts: those under {@code argocd/apps/}, and
 * in applicationset mode those the ApplicationSets under {@code argocd/appsets/} make, expanded as
 * ArgoCD's controller expands them.
 */
public final class ChartApplications {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ChartApplications() {}

  /** Every chart Application of the tree in {@code folder}, by name. */
  public static List<ChartApplication> read(Path folder) {
    List<ChartApplication> result = new ArrayList<>();
    for (String sub : List.of("argocd/apps", "argocd/appsets")) {
      Path root = folder.resolve(sub);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList()) {
          String relative = folder.relativize(file).toString().replace('\\', '/');
          result.addAll(parse(relative, Files.readAllBytes(file)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Applications of " + folder + ": " + e.getMessage(), e);
      }
    }
    result.sort(Comparator.comparing(ChartApplication::name));
    return List.copyOf(result);
  }

  /** The chart Applications in one file of a tree (an Application, or an ApplicationSet). */
  public static List<ChartApplication> parse(String file, byte[] bytes) {
    List<ChartApplication> result = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(bytes)) {
      for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (document == null || !document.isObject()) {
          continue;
        }
        if ("ApplicationSet".equals(document.path("kind").asText())) {
          for (ObjectNode application : ApplicationSetExpander.expand(document)) {
            ChartApplication.of(file, application).ifPresent(result::add);
          }
        } else {
          ChartApplication.of(file, document).ifPresent(result::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return result;
  }
}
