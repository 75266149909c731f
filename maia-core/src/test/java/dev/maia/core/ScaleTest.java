package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A federation of 20 clusters and 500 projects (every tenth on two clusters) validates and
 * generates, and a collision hidden among its thousands of names is found. No timing is asserted;
 * bench/ measures speed.
 */
class ScaleTest {

  static final int CLUSTERS = 20;
  static final int PROJECTS = 500;
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @TempDir Path repo;
  @TempDir Path out;

  @Test
  void twentyClustersAndFiveHundredProjectsValidateAndGenerate() throws IOException {
    // given
    SyntheticFederation federation = new SyntheticFederation(CLUSTERS, PROJECTS);
    Path platform = federation.write(repo);

    // when
    GenerateResult result = new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(platform, out, NOW));

    // then: one namespace per placement, one AppProject per project, a root per cluster
    int placements = PROJECTS + PROJECTS / 10;
    assertThat(result.resourcesPerCluster()).hasSize(CLUSTERS);
    // one per placement, and each cluster's core configuration (its monitoring namespace, at least)
    assertThat(count(out.resolve("clusters"), "resources.yaml")).isEqualTo(placements + CLUSTERS);
    assertThat(count(out.resolve("argocd/appprojects"), ".yaml")).isEqualTo(PROJECTS);
    assertThat(count(out.resolve("argocd/roots"), ".yaml")).isEqualTo(CLUSTERS);
    assertThat(count(out.resolve("argocd/clusters"), ".yaml")).isEqualTo(CLUSTERS - 1);
    assertThat(Files.readString(out.resolve("argocd/roots/c19.yaml"))).contains("argocd.argoproj.io/sync-wave: \"1\"");
    long onC07 = IntStream.range(0, PROJECTS).filter(p -> federation.clustersOf(p).contains(7)).count();
    assertThat(Files.readString(out.resolve("topology.md"))).contains("c_c07 --> s_c07", "s_c07([\"" + onC07 + " projects\"])");
  }

  @Test
  void projectsServedTwiceUnderOneDomainAmongThousandsOfNamesAreCaught() throws IOException {
    // given: cluster c07 has the domain of c03, and every federated project on both gets one host twice
    SyntheticFederation federation = new SyntheticFederation(CLUSTERS, PROJECTS).domainOfClusterThreeOn(7);
    Path platform = federation.write(repo);

    // when / then
    assertThatThrownBy(() -> new MaiaCompiler(MaiaLog.silent()).validate(platform, NOW))
        .isInstanceOfSatisfying(InvalidPlatformException.class, e -> {
          List<String> messages = e.problems().stream().map(Problem::message).toList();
          long onBoth = IntStream.range(0, PROJECTS).filter(p -> federation.clustersOf(p).containsAll(List.of(3, 7))).count();
          assertThat(onBoth).isPositive();
          assertThat(messages).hasSize((int) onBoth).allSatisfy(m -> assertThat(m)
              .matches("project 'p\\d{5}' would be served at p\\d{5}\\.c0[37]\\.maia\\.example\\.org on cluster 'c0[37]' and on"
                  + " cluster 'c0[37]', which has the same domain"));
        });
  }

  private static long count(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
    }
  }
}
