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
 * change cheap to verify and to diff. Entries are gzip'd JSON files named by their key; an entry is
 * touched when used and entries unused for {@link #UNUSED} are removed.
 */
final class VerifyCache {

  static final Duration UNUSED = Duration.ofDays(14);

  private static final ObjectMapper JSON = new ObjectMapper();

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
    Path file = file(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      JsonNode entry = JSON.readTree(in);
      List<ChartFinding> findings = new ArrayList<>();
      for (JsonNode f : entry.path("findings")) {
        findings.add(new ChartFinding(Check.valueOf(f.path("check").asText()), f.path("valuesPointer").asText(),
            f.path("message").asText(), f.path("hint").asText()));
      }
      List<RenderedObject> objects = new ArrayList<>();
      for (JsonNode o : entry.path("objects")) {
        List<String> hooks = new ArrayList<>();
        o.path("hooks").forEach(h -> hooks.add(h.asText()));
        objects.add(new RenderedObject(o.path("source").asText(), o.path("object"), hooks));
      }
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      return Optional.of(new ApplicationReport(application, digest, findings, objects, true));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // a damaged entry is rendered again
    }
  }

  void write(String key, ApplicationReport report) {
    ObjectNode entry = JSON.createObjectNode();
    ArrayNode findings = entry.putArray("findings");
    report.findings().forEach(f -> findings.addObject()
        .put("check", f.check().name()).put("valuesPointer", f.valuesPointer()).put("message", f.message()).put("hint", f.hint()));
    ArrayNode objects = entry.putArray("objects");
    report.objects().forEach(o -> {
      ObjectNode object = objects.addObject().put("source", o.source());
      ArrayNode hooks = object.putArray("hooks");
      o.hooks().forEach(hooks::add);
      object.set("object", o.object());
    });
    Path file = file(key);
    try {
      Files.createDirectories(folder);
      Path temp = Files.createTempFile(folder, "." + key, ".tmp");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp))) {
        JSON.writeValue(out, entry);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // a report that cannot be cached is made again next time
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

  private Path file(String key) {
    return folder.resolve(key + ".json.gz");
  }
}
