package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.output.TreeWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two generate runs on one output folder, each in a process of its own: {@code .maia/lock} makes
 * one wait for the other, and the folder ends with the complete tree of one of them, never a mix.
 * (That a run gives up after its wait with a message naming the lock is shown in {@code
 * TreeWriterTest}, with a short wait.)
 */
class ConcurrentRunsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final int PROJECTS = 60;
  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  @Test
  void twoRunsAtOnceEndWithTheCompleteTreeOfOneOfThem() throws Exception {
    // given
    Path one = Subprocesses.bigPlatform(tmp.resolve("v1"), PROJECTS, 1);
    Path two = Subprocesses.bigPlatform(tmp.resolve("v2"), PROJECTS, 2);
    Map<String, String> treeOne = reference(one, "reference-1");
    Map<String, String> treeTwo = reference(two, "reference-2");
    Path out = tmp.resolve("out");

    // when
    Process first = Subprocesses.start(one, out, NOW, tmp.resolve("logs/1"), List.of());
    Process second = Subprocesses.start(two, out, NOW, tmp.resolve("logs/2"), List.of());
    Subprocesses.Run runOne = Subprocesses.finish(first, tmp.resolve("logs/1"), RUN_LIMIT);
    Subprocesses.Run runTwo = Subprocesses.finish(second, tmp.resolve("logs/2"), RUN_LIMIT);

    // then: both succeed, one after the other, and the tree is one whole version
    assertThat(runOne.exitCode()).as(runOne.stderr()).isZero();
    assertThat(runTwo.exitCode()).as(runTwo.stderr()).isZero();
    Map<String, String> tree = GenerateExampleTest.tree(out);
    assertThat(tree).satisfiesAnyOf(t -> assertThat(t).isEqualTo(treeOne), t -> assertThat(t).isEqualTo(treeTwo));
    assertThat(out.resolve(".maia/staging")).doesNotExist();
    assertThat(out.resolve(".maia/journal")).doesNotExist();
  }

  @Test
  void aRunWaitsWhileAnotherProcessHoldsTheLockThenWritesItsTree() throws Exception {
    // given: the previous tree, and this JVM holding the folder's lock as a run does
    Path one = Subprocesses.bigPlatform(tmp.resolve("v1"), PROJECTS, 1);
    Path two = Subprocesses.bigPlatform(tmp.resolve("v2"), PROJECTS, 2);
    Path out = tmp.resolve("out");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(one, out, NOW));
    Map<String, String> before = GenerateExampleTest.tree(out);
    long started = System.nanoTime();
    Subprocesses.Run unhindered = Subprocesses.run(two, tmp.resolve("unhindered"), NOW, tmp.resolve("logs/0"), List.of(), RUN_LIMIT);
    long hold = System.nanoTime() - started + TimeUnit.SECONDS.toNanos(1); // longer than the run takes alone
    assertThat(unhindered.exitCode()).as(unhindered.stderr()).isZero();
    Map<String, String> treeTwo = GenerateExampleTest.tree(tmp.resolve("unhindered"));
    Process process;
    boolean aliveWhileHeld;
    Map<String, String> whileHeld;
    try (TreeWriter.Transaction held = new TreeWriter(out, Duration.ofSeconds(5)).begin()) {
      // when: a run starts, and the lock is held for longer than that run takes on its own
      process = Subprocesses.start(two, out, NOW, tmp.resolve("logs/1"), List.of());
      aliveWhileHeld = !process.waitFor(hold, TimeUnit.NANOSECONDS);
      whileHeld = GenerateExampleTest.tree(out);
    }
    Subprocesses.Run run = Subprocesses.finish(process, tmp.resolve("logs/1"), RUN_LIMIT);

    // then: it did not finish nor write while the lock was held, and wrote its tree once it was free
    assertThat(aliveWhileHeld).as("the run waits for the lock").isTrue();
    assertThat(whileHeld).isEqualTo(before);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(GenerateExampleTest.tree(out)).isEqualTo(treeTwo);
  }

  private Map<String, String> reference(Path platform, String name) throws java.io.IOException {
    Path out = tmp.resolve(name);
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(platform, out, NOW));
    return GenerateExampleTest.tree(out);
  }
}
