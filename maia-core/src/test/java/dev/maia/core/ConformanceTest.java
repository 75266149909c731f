package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Generated trees pass the shared conformance kit ({@code ../shared/conformance/validate-manifests}:
 * upstream schemas of Kubernetes 1.36, Argo CD, Kueue v1beta2, External Secrets and the charts'
 * values), in both GPU modes and while bookings are announced. Skipped with a clear line where the
 * kit is not next to the repo or python3 cannot import yaml and jsonschema; {@code .ci/run}
 * installs them and runs the kit itself too.
 */
class ConformanceTest {

  private static final Path KIT = TestPaths.repoRoot().resolve("../shared/conformance/validate-manifests").normalize();

  @TempDir Path out;

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "example-platform-repo/platform.yaml, 2026-11-26T00:00:00Z",
    "example-platform-repo/platform.yaml, 2026-12-02T00:00:00Z",
    "maia-core/src/test/resources/gpu/kueue/platform.yaml, 2026-12-02T12:00:00Z"
  })
  void theGeneratedTreeConforms(String platform, String now) throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(KIT), "SKIPPED: the conformance kit is not at ../shared/conformance");
    Assumptions.assumeTrue(pythonHasYamlAndJsonschema(), "SKIPPED: python3 cannot import yaml and jsonschema");
    // given
    new MaiaCompiler(MaiaLog.silent())
        .generate(new GenerateRequest(TestPaths.repoRoot().resolve(platform), out, Instant.parse(now)));

    // when
    Process process = new ProcessBuilder("python3", KIT.toString(), out.toString()).redirectErrorStream(true).start();
    String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = process.waitFor(300, TimeUnit.SECONDS);

    // then
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
