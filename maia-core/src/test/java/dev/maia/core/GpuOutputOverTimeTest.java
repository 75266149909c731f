package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree at several times across a booking: booking b-2026-0001 of the example (1 A100 for
 * brain-mets on ki-hospital, 2026-12-01 to 2026-12-08) is announced from 2026-11-30 (24 hours
 * ahead) until its end; in Kueue mode its quota follows the active booking. The output changes at
 * the instants {@code nextChange} names, and at no other.
 */
class GpuOutputOverTimeTest {

  private static final Path KUEUE = TestPaths.repoRoot().resolve("maia-core/src/test/resources/gpu/kueue/platform.yaml");
  private static final String BRAIN_METS = "clusters/ki-hospital/projects/brain-mets/resources.yaml";
  private static final String POLICY = "clusters/ki-hospital/gpu-policy.yaml";
  private static final String WORKSPACE = "argocd/apps/ki-hospital/brain-mets-workspace.yaml";

  @TempDir Path tmp;

  private final MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
  private int runs;

  private record Run(Path out, GenerateResult result) {}

  private Run generate(Path platform, String now) {
    Path out = tmp.resolve("run-" + runs++);
    return new Run(out, compiler.generate(new GenerateRequest(platform, out, Instant.parse(now))));
  }

  private static int hard(Path file, String kind, String name, String key) {
    return TreeDocs.find(file, kind, name).path("spec").path("hard").path(key).asInt();
  }

  @Test
  void theBookedQuotaAndParamsFollowTheLookAheadWindow() {
    // given: just before the window, its first instant, the booking's start, its last second, its end
    List<String> times =
        List.of("2026-11-29T23:59:59Z", "2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z", "2026-12-07T23:59:59Z", "2026-12-08T00:00:00Z");

    for (int i = 0; i < times.size(); i++) {
      // when
      Run run = generate(TestPaths.examplePlatform(), times.get(i));

      // then
      boolean announced = i >= 1 && i <= 3;
      Path resources = run.out().resolve(BRAIN_METS);
      assertThat(hard(resources, "ResourceQuota", "maia-gpu-booked", "requests.nvidia.com/gpu"))
          .as("booked quota at %s", times.get(i)).isEqualTo(announced ? 1 : 0);
      assertThat(hard(resources, "ResourceQuota", "maia-gpu-opportunistic", "requests.nvidia.com/gpu")).isEqualTo(1);
      assertThat(hard(resources, "ResourceQuota", "maia-quota", "requests.nvidia.com/gpu")).isEqualTo(announced ? 2 : 1);
      JsonNode params = TreeDocs.find(run.out().resolve(POLICY), "ConfigMap", "gpu-bookings-brain-mets").path("data");
      assertThat(params.has("b-2026-0001.end")).as("params at %s", times.get(i)).isEqualTo(announced);
      assertThat(TreeDocs.values(run.out().resolve(WORKSPACE)).path("custom").path("maia").path("gpuBookings").size())
          .isEqualTo(announced ? 1 : 0);
    }
  }

  @Test
  void nextChangeIsTheNextAnnouncementOrEndAndTheIndexRecordsIt() throws IOException {
    // when
    Run before = generate(TestPaths.examplePlatform(), "2026-11-26T00:00:00Z");
    Run during = generate(TestPaths.examplePlatform(), "2026-12-01T00:00:00Z");
    Run after = generate(TestPaths.examplePlatform(), "2026-12-08T00:00:00Z");

    // then
    assertThat(before.result().nextChange()).contains(Instant.parse("2026-11-30T00:00:00Z"));
    assertThat(during.result().nextChange()).contains(Instant.parse("2026-12-08T00:00:00Z"));
    assertThat(after.result().nextChange()).isEmpty();
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(before.out().resolve("maia-index.json").toFile()).path("nextChange").asText())
        .isEqualTo("2026-11-30T00:00:00Z");
    assertThat(json.readTree(after.out().resolve("maia-index.json").toFile()).has("nextChange")).isFalse();
  }

  @Test
  void theTreeChangesAtEachChangeInstantAndStaysTheSameUntilTheNext() throws IOException {
    for (Path platform : List.of(TestPaths.examplePlatform(), KUEUE)) {
      // given: the change instants, read back from the runs themselves
      Instant at = Instant.parse("2026-11-01T00:00:00Z");
      Optional<Instant> next = generate(platform, at.toString()).result().nextChange();
      int changes = 0;
      while (next.isPresent()) {
        Instant change = next.get();

        // when
        Map<String, String> justBefore = GenerateExampleTest.tree(generate(platform, change.minusSeconds(1).toString()).out());
        Run atChange = generate(platform, change.toString());
        Instant later = atChange.result().nextChange().map(n -> n.minusSeconds(1)).orElse(change.plus(Duration.ofDays(400)));
        Map<String, String> stillSame = GenerateExampleTest.tree(generate(platform, later.toString()).out());

        // then
        Map<String, String> tree = GenerateExampleTest.tree(atChange.out());
        assertThat(withoutIndex(tree)).as("%s at %s", platform.getFileName(), change).isNotEqualTo(withoutIndex(justBefore));
        assertThat(stillSame).as("%s until the change after %s", platform.getFileName(), change).isEqualTo(tree);
        next = atChange.result().nextChange();
        changes++;
      }
      assertThat(changes).as("changes of %s", platform).isEqualTo(platform.equals(KUEUE) ? 5 : 2);
    }
  }

  @Test
  void kueueQuotasFollowTheActiveBookingAndNothingNativeIsRendered() {
    // when: ana's 2-GPU booking of seg (2026-12-01 to 2026-12-05) announced, then active
    Run announced = generate(KUEUE, "2026-11-30T12:00:00Z");
    Run active = generate(KUEUE, "2026-12-01T00:00:00Z");

    // then
    assertThat(a100(announced.out(), "nominalQuota")).isEqualTo(1);
    assertThat(a100(announced.out(), "borrowingLimit")).isEqualTo(3);
    assertThat(a100(active.out(), "nominalQuota")).isEqualTo(3);
    assertThat(a100(active.out(), "borrowingLimit")).isEqualTo(1);
    Path seg = active.out().resolve("clusters/lab/projects/seg/resources.yaml");
    assertThat(hard(seg, "ResourceQuota", "maia-quota", "requests.nvidia.com/gpu")).isEqualTo(4);
    assertThat(TreeDocs.find(seg, "LimitRange", "maia-limits").path("spec").path("limits").toString())
        .contains("{\"max\":{\"nvidia.com/gpu\":\"2\"},\"type\":\"Pod\"}");
    assertThat(TreeDocs.read(active.out().resolve("clusters/lab/gpu-policy.yaml")))
        .extracting(d -> d.path("kind").asText())
        .containsOnly("ClusterQueue", "Cohort", "ResourceFlavor", "WorkloadPriorityClass");
    assertThat(TreeDocs.read(seg)).extracting(d -> d.path("metadata").path("name").asText()).doesNotContain("maia-gpu-booked");
  }

  /** The manifests and pictures alone: the index names the next change, so it differs anyway. */
  private static Map<String, String> withoutIndex(Map<String, String> tree) {
    Map<String, String> files = new java.util.TreeMap<>(tree);
    files.remove("maia-index.json");
    return files;
  }

  private static int a100(Path out, String field) {
    JsonNode queue = TreeDocs.find(out.resolve("clusters/lab/gpu-policy.yaml"), "ClusterQueue", "seg");
    for (JsonNode group : queue.path("spec").path("resourceGroups")) {
      for (JsonNode flavor : group.path("flavors")) {
        if (flavor.path("name").asText().equals("nvidia-a100-sxm4-80gb")) {
          return flavor.path("resources").get(0).path(field).asInt();
        }
      }
    }
    throw new AssertionError("no A100 flavor in ClusterQueue seg");
  }
}
