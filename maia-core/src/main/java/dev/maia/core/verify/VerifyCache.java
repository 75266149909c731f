package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.file.attribute.BasicFileAttributes;
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
  /** How often an entry in use is touched, and how often the folder is pruned. */
  static final Duration TOUCH = Duration.ofDays(1);
  private static final String PRUNED = ".pruned";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FINDINGS = ".findings.json";
  private static final String OBJECTS = ".objects.json.gz";
  private static final String VERDICTS = ".verdicts.json";
  private static final String ADMISSION = ".admission.json";

  private final Path folder;

  VerifyCache(Path folder) {
    this.folder = folder;
  }

  /** The key of an Application's report, for the chart archive with {@code digest}. */
  static String key(ChartApplication application, String digest, String kubernetesVersion, String build) {
    // the values as the tree holds them, in JSON: one Application file gives one byte sequence
    String values;
    try {
      values = JSON.writeValueAsString(application.values());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String inputs = String.join("\n",
        "maia-verify/2",
        build,
        digest,
        application.releaseName(),
        application.namespace(),
        kubernetesVersion,
        Boolean.toString(application.skipSchemaValidation()),
        values);
    return ChartDigest.of(inputs.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
  }

  Optional<ApplicationReport> read(String key, ChartApplication application, String digest) {
    Path findingsFile = file(key, FINDINGS);
    Path objectsFile = file(key, OBJECTS);
    try {
      BasicFileAttributes findingsFound = Files.readAttributes(findingsFile, BasicFileAttributes.class);
      BasicFileAttributes objectsFound = Files.readAttributes(objectsFile, BasicFileAttributes.class);
      if (!findingsFound.isRegularFile() || !objectsFound.isRegularFile()) {
        return Optional.empty();
      }
      List<ChartFinding> findings = new ArrayList<>();
      for (JsonNode f : JSON.readTree(findingsFile.toFile())) {
        findings.add(new ChartFinding(Check.valueOf(f.path("check").asText()), f.path("valuesPointer").asText(),
            f.path("message").asText(), f.path("hint").asText()));
      }
      touch(findingsFile, findingsFound);
      touch(objectsFile, objectsFound);
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

  /** What the admission checks found for a namespace's inputs ({@code key}), or none yet. */
  Optional<JsonNode> admission(String key) {
    Path file = file(key, ADMISSION);
    try {
      BasicFileAttributes found = Files.readAttributes(file, BasicFileAttributes.class);
      JsonNode result = JSON.readTree(file.toFile());
      touch(file, found);
      return Optional.ofNullable(result);
    } catch (IOException e) {
      return Optional.empty(); // none yet, or damaged: checked again
    }
  }

  void admission(String key, JsonNode result) {
    try {
      Files.createDirectories(folder);
      Path temp = Files.createTempFile(folder, "." + key, ".tmp");
      JSON.writeValue(temp.toFile(), result);
      Files.move(temp, file(key, ADMISSION), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // checked again next time
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

  /**
   * Removes the entries unused for {@link #UNUSED}, at most once per {@link #TOUCH} (a marker file
   * records the last time): the folder of a large platform holds thousands of entries.
   */
  void prune() {
    Instant now = Instant.now();
    if (!Files.isDirectory(folder)) {
      return;
    }
    Path marker = folder.resolve(PRUNED);
    try {
      if (Files.isRegularFile(marker) && Files.getLastModifiedTime(marker).toInstant().isAfter(now.minus(TOUCH))) {
        return;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.toList()) {
          if (!file.equals(marker) && Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(UNUSED))) {
            Files.deleteIfExists(file);
          }
        }
      }
      Files.write(marker, new byte[0]);
    } catch (IOException e) {
      // pruning is housekeeping; the next run tries again
    }
  }

  /** Marks an entry as used: once a day is enough to keep it from {@link #prune()}. */
  private static void touch(Path file, BasicFileAttributes found) throws IOException {
    Instant now = Instant.now();
    if (found.lastModifiedTime().toInstant().isBefore(now.minus(TOUCH))) {
      Files.setLastModifiedTime(file, FileTime.from(now));
    }
  }

  private Path file(String key, String suffix) {
    return folder.resolve(key + suffix);
  }
}
