package dev.maia.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maia.core.model.ChartRef;
import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.helm.RenderedObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCacheTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  private static ChartApplication application(String values) throws IOException {
    return new ChartApplication("argocd/apps/c1/p-mlflow.yaml", "p-mlflow", "c1", "p", "mlflow",
        new ChartRef("https://charts.example.org/", "mlflow", "1.0.0"), "mlflow", "p", JSON.readTree(values), false);
  }

  private static ApplicationReport report(ChartApplication application) throws IOException {
    JsonNode object = JSON.readTree("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}");
    return new ApplicationReport(application, "sha256:1",
        List.of(new ChartFinding(Check.VALUES_USED, "/replicas", "not read", "remove it")),
        List.of(new RenderedObject("mlflow/templates/cm.yaml", object, List.of())));
  }

  @Test
  void theKeyFollowsTheValuesAndNothingElseOfTheirWriting() throws IOException {
    String key = VerifyCache.key(application("{\"a\":{\"b\":1}}"), "sha256:1", "1.31.0", "build");
    assertThat(VerifyCache.key(application("{ \"a\" : { \"b\" : 1 } }"), "sha256:1", "1.31.0", "build")).isEqualTo(key);
    assertThat(VerifyCache.key(application("{\"a\":{\"b\":2}}"), "sha256:1", "1.31.0", "build")).isNotEqualTo(key);
    assertThat(VerifyCache.key(application("{\"a\":{\"b\":\"1\"}}"), "sha256:1", "1.31.0", "build")).isNotEqualTo(key);
    assertThat(VerifyCache.key(application("{\"a\":{\"b\":1}}"), "sha256:2", "1.31.0", "build")).isNotEqualTo(key);
    assertThat(VerifyCache.key(application("{\"a\":{\"b\":1}}"), "sha256:1", "1.32.0", "build")).isNotEqualTo(key);
    assertThat(VerifyCache.key(application("{\"a\":{\"b\":1}}"), "sha256:1", "1.31.0", "other")).isNotEqualTo(key);
  }

  @Test
  void anEntryReadsBackWithItsFindingsAndObjects() throws IOException {
    VerifyCache cache = new VerifyCache(folder);
    ChartApplication application = application("{\"replicas\":2}");
    cache.write("k1", report(application));

    ApplicationReport read = cache.read("k1", application, "sha256:1").orElseThrow();

    assertThat(read.cached()).isTrue();
    assertThat(read.findings()).extracting(ChartFinding::valuesPointer).containsExactly("/replicas");
    assertThat(read.rendered()).extracting(RenderedObject::name).containsExactly("a");
    assertThat(cache.read("k2", application, "sha256:1")).isEmpty();
  }

  @Test
  void anEntryInUseIsTouchedOnceADayAndPrunedOnlyWhenUnusedFor14Days() throws IOException {
    VerifyCache cache = new VerifyCache(folder);
    ChartApplication application = application("{\"replicas\":2}");
    cache.write("used", report(application));
    cache.write("unused", report(application));
    Instant old = Instant.now().minus(VerifyCache.UNUSED).minus(Duration.ofHours(1));
    Instant recent = Instant.now().minus(Duration.ofHours(1));
    setAll("used", old);
    setAll("unused", old);

    cache.read("used", application, "sha256:1").orElseThrow();
    assertThat(modified("used")).allMatch(t -> t.isAfter(recent)); // touched: it was old
    setAll("used", recent);
    List<Instant> before = modified("used");
    cache.read("used", application, "sha256:1").orElseThrow();
    assertThat(modified("used")).isEqualTo(before); // recent enough: not written again

    cache.prune();
    assertThat(names()).anyMatch(n -> n.startsWith("used.")).noneMatch(n -> n.startsWith("unused."));
  }

  @Test
  void theFolderIsPrunedAtMostOnceADay() throws IOException {
    VerifyCache cache = new VerifyCache(folder);
    ChartApplication application = application("{}");
    Instant old = Instant.now().minus(VerifyCache.UNUSED).minus(Duration.ofHours(1));
    cache.write("first", report(application));
    setAll("first", old);
    cache.prune();
    assertThat(names()).noneMatch(n -> n.startsWith("first."));

    cache.write("second", report(application));
    setAll("second", old);
    cache.prune(); // pruned less than a day ago: left for later
    assertThat(names()).anyMatch(n -> n.startsWith("second."));

    Files.setLastModifiedTime(folder.resolve(".pruned"), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    cache.prune();
    assertThat(names()).noneMatch(n -> n.startsWith("second."));
  }

  private void setAll(String key, Instant time) throws IOException {
    for (Path file : files(key)) {
      Files.setLastModifiedTime(file, FileTime.from(time));
    }
  }

  private List<Instant> modified(String key) throws IOException {
    List<Instant> times = new java.util.ArrayList<>();
    for (Path file : files(key)) {
      times.add(Files.getLastModifiedTime(file).toInstant());
    }
    assertThat(times).hasSize(2);
    return times;
  }

  private List<Path> files(String key) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith(key + ".")).sorted().toList();
    }
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }
}
