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
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Applications of a generated tree that install charts: those under {@code argocd/apps/}, and
 * in applicationset mode those the ApplicationSets under {@code argocd/appsets/} make, expanded as
 * ArgoCD's controller expands them.
 *
 * <p>Reading thousands of YAML files is most of the time of a run after a small change, so {@link
 * #read(Path, Path)} keeps what it read of each file, by the file's SHA-256 in the tree's index,
 * and parses only the files that changed.
 */
public final class ChartApplications {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * Every chart Application of the tree in {@code folder}, reading only the files whose hash in the
   * tree's index differs from what {@code memo} (a file this method writes) recorded, by the same
   * build of the plugin.
   */
  public static List<ChartApplication> read(Path folder, Path memo) {
    Map<String, String> index = new dev.maia.core.output.TreeWriter(folder, java.time.Duration.ZERO).readIndex();
    if (index.isEmpty()) {
      return read(folder);
    }
    Map<String, JsonNode> known = new java.util.HashMap<>();
    if (Files.isRegularFile(memo)) {
      try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(memo))) {
        JsonNode read = JSON.readTree(in);
        if (dev.maia.core.Version.build().equals(read.path("plugin").asText())) { // another build may read files otherwise
          read.path("files").properties().forEach(e -> known.put(e.getKey(), e.getValue()));
        }
      } catch (IOException e) {
        known.clear(); // a damaged memo: every file is read
      }
    }
    List<ChartApplication> result = new ArrayList<>();
    ObjectNode files = JSON.createObjectNode();
    for (Map.Entry<String, String> file : index.entrySet()) {
      String path = file.getKey();
      if (!(path.startsWith("argocd/apps/") || path.startsWith("argocd/appsets/")) || !path.endsWith(".yaml")) {
        continue;
      }
      JsonNode entry = known.get(path);
      List<ChartApplication> apps;
      if (entry != null && file.getValue().equals(entry.path("sha256").asText())) {
        apps = new ArrayList<>();
        for (JsonNode app : entry.path("applications")) {
          apps.add(fromJson(app));
        }
      } else {
        try {
          apps = parse(path, Files.readAllBytes(folder.resolve(path)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
      }
      result.addAll(apps);
      ObjectNode memoEntry = files.putObject(path).put("sha256", file.getValue());
      apps.forEach(a -> memoEntry.withArray("applications").add(toJson(a)));
    }
    try {
      Files.createDirectories(memo.getParent());
      Path temp = Files.createTempFile(memo.getParent(), ".applications", ".tmp");
      try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(temp))) {
        JSON.writeValue(out, JSON.createObjectNode().put("plugin", dev.maia.core.Version.build()).set("files", files));
      }
      Files.move(temp, memo, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // read again next time
    }
    result.sort(Comparator.comparing(ChartApplication::name));
    return List.copyOf(result);
  }

  private static ObjectNode toJson(ChartApplication a) {
    ObjectNode node = JSON.createObjectNode()
        .put("file", a.file()).put("name", a.name()).put("cluster", a.cluster()).put("project", a.project()).put("tool", a.tool())
        .put("repoURL", a.chart().repoURL()).put("chart", a.chart().chart()).put("version", a.chart().version())
        .put("releaseName", a.releaseName()).put("namespace", a.namespace()).put("skipSchemaValidation", a.skipSchemaValidation())
        .put("skipCrds", a.skipCrds());
    node.set("values", a.values());
    return node;
  }

  private static ChartApplication fromJson(JsonNode n) {
    return new ChartApplication(n.path("file").asText(), n.path("name").asText(), n.path("cluster").asText(), n.path("project").asText(),
        n.path("tool").asText(), new dev.maia.core.model.ChartRef(n.path("repoURL").asText(), n.path("chart").asText(), n.path("version").asText()),
        n.path("releaseName").asText(), n.path("namespace").asText(), n.path("values"), n.path("skipSchemaValidation").asBoolean(), n.path("skipCrds").asBoolean());
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
