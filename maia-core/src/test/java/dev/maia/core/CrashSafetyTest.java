package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.output.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN invariant 2 under {@code kill -9}: a generate run in a process of its own is killed at a
 * random moment, again and again, alternating between two versions of a platform of 150
 * projects (about 700 files, most of which change between the versions). After every kill the
 * output folder holds the complete tree of one version, or, when the kill landed after the commit
 * point (a journal in {@code .maia/}), the next run completes the new tree from the journal before
 * it does anything else. A last run repairs whatever the kills left in {@code .maia/}.
 *
 * <p>A third of the kills come at a random moment of the whole run (mostly while the JVM starts or
 * renders), a third at a random moment after the run began to stage its files, and a third within
 * 20 ms of its commit point, while the new files are moved into place.
 */
class CrashSafetyTest {

  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final int PROJECTS = 150;
  private static final int KILLS = 9;
  private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

  @TempDir Path tmp;

  @Test
  void aKilledRunLeavesTheOldTreeOrTheNewOneOrAJournalThatCompletesTheNewOne() throws Exception {
    // given: both versions, and the tree each one gives when nothing interrupts it
    List<Path> platforms =
        List.of(
            Subprocesses.bigPlatform(tmp.resolve("v1"), PROJECTS, 1),
            Subprocesses.bigPlatform(tmp.resolve("v2"), PROJECTS, 2));
    MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
    List<Map<String, String>> trees =
        List.of(reference(compiler, platforms.get(0), "reference-1"), reference(compiler, platforms.get(1), "reference-2"));
    assertThat(differences(trees.get(0), trees.get(1))).as("files that differ between the versions").isGreaterThan(PROJECTS);
    Path out = tmp.resolve("out");
    long started = System.nanoTime();
    Subprocesses.Run first = Subprocesses.run(platforms.get(0), out, NOW, tmp.resolve("logs/first"), List.of(), RUN_LIMIT);
    long fullRun = System.nanoTime() - started;
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(GenerateExampleTest.tree(out)).isEqualTo(trees.get(0));
    int current = 0;
    Random random = new Random();
    int old = 0;
    int complete = 0;
    int journal = 0;

    for (int kill = 1; kill <= KILLS; kill++) {
      int next = 1 - current;
      Path logs = tmp.resolve("logs/" + kill);

      // when: the run is killed at a random moment
      boolean leftover = Files.exists(out.resolve(".maia/staging"));
      Process process = Subprocesses.start(platforms.get(next), out, NOW, logs, List.of());
      switch (kill % 3) {
        case 0 -> TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * fullRun));
        case 1 -> {
          awaitFile(out.resolve(".maia/staging"), process, leftover);
          TimeUnit.MILLISECONDS.sleep(random.nextInt(300));
        }
        default -> {
          awaitFile(out.resolve(".maia/journal"), process, false);
          TimeUnit.MICROSECONDS.sleep(random.nextInt(20_000));
        }
      }
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the killed process is gone").isTrue();

      // then: the old tree, the new tree, or a journal from which the next run completes the new one
      Map<String, String> after = GenerateExampleTest.tree(out);
      if (Files.exists(out.resolve(".maia/journal"))) {
        new TreeWriter(out, Duration.ofSeconds(10)).begin().close(); // what the next run does first
        assertThat(GenerateExampleTest.tree(out)).as("kill %d: the tree completed from the journal", kill).isEqualTo(trees.get(next));
        assertThat(out.resolve(".maia/journal")).doesNotExist();
        current = next;
        journal++;
      } else if (after.equals(trees.get(next))) {
        current = next;
        complete++;
      } else {
        assertThat(after)
            .as("kill %d: neither journal nor new tree, so the old tree, unchanged (%d files differ)", kill, differences(after, trees.get(current)))
            .isEqualTo(trees.get(current));
        old++;
      }
    }

    // then: a run after all that writes the complete tree and leaves nothing behind in .maia/
    int last = 1 - current;
    Subprocesses.Run repair = Subprocesses.run(platforms.get(last), out, NOW, tmp.resolve("logs/last"), List.of(), RUN_LIMIT);
    assertThat(repair.exitCode()).as(repair.stderr()).isZero();
    assertThat(GenerateExampleTest.tree(out)).isEqualTo(trees.get(last));
    assertThat(out.resolve(".maia/staging")).doesNotExist();
    assertThat(out.resolve(".maia/journal")).doesNotExist();
    assertThat(out.resolve(".maia/journal.tmp")).doesNotExist();
    assertThat(old + complete + journal).isEqualTo(KILLS);
    System.out.printf(
        "CrashSafetyTest: %d kills left the old tree, %d the new one, %d a journal the next run completed%n", old, complete, journal);
  }

  private Map<String, String> reference(MaiaCompiler compiler, Path platform, String name) throws IOException {
    Path out = tmp.resolve(name);
    compiler.generate(new GenerateRequest(platform, out, NOW));
    return GenerateExampleTest.tree(out);
  }

  /**
   * Waits until {@code file} exists (the run begins to stage files, or passes its commit point), or
   * the run ends, or a generous limit passes. A staging folder left by an earlier kill is first
   * dropped by the new run, so it must go before it counts again.
   */
  private static void awaitFile(Path file, Process process, boolean leftover) throws InterruptedException {
    long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
    while (leftover && Files.exists(file) && process.isAlive() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(1);
    }
    while (!Files.exists(file) && process.isAlive() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }

  private static long differences(Map<String, String> a, Map<String, String> b) {
    long changed = a.entrySet().stream().filter(e -> !e.getValue().equals(b.get(e.getKey()))).count();
    long added = b.keySet().stream().filter(k -> !a.containsKey(k)).count();
    return changed + added;
  }
}
