package dev.maia.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.model.ChartRef;
import dev.maia.core.model.Lock;
import dev.maia.core.verify.chart.ChartCache;
import dev.maia.core.verify.chart.ChartDownloader;
import dev.maia.core.verify.chart.ChartUnavailableException;
import dev.maia.core.verify.chart.ChartUnavailableException.Reason;
import dev.maia.core.verify.chart.GitFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A core chart kept in a Git repository (the local-path provisioner's): read from its Application,
 * packed from the folder the Git client reads, cached and rendered like any chart. The Git client
 * itself (JGit against a real {@code git daemon}) is tested in the GitOps module.
 */
class GitChartTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String REPO = "https://github.com/example/widget-provisioner.git";
  private static final ChartRef REF = new ChartRef(REPO, "deploy/chart/probe", "v0.1.0");

  @TempDir
  Path dir;

  /** The folder as the Git client gives it: the test chart {@code probe}, counting the reads. */
  private static GitFolders probeFolder(AtomicInteger reads) {
    return (ref, maxBytes) -> {
      reads.incrementAndGet();
      Path chart = ChartRepository.SOURCES.resolve("probe");
      SortedMap<String, byte[]> files = new TreeMap<>();
      try (Stream<Path> paths = Files.walk(chart)) {
        for (Path file : paths.filter(Files::isRegularFile).toList()) {
          files.put(chart.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return files;
    };
  }

  private static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  @Test
  void aCoreApplicationThatSyncsAChartFolderOfAGitRepositoryIsAChartApplication() throws IOException {
    // given
    JsonNode application = yaml("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: core-local-path-provisioner-one
          labels: {maia.dev/cluster: one, maia.dev/core: local-path-provisioner}
        spec:
          destination: {namespace: local-path-storage}
          source:
            repoURL: https://github.com/rancher/local-path-provisioner.git
            path: deploy/chart/local-path-provisioner
            targetRevision: v0.0.37
            helm:
              releaseName: local-path-provisioner
              valuesObject: {storageClass: {name: local-path}}
        """);

    // when
    Optional<ChartApplication> chart = ChartApplication.of("argocd/apps/one/core-local-path-provisioner.yaml", application);

    // then
    assertThat(chart).get().satisfies(app -> {
      assertThat(app.chart()).isEqualTo(new ChartRef("https://github.com/rancher/local-path-provisioner.git",
          "deploy/chart/local-path-provisioner", "v0.0.37"));
      assertThat(app.chart().git()).isTrue();
      assertThat(app.coreComponent()).hasValue("local-path-provisioner");
      assertThat(app.namespace()).isEqualTo("local-path-storage");
      assertThat(app.values().path("storageClass").path("name").asText()).isEqualTo("local-path");
    });
  }

  @Test
  void anApplicationThatSyncsAFolderOfTheTreeIsNoChartApplication() throws IOException {
    assertThat(ChartApplication.of("argocd/apps/one/core.yaml", yaml("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: one-core, labels: {maia.dev/cluster: one}}
        spec:
          source: {repoURL: https://git.example.org/maia/gitops.git, path: clusters/one/core, targetRevision: gitops}
        """))).isEmpty();
  }

  @Test
  void theFolderIsPackedTheSameWayEveryTimeCachedAndRendered() throws IOException {
    // given: two machines' caches
    AtomicInteger reads = new AtomicInteger();
    ChartCache first = new ChartCache(dir.resolve("a"), new ChartDownloader(Duration.ofSeconds(5), probeFolder(reads)), false);
    ChartCache second = new ChartCache(dir.resolve("b"), new ChartDownloader(Duration.ofSeconds(5), probeFolder(reads)), false);

    // when
    ChartCache.Fetched a = first.fetch(REF, Optional.empty());
    ChartCache.Fetched again = first.fetch(REF, Optional.of(a.digest()));
    ChartCache.Fetched b = second.fetch(REF, Optional.empty());

    // then: one digest for one folder; the second fetch of a cache read nothing from Git
    assertThat(b.digest()).isEqualTo(a.digest());
    assertThat(again.downloaded()).isFalse();
    assertThat(reads).hasValue(2);

    // and when: the Application is verified as a core component's
    try (ChartRenderer renderer = new ChartRenderer(first, Lock.EMPTY, dir.resolve("work"), 1, Map.of())) {
      ChartApplication application = new ChartApplication("argocd/apps/one/core-local-path-provisioner.yaml",
          "core-local-path-provisioner-one", "one", "", ChartApplication.CORE_PREFIX + "local-path-provisioner", REF,
          "local-path-provisioner", "local-path-storage", YAML.createObjectNode().put("message", "hi"), false);
      ApplicationReport report = new ApplicationVerifier(renderer).verify(application, a.digest(), List.of()).join();

      // then: Helm rendered the chart of the folder
      assertThat(report.findings()).isEmpty();
      assertThat(report.rendered()).extracting(Renders::key).contains("ConfigMap/local-path-provisioner-probe");
    }
  }

  @Test
  void aGitRepositoryOutsideTheLoopbackMustBeHttps() {
    ChartCache cache = new ChartCache(dir, new ChartDownloader(Duration.ofSeconds(5), (ref, max) -> {
      throw new AssertionError("no Git read for " + ref);
    }), false);

    assertThatThrownBy(() -> cache.fetch(new ChartRef("http://git.example.org/widget.git", "chart", "v1"), Optional.empty()))
        .isInstanceOfSatisfying(ChartUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessage("the Git repository http://git.example.org/widget.git is not https:// (other schemes only on the loopback address)");
  }

  @Test
  void aFolderWithoutAChartYamlIsNoChart() {
    ChartCache cache = new ChartCache(dir, new ChartDownloader(Duration.ofSeconds(5),
        (ref, max) -> new TreeMap<>(Map.of("README.md", "no chart".getBytes(java.nio.charset.StandardCharsets.UTF_8)))), false);

    assertThatThrownBy(() -> cache.fetch(REF, Optional.empty()))
        .isInstanceOfSatisfying(ChartUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
        .hasMessage("deploy/chart/probe at tag v0.1.0 of " + REPO + " is not a chart: it has no Chart.yaml with a name");
  }

  @Test
  void withoutAGitClientAGitChartIsUnavailable() {
    ChartCache cache = new ChartCache(dir, new ChartDownloader(Duration.ofSeconds(5)), false);

    assertThatThrownBy(() -> cache.fetch(REF, Optional.empty()))
        .isInstanceOfSatisfying(ChartUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessage("this run has no Git client to fetch deploy/chart/probe v0.1.0 from " + REPO);
  }
}
