package dev.maia.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.TestPaths;
import dev.maia.core.TreeDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace's generated {@code hub.extraConfig} snippet, run by python3 with the rendered
 * values, a stub KubeSpawner and a fixed clock (no JupyterHub needed). Skipped with a clear line
 * where python3 is missing. The Kueue fixture, generated when booking b-2026-0001 (ana, 2 A100,
 * 2026-12-01 to 2026-12-05) is announced.
 */
class WorkspaceHubConfigTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void theBookedProfileShowsOnlyToItsUserWhileActiveAndItsPodEndsByTheEnd() throws Exception {
    Assumptions.assumeTrue(python3(), "SKIPPED: python3 is not on the PATH, so the hub snippet is not run");
    // given
    Path out = tmp.resolve("out");
    new MaiaCompiler(MaiaLog.silent())
        .generate(new GenerateRequest(
            TestPaths.repoRoot().resolve("maia-core/src/test/resources/gpu/kueue/platform.yaml"),
            out,
            Instant.parse("2026-11-30T12:00:00Z")));
    JsonNode values = TreeDocs.values(out.resolve("argocd/apps/lab/seg-workspace.yaml"));
    Map<String, String> booked = Map.of("maia.dev/booking", "b-2026-0001");
    List<Map<String, Object>> cases =
        List.of(
            Map.of("user", "ana@lab.example.org", "now", "2026-12-02T00:00:00Z", "annotations", booked),
            Map.of("user", "ANA@lab.example.org", "now", "2026-12-02T00:00:00Z"),
            Map.of("user", "bo@lab.example.org", "now", "2026-12-02T00:00:00Z", "annotations", booked),
            Map.of("user", "ana@lab.example.org", "now", "2026-11-30T23:59:59Z", "annotations", booked),
            Map.of("user", "ana@lab.example.org", "now", "2026-12-04T23:59:30Z", "annotations", booked),
            Map.of("user", "ana@lab.example.org", "now", "2026-12-05T00:00:00Z"));

    // when
    List<Map<String, Object>> results = run(values, cases);

    // then
    assertThat(results.get(0))
        .containsEntry("slugs", List.of("cpu", "gpu", "gpu-booked"))
        .containsEntry("deadline", 3 * 86_400 - 60)
        .containsEntry("error", null);
    assertThat(results.get(1)).containsEntry("slugs", List.of("cpu", "gpu", "gpu-booked")).containsEntry("deadline", null);
    assertThat(results.get(2))
        .containsEntry("slugs", List.of("cpu", "gpu"))
        .containsEntry("error", "GPU booking b-2026-0001 is not active now; choose another profile");
    assertThat(results.get(3))
        .containsEntry("slugs", List.of("cpu", "gpu"))
        .containsEntry("error", "GPU booking b-2026-0001 is not active now; choose another profile");
    assertThat(results.get(4))
        .containsEntry("slugs", List.of("cpu", "gpu", "gpu-booked"))
        .containsEntry("error", "GPU booking b-2026-0001 ends within a minute; choose another profile");
    assertThat(results.get(5)).containsEntry("slugs", List.of("cpu", "gpu"));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> run(JsonNode values, List<Map<String, Object>> cases) throws Exception {
    Path valuesFile = tmp.resolve("values.json");
    Path casesFile = tmp.resolve("cases.json");
    JSON.writeValue(valuesFile.toFile(), values);
    JSON.writeValue(casesFile.toFile(), cases);
    Path harness = TestPaths.repoRoot().resolve("maia-core/src/test/resources/gpu/hub-config-harness.py");
    Process process =
        new ProcessBuilder("python3", harness.toString(), valuesFile.toString(), casesFile.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("python3 %s", harness.getFileName()).isZero();
    return JSON.readValue(output, List.class);
  }

  static boolean python3() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
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
