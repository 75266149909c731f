package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.output.OutputConflictException;
import dev.maia.core.output.OutputWriteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder that cannot take the new tree: read-only, or on a full disk. The run fails with
 * an {@link OutputWriteException} that names the folder and the cause, and the folder keeps the
 * previous tree byte for byte, with nothing half-written in it; once the folder is fixed, the next
 * run writes the new tree.
 *
 * <p>Both need a file system the test controls: a small tmpfs, which only root may mount. As root
 * (CI runs tests as root), permissions do not stop writes, so the read-only case remounts that
 * tmpfs read-only; as another user it takes the write permission away instead. A case that cannot
 * be set up is skipped with a line that says why.
 */
class OutputFolderFailureTest {

  @TempDir Path tmp;

  private final List<Path> mounts = new ArrayList<>();

  @AfterEach
  void unmount() throws Exception {
    for (Path mount : mounts) {
      if (command("umount", mount.toString()) != 0) {
        command("umount", "-l", mount.toString());
      }
    }
  }

  @Test
  void aReadOnlyOutputFolderFailsWithAClearMessageAndKeepsThePreviousTree() throws Exception {
    // given: the example generated, then a change to it, and an output folder made read-only
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    boolean root = isRoot();
    if (root) {
      Assumptions.assumeTrue(
          mountTmpfs(out, "size=16m"),
          "SKIPPED: running as root, where permissions do not stop writes, and no tmpfs can be mounted to make a"
              + " read-only folder");
    }
    MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
    compiler.generate(new GenerateRequest(TestPaths.examplePlatform(), out, GenerateExampleTest.NOW));
    Map<String, String> before = GenerateExampleTest.tree(out);
    Path changed = changedExample();
    if (root) {
      assertThat(command("mount", "-o", "remount,ro", out.toString())).as("remount read-only").isZero();
    } else {
      setWritable(out, false);
    }

    // when
    OutputWriteException e;
    try {
      e = catchThrowableOfType(
          OutputWriteException.class, () -> compiler.generate(new GenerateRequest(changed, out, GenerateExampleTest.NOW)));
    } finally {
      if (root) {
        command("mount", "-o", "remount,rw", out.toString());
      } else {
        setWritable(out, true);
      }
    }

    // then
    assertThat(e).as("the run fails with an OutputWriteException").isNotNull();
    assertThat(e.getMessage())
        .startsWith("cannot write the output folder " + out + " while ")
        .containsAnyOf("read-only file system", "permission denied")
        .endsWith("; nothing in it was changed");
    assertThat(GenerateExampleTest.tree(out)).isEqualTo(before);
    assertThat(out.resolve(".maia/staging")).doesNotExist();

    // and once it is writable again, the next run writes the new tree
    compiler.generate(new GenerateRequest(changed, out, GenerateExampleTest.NOW));
    assertThat(out.resolve("argocd/appprojects/brain-mets.yaml")).content(StandardCharsets.UTF_8).contains("as changed by the test");
  }

  @Test
  void aFullDiskFailsWithAClearMessageAndLeavesNothingHalfWritten() throws Exception {
    // given: the example generated onto a 2 MiB file system, then a platform too large for it
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Assumptions.assumeTrue(
        isRoot() && mountTmpfs(out, "size=2m"),
        "SKIPPED: a full disk needs a small tmpfs, and it cannot be mounted here (that needs root)");
    MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
    compiler.generate(new GenerateRequest(TestPaths.examplePlatform(), out, GenerateExampleTest.NOW));
    Map<String, String> before = GenerateExampleTest.tree(out);
    Path big = Subprocesses.bigPlatform(tmp.resolve("big"), 300, 1);

    // when
    OutputWriteException e =
        catchThrowableOfType(OutputWriteException.class, () -> compiler.generate(new GenerateRequest(big, out, GenerateExampleTest.NOW)));

    // then: the folder, the step and the cause in words; the previous tree; no staged file left
    assertThat(e).as("the run fails with an OutputWriteException").isNotNull();
    assertThat(e.getMessage())
        .startsWith("cannot write the output folder " + out + " while staging ")
        .contains(": no space left on device")
        .endsWith("; nothing in it was changed");
    assertThat(GenerateExampleTest.tree(out)).isEqualTo(before);
    assertThat(out.resolve(".maia/staging")).doesNotExist();
    assertThat(out.resolve(".maia/journal")).doesNotExist();

    // and the next run of the platform that fits finds everything in place
    GenerateResult again = compiler.generate(new GenerateRequest(TestPaths.examplePlatform(), out, GenerateExampleTest.NOW));
    assertThat(again.written()).isEmpty();
    assertThat(GenerateExampleTest.tree(out)).isEqualTo(before);
  }

  @RepeatedTest(2)
  void aRunStoppedWhileUnitsAreStagedInParallelLeavesNothingStaged() throws Exception {
    // given: a file the generator did not write, where the first of many units must write
    Path out = tmp.resolve("out");
    Path foreign = out.resolve("argocd/appprojects/p-0000.yaml");
    Files.createDirectories(foreign.getParent());
    Files.writeString(foreign, "kind: Mine\n");
    Path big = Subprocesses.bigPlatform(tmp.resolve("big"), 200, 1);
    MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());

    // when
    OutputConflictException e =
        catchThrowableOfType(OutputConflictException.class, () -> compiler.generate(new GenerateRequest(big, out, GenerateExampleTest.NOW)));

    // then: every unit still rendering when the first one failed was done before the staging was
    // dropped and the lock released, so nothing is left staged and the folder is as it was
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("argocd/appprojects/p-0000.yaml exists in the output folder but was not generated by maia");
    assertThat(out.resolve(".maia/staging")).doesNotExist();
    assertThat(GenerateExampleTest.tree(out)).containsOnlyKeys("argocd/appprojects/p-0000.yaml");
  }

  /** The example platform repo, copied, with one project's description changed. */
  private Path changedExample() throws IOException {
    Path repo = tmp.resolve("changed");
    Path from = TestPaths.repoRoot().resolve("example-platform-repo");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(p -> !p.toString().contains("/target")).toList()) {
        Path target = repo.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Path project = repo.resolve("projects/brain-mets.yaml");
    String text = Files.readString(project, StandardCharsets.UTF_8);
    Files.writeString(
        project, text.replace("description: Brain metastasis segmentation in MRI", "description: as changed by the test"), StandardCharsets.UTF_8);
    return repo.resolve("platform.yaml");
  }

  private boolean mountTmpfs(Path dir, String options) throws Exception {
    if (command("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()) != 0) {
      return false;
    }
    mounts.add(dir);
    return true;
  }

  private static boolean isRoot() throws Exception {
    Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
    String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return id.waitFor(30, TimeUnit.SECONDS) && uid.equals("0");
  }

  private static int command(String... command) throws Exception {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (IOException e) {
      return -1; // the command is not installed
    }
  }

  /** Every folder below {@code root} (itself included) r-x, or rwx again. */
  private static void setWritable(Path root, boolean writable) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path dir : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(writable ? "rwx------" : "r-x------"));
      }
    }
  }
}
