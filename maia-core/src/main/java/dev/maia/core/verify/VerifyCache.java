package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.chart.ChartDigest;
import dev.maia.core.verify.helm.RenderedObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reports of earlier runs, by the inputs that decide them: the plugin build, the chart's digest, the
 * release name, namespace, Kubernetes version, whether the schema is skipped, and the values. An
 * Application whose inputs have not changed is not rendered again: this is what makes a one-project
 * change cheap to verify and to diff. An entry is two files named by its key: the findings (JSON),
 * and the rendered objects (gzip'd JSON), read only when a diff needs them. Entries are touched
 * when used; files unused for {@link #UNUSED} are removed.
 */
final class VerifyCache {

  static final Duration UNUSED = Duration.ofDays(14);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FINDINGS = ".findings.json";
  private static final String OBJECTS = ".objects.json.gz";
  private static final String VERDICTS = ".verdicts.json";

  private final Path folder;

  VerifyCache(Path folder) {
    this.folder = folder;
  }

  /** The key of an Application's report, for the chart archive with {@code digest}. */
  static String key(ChartApplication application, String digest, String kubernetesVersion, String build) {
    String inputs = String.join("\n",
        "maia-verify/1",
        build,
        digest,
        application.releaseName(),
        application.namespace(),
        kubernetesVersion,
        Boolean.toString(application.skipSchemaValidation()),
        new String(CanonicalYaml.write(application.values()), StandardCharsets.UTF_8));
    return ChartDigest.of(inputs.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
  }

  Optional<ApplicationReport> read(String key, ChartApplication application, String digest) {
    Path findingsFile = file(key, FINDINGS);
    Path objectsFile = file(key, OBJECTS);
    if (!Files.isRegularFile(findingsFile) || !Files.isRegularFile(objectsFile)) {
      return Optional.empty();
    }
    try {
      List<ChartFinding> findings = new ArrayList<>();
      for (JsonNode f : JSON.readTree(findingsFile.toFile())) {
        findings.add(new ChartFinding(Check.valueOf(f.path("check").asText()), f.path("valuesPointer").asText(),
            f.path("message").asText(), f.path("hint").asText()));
      }
      FileTime now = FileTime.from(Instant.now());
      Files.setLastModifiedTime(findingsFile, now);
      Files.setLastModifiedTime(objectsFile, now);
      return Optional.of(new ApplicationReport(application, digest, findings, ApplicationReport.Rendered.later(() -> objects(objectsFile)), true));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // a damaged entry is rendered again
    }
  }

  private static List<RenderedObject> objects(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      List<RenderedObject> objects = new ArrayList<>();
      for (JsonNode o : JSON.readTree(in)) {
        List<String> hooks = new ArrayList<>();
        o.path("hooks").forEach(h -> hooks.add(h.asText()));
        objects.add(new RenderedObject(o.path("source").asText(), o.path("object"), hooks));
      }
      return objects;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the rendered objects of an earlier run in " + file + ": " + e.getMessage(), e);
    }
  }

  void write(String key, ApplicationReport report) {
    ArrayNode findings = JSON.createArrayNode();
    report.findings().forEach(f -> findings.addObject()
        .put("check", f.check().name()).put("valuesPointer", f.valuesPointer()).put("message", f.message()).put("hint", f.hint()));
    ArrayNode objects = JSON.createArrayNode();
    report.rendered().forEach(o -> {
      ObjectNode object = objects.addObject().put("source", o.source());
      ArrayNode hooks = object.putArray("hooks");
      o.hooks().forEach(hooks::add);
      object.set("object", o.object());
    });
    try {
      Files.createDirectories(folder);
      // the objects first: a findings file is only ever read with its objects in place
      Path temp = Files.createTempFile(folder, "." + key, ".tmp");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp))) {
        JSON.writeValue(out, objects);
      }
      Files.move(temp, file(key, OBJECTS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      temp = Files.createTempFile(folder, "." + key, ".tmp");
      JSON.writeValue(temp.toFile(), findings);
      Files.move(temp, file(key, FINDINGS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // a report that cannot be cached is made again next time
    }
  }

  /** The verdicts kept for {@code key}, or none yet. */
  Verdicts verdicts(String key) {
    Path file = file(key, VERDICTS);
    java.util.Map<String, Boolean> read = new java.util.TreeMap<>();
    java.util.Set<String> breakers = null;
    if (Files.isRegularFile(file)) {
      try {
        JsonNode entry = JSON.readTree(file.toFile());
        entry.path("read").properties().forEach(e -> read.put(e.getKey(), e.getValue().asBoolean()));
        if (entry.path("breakers").isArray()) {
          breakers = new java.util.TreeSet<>();
          for (JsonNode b : entry.path("breakers")) {
            breakers.add(b.asText());
          }
        }
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      } catch (IOException e) {
        read.clear(); // damaged: found again
        breakers = null;
      }
    }
    return new Verdicts(key, read, breakers);
  }

  void write(Verdicts verdicts) {
    ObjectNode entry = JSON.createObjectNode();
    ObjectNode read = entry.putObject("read");
    new java.util.TreeMap<>(verdicts.all()).forEach(read::put);
    verdicts.knownBreakers().ifPresent(b -> {
      ArrayNode list = entry.putArray("breakers");
      new java.util.TreeSet<>(b).forEach(list::add);
    });
    try {
      Files.createDirectories(folder);
      Path temp = Files.createTempFile(folder, "." + verdicts.key(), ".tmp");
      JSON.writeValue(temp.toFile(), entry);
      Files.move(temp, file(verdicts.key(), VERDICTS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // found again next time
    }
  }

  /** Removes entries no run has used for {@link #UNUSED}. */
  void prune() {
    Instant now = Instant.now();
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(UNUSED))) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      // pruning is housekeeping; the next run tries again
    }
  }

  private Path file(String key, String suffix) {
    return folder.resolve(key + suffix);
  }
}
