package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.validate.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
    write(repo, false);

    // when
    GenerateResult result = new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, NOW));

    // then: one namespace per placement, one AppProject per project, a root per cluster
    int placements = PROJECTS + PROJECTS / 10;
    assertThat(result.resourcesPerCluster()).hasSize(CLUSTERS);
    assertThat(count(out.resolve("clusters"), "resources.yaml")).isEqualTo(placements);
    assertThat(count(out.resolve("argocd/appprojects"), ".yaml")).isEqualTo(PROJECTS);
    assertThat(count(out.resolve("argocd/roots"), ".yaml")).isEqualTo(CLUSTERS);
    assertThat(count(out.resolve("argocd/clusters"), ".yaml")).isEqualTo(CLUSTERS - 1);
    assertThat(Files.readString(out.resolve("argocd/roots/c19.yaml"))).contains("argocd.argoproj.io/sync-wave: \"1\"");
    long onC07 = java.util.stream.IntStream.range(0, PROJECTS).filter(p -> clustersOf(p).contains(7)).count();
    assertThat(Files.readString(out.resolve("topology.md"))).contains("c_c07 --> s_c07", "s_c07([\"" + onC07 + " projects\"])");
  }

  @Test
  void projectsServedTwiceUnderOneDomainAmongThousandsOfNamesAreCaught() throws IOException {
    // given: cluster c07 has the domain of c03, and every federated project on both gets one host twice
    write(repo, true);

    // when / then
    assertThatThrownBy(() -> new MaiaCompiler(MaiaLog.silent()).validate(repo.resolve("platform.yaml"), NOW))
        .isInstanceOfSatisfying(InvalidPlatformException.class, e -> {
          List<String> messages = e.problems().stream().map(Problem::message).toList();
          long onBoth = java.util.stream.IntStream.range(0, PROJECTS).filter(p -> clustersOf(p).containsAll(List.of(3, 7))).count();
          assertThat(onBoth).isPositive();
          assertThat(messages).hasSize((int) onBoth).allSatisfy(m -> assertThat(m)
              .matches("project 'p\\d{5}' would be served at p\\d{5}\\.c0[37]\\.maia\\.example\\.org on cluster 'c0[37]' and on"
                  + " cluster 'c0[37]', which has the same domain"));
        });
  }

  /**
   * The clusters of project {@code p}: every tenth is federated, on cluster (p / 10) mod 20 and the
   * fourth after it; the others are on cluster p mod 20.
   */
  private static List<Integer> clustersOf(int p) {
    if (p % 10 == 0) {
      int first = (p / 10) % CLUSTERS;
      return List.of(first, (first + 4) % CLUSTERS);
    }
    return List.of(p % CLUSTERS);
  }

  /**
   * The platform: clusters c00..c19 (c00 runs ArgoCD; even ones research, odd ones clinical) and
   * projects p00000..p00499 placed by {@link #clustersOf}, each in its own file.
   */
  private static void write(Path dir, boolean sharedDomain) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: maia/v1alpha1\nkind: Platform\nmetadata: {name: scale}\nspec:\n");
    y.append("  gitops: {repoURL: https://git.example.org/maia/gitops.git}\n");
    y.append("  argocd: {cluster: c00}\n");
    y.append("  identity: {issuer: https://iam.example.org/realms/maia}\n");
    y.append("  secrets: {store: {name: vault}}\n");
    y.append("  include: [projects/*.yaml]\n");
    y.append("  rollout:\n    waves:\n");
    y.append("      - {name: research, clusters: {matchLabels: {env: research}}}\n");
    y.append("      - {name: clinical, clusters: {matchLabels: {env: clinical}}}\n");
    y.append("  hpc:\n    - {name: alvis, host: alvis.example.org, scheduler: slurm, projects: [p00000, p00250]}\n");
    y.append("  clusters:\n");
    for (int c = 0; c < CLUSTERS; c++) {
      String name = cluster(c);
      String domain = sharedDomain && c == 7 ? cluster(3) : name;
      y.append("    - name: ").append(name).append('\n');
      y.append("      server: ").append(c == 0 ? "https://kubernetes.default.svc" : "https://" + name + ".example.org:6443").append('\n');
      y.append("      domain: ").append(domain).append(".maia.example.org\n");
      y.append("      labels: {env: ").append(c % 2 == 0 ? "research" : "clinical").append(", site: site").append(c % 4).append("}\n");
      if (c > 0) {
        y.append("      credentials: {secretKey: clusters/").append(name).append("}\n");
      }
      y.append("      gpus: [{product: NVIDIA-A100-SXM4-80GB, count: 64}]\n");
    }
    Files.writeString(dir.resolve("platform.yaml"), y.toString(), StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("projects"));
    for (int p = 0; p < PROJECTS; p++) {
      String name = String.format(Locale.ROOT, "p%05d", p);
      String placement = "clusters: [" + String.join(", ", clustersOf(p).stream().map(ScaleTest::cluster).toList()) + "]";
      String project =
          "projects:\n  - name: " + name + "\n    " + placement + "\n    users: [u" + p + "@example.org]\n"
              + "    resources: {cpu: {request: 2, limit: 4}, memory: {request: 4Gi, limit: 8Gi}, storage: 20Gi}\n"
              + "    gpu: {product: NVIDIA-A100-SXM4-80GB, quota: 1}\n"
              + "    tools: {workspace: {}, mlflow: {}, minio: {size: 10Gi}}\n";
      try {
        Files.writeString(dir.resolve("projects/" + name + ".yaml"), project, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String cluster(int index) {
    return String.format(Locale.ROOT, "c%02d", index);
  }

  private static long count(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
    }
  }
}
