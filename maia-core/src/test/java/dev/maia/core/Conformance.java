package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the shared conformance kit ({@code ../shared/conformance/validate-manifests}) on generated
 * files. Skips the calling test with a clear line where the kit is not next to the repo or python3
 * cannot import yaml and jsonschema; {@code .ci/run} installs them and runs the kit itself too.
 */
final class Conformance {

  static final Path KIT = TestPaths.repoRoot().resolve("../shared/conformance/validate-manifests").normalize();

  private Conformance() {}

  /**
   * Asserts that every manifest under {@code path} (a folder or a file) passes the kit, with the
   * kit's schemas plus {@code conformance-extra/} merged into {@code work} as {@code .ci/run} does.
   */
  static void assertConforms(Path path, Path work) throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isRegularFile(KIT), "SKIPPED: the conformance kit is not at ../shared/conformance");
    Assumptions.assumeTrue(pythonHasYamlAndJsonschema(), "SKIPPED: python3 cannot import yaml and jsonschema");
    Path schemas = ConformanceTest.mergedSchemas(KIT.getParent(), work.resolve("schemas"));
    Process process =
        new ProcessBuilder("python3", KIT.toString(), path.toString(), "--schemas", schemas.toString()).redirectErrorStream(true).start();
    String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = process.waitFor(300, TimeUnit.SECONDS);
    assertThat(finished).isTrue();
    assertThat(process.exitValue()).as("validate-manifests:%n%s", report).isZero();
    assertThat(report).containsPattern("(?m)^[1-9][0-9]* passed, 0 failed$");
  }

  private static boolean pythonHasYamlAndJsonschema() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import yaml, jsonschema").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
