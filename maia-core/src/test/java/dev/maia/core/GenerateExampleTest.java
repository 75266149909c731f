package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden test of the example platform: the generated tree equals {@code src/test/resources/golden/example}
 * file by file. Rewrite the golden files with {@code -Dmaia.updateGolden=true}, never by hand.
 */
class GenerateExampleTest {

  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @TempDir Path out;

  @Test
  void exampleMatchesGoldenTree() throws IOException {
    // given
    Path golden = TestPaths.repoRoot().resolve("maia-core/src/test/resources/golden/example");

    // when: the committed maia.lock of the example must be current (the flag rewrites it too)
    GenerateResult result =
        new MaiaCompiler(MaiaLog.silent())
            .generate(new GenerateRequest(TestPaths.examplePlatform(), out, NOW, !TestPaths.updateGolden()));

    // then
    Map<String, String> actual = tree(out);
    if (TestPaths.updateGolden()) {
      replaceTree(golden, actual);
    }
    assertThat(actual).isEqualTo(tree(golden));
    assertThat(result.written()).hasSize(actual.size() - 1); // every file but the index is reported
    assertThat(result.lockChanges()).isEmpty();
    assertThat(actual.values()).allSatisfy(text -> assertThat(text).doesNotContain("\r").endsWith("\n"));
  }

  @Test
  void theDebugLogTellsWhereTheRunSpentItsTime() {
    // given
    java.util.List<String> debug = new java.util.ArrayList<>();
    MaiaLog log = new MaiaLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {
        debug.add(message);
      }
    };

    // when
    new MaiaCompiler(log).generate(new GenerateRequest(TestPaths.examplePlatform(), out, NOW));

    // then
    assertThat(debug).anyMatch(line -> line.matches(
        "Load and validate \\d+\\.\\d\\d s, render, lint and stage \\d+\\.\\d\\d s, commit and render cache \\d+\\.\\d\\d s"));
  }

  @Test
  void theHospitalsInternalCaComesFromTheStoreIntoCertManagersNamespace() throws IOException {
    // given
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(TestPaths.examplePlatform(), out, NOW));

    // when
    List<JsonNode> core = AllTools.readAll(Files.readString(out.resolve("clusters/ki-hospital/core/resources.yaml")));
    JsonNode pair = core.stream().filter(d -> "ExternalSecret".equals(d.path("kind").asText())
        && "ki-internal-ca".equals(d.path("metadata").path("name").asText())).findFirst().orElseThrow();
    JsonNode issuer = core.stream().filter(d -> "ClusterIssuer".equals(d.path("kind").asText())).findFirst().orElseThrow();

    // then: the issuer reads the Secret the ExternalSecret makes, where a ClusterIssuer looks for it
    assertThat(issuer.at("/spec/ca/secretName").asText()).isEqualTo("ki-internal-ca");
    assertThat(pair.at("/metadata/namespace").asText()).isEqualTo("cert-manager");
    assertThat(pair.at("/spec/target/name").asText()).isEqualTo("ki-internal-ca");
    assertThat(pair.at("/spec/data").findValuesAsText("key")).containsOnly("clusters/ki-hospital/ca");
    assertThat(pair.at("/spec/data").findValuesAsText("secretKey")).containsExactly("tls.crt", "tls.key");
  }

  /** The example's {@code spec.gitops.repoURL}. */
  private static final String GITOPS_REPO = "https://git.example.org/maia/platform-gitops.git";

  @Test
  void everyApplicationGitSourcePathExistsInTheTree() throws IOException {
    // given
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(TestPaths.examplePlatform(), out, NOW));
    com.fasterxml.jackson.databind.ObjectMapper yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    java.util.List<String> paths = new java.util.ArrayList<>();

    // when
    for (Map.Entry<String, String> file : tree(out).entrySet()) {
      if (file.getKey().endsWith(".yaml")) {
        try (var parser = yaml.getFactory().createParser(file.getValue())) {
          yaml.readValues(parser, com.fasterxml.jackson.databind.JsonNode.class)
              .forEachRemaining((JsonNode doc) -> {
                JsonNode source = doc.path("spec").path("source");
                if ("Application".equals(doc.path("kind").asText()) && source.has("path")
                    && GITOPS_REPO.equals(source.path("repoURL").asText())) {
                  paths.add(doc.path("spec").path("source").path("path").asText());
                }
              });
        }
      }
    }

    // then: the example publishes at the repo root (spec.gitops.path is empty); (the local-path
    // provisioner's chart is a folder of its own repository) two roots, two
    // overlays, the two core configurations, the four project namespaces, the identity layer and
    // the bootstrap Application, which syncs argocd/
    assertThat(paths).hasSize(12).contains("argocd", "identity", "clusters/ki-hospital/projects/brain-mets", "clusters/kth-main/core");
    assertThat(paths).allSatisfy(path -> assertThat(out.resolve(path).resolve("kustomization.yaml")).isRegularFile());
  }

  /** Every file below {@code root} (the control folder excluded) as text. */
  public static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.startsWith(".maia/")) {
          files.put(rel, Files.readString(p));
        }
      }
    }
    return files;
  }

  static void replaceTree(Path golden, Map<String, String> files) throws IOException {
    if (Files.exists(golden)) {
      try (Stream<Path> walk = Files.walk(golden)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = golden.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
  }
}
