package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated kustomization builds with stock kustomize ({@code kubectl kustomize}). Where
 * kubectl is missing the test is skipped with a clear line; {@code .ci/run} requires kubectl, so CI
 * never skips it.
 */
class KustomizeBuildTest {

  @TempDir Path out;

  @Test
  void everyKustomizationOfTheExampleBuilds() throws Exception {
    Assumptions.assumeTrue(kubectlAvailable(), "SKIPPED: kubectl is not on the PATH, so kustomize builds are not checked");
    // given
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(TestPaths.examplePlatform(), out, GenerateExampleTest.NOW));
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(out)) {
      dirs = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent).sorted().toList();
    }
    assertThat(dirs).hasSizeGreaterThanOrEqualTo(6);

    for (Path dir : dirs) {
      // when
      Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean finished = process.waitFor(60, TimeUnit.SECONDS);

      // then
      assertThat(finished).as("kubectl kustomize %s finished", dir).isTrue();
      assertThat(process.exitValue()).as("kubectl kustomize %s:%n%s", out.relativize(dir), output).isZero();
      assertThat(output).contains("kind:");
    }
  }

  static boolean kubectlAvailable() {
    try {
      Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
