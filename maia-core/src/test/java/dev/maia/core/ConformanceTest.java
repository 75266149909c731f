package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trees of the all-tools, example (also while its GPU booking is announced), sealed-secrets and
 * Kueue-mode platforms conform to the upstream schemas (the
 * shared conformance kit's {@code validate-manifests}, with the kit's schemas plus {@code
 * conformance-extra/schemas}), and every kustomization of the all-tools tree builds with {@code
 * kubectl kustomize}. Skipped with a clear line where python3 (with PyYAML and jsonschema), the kit
 * or kubectl is missing; {@code .ci/run} requires all three and checks the same trees.
 */
class ConformanceTest {

  @TempDir Path dir;

  @Test
  void allToolsAndExampleTreesPassTheConformanceKit() throws Exception {
    Path kit = TestPaths.conformanceKit();
    Assumptions.assumeTrue(Files.isRegularFile(kit.resolve("validate-manifests")),
        "SKIPPED: the conformance kit is not at " + kit + ", so manifests are not checked against upstream schemas");
    Assumptions.assumeTrue(run(List.of("python3", "-c", "import yaml, jsonschema")).exit() == 0,
        "SKIPPED: python3 with PyYAML and jsonschema is missing, so the conformance kit cannot run");
    // given
    Path schemas = mergedSchemas(kit, dir.resolve("schemas"));
    Path allTools = AllTools.generate(dir.resolve("all-tools"));
    Path example = dir.resolve("example");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(TestPaths.examplePlatform(), example, GenerateExampleTest.NOW, true));
    Path sealed = dir.resolve("sealed");
    Path sealedRepo = TestPaths.copy(TestPaths.testPlatform("sealed"), dir.resolve("sealed-repo"));
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(sealedRepo.resolve("platform.yaml"), sealed, GenerateExampleTest.NOW));

    // while the example's booking is announced, and a platform in Kueue mode
    Path booked = dir.resolve("example-booked");
    new MaiaCompiler(MaiaLog.silent())
        .generate(new GenerateRequest(TestPaths.examplePlatform(), booked, java.time.Instant.parse("2026-12-02T00:00:00Z"), true));
    Path kueue = dir.resolve("kueue");
    new MaiaCompiler(MaiaLog.silent())
        .generate(new GenerateRequest(
            TestPaths.repoRoot().resolve("maia-core/src/test/resources/gpu/kueue/platform.yaml"), kueue, java.time.Instant.parse("2026-12-02T12:00:00Z")));

    for (Path tree : List.of(allTools, example, sealed, booked, kueue)) {
      // when
      Result result = run(List.of("python3", kit.resolve("validate-manifests").toString(), tree.toString(), "--schemas", schemas.toString()));

      // then
      assertThat(result.exit()).as("validate-manifests %s:%n%s", tree.getFileName(), result.output()).isZero();
      assertThat(result.output()).containsPattern("[1-9][0-9]* passed, 0 failed");
    }
  }

  @Test
  void everyKustomizationOfTheAllToolsTreeBuilds() throws Exception {
    Assumptions.assumeTrue(KustomizeBuildTest.kubectlAvailable(), "SKIPPED: kubectl is not on the PATH, so kustomize builds are not checked");
    // given
    Path out = AllTools.generate(dir);
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(out)) {
      dirs = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml") && !p.toString().contains("/.maia/"))
          .map(Path::getParent).sorted().toList();
    }
    assertThat(dirs).hasSizeGreaterThanOrEqualTo(8);

    for (Path kustomization : dirs) {
      // when
      Result result = run(List.of("kubectl", "kustomize", kustomization.toString()));

      // then
      assertThat(result.exit()).as("kubectl kustomize %s:%n%s", out.relativize(kustomization), result.output()).isZero();
    }
  }

  /** The kit's schemas with the project's extra schemas copied over them, as {@code .ci/run} does. */
  static Path mergedSchemas(Path kit, Path target) {
    TestPaths.copy(kit.resolve("schemas"), target);
    Path extra = TestPaths.repoRoot().resolve("conformance-extra/schemas/crds");
    try (Stream<Path> walk = Files.walk(extra)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        Path to = target.resolve("crds").resolve(extra.relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return target;
  }

  record Result(int exit, String output) {}

  static Result run(List<String> command) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, output + "\n(did not finish)");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    }
  }
}
