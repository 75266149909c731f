package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.maia.core.output.Hashes;
import dev.maia.core.output.OutputConflictException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer never follows a link out of the output folder: a generated folder replaced by a link
 * to a folder outside, a linked {@code .maia} (which would take the lock, the staging and the
 * journal elsewhere), a link or a pipe in {@code .maia}, as the index, or in place of a generated
 * file. Each is refused with a message that names it, before anything is written where it points
 * and before anything in the tree changes; the folder outside stays as it was.
 */
class OutputLinksTest {

  @TempDir Path tmp;

  private final MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
  private Path out;
  private Path outside;
  private GenerateRequest request;

  @BeforeEach
  void folders() throws IOException {
    out = tmp.resolve("out");
    outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
    request = new GenerateRequest(TestPaths.examplePlatform(), out, GenerateExampleTest.NOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"clusters/ki-hospital/projects/brain-mets", "clusters/ki-hospital", "argocd/apps"})
  void aGeneratedFolderReplacedByALinkOutsideIsRefusedBeforeAnythingIsWritten(String folder) throws IOException {
    // given: the tree, with one of its folders moved outside and linked back
    compiler.generate(request);
    Path moved = outside.resolve("moved");
    Files.move(out.resolve(folder), moved);
    Files.createSymbolicLink(out.resolve(folder), moved);
    Map<String, String> before = snapshot(out);
    Map<String, String> outsideBefore = snapshot(outside);

    // when
    OutputConflictException e = catchThrowableOfType(OutputConflictException.class, () -> compiler.generate(request));

    // then
    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .startsWith("the output folder " + out + " holds " + folder + " (a symbolic link to " + moved + ", outside the output folder)")
        .contains("never through a symbolic link, and wrote nothing: remove it");
    assertThat(snapshot(out)).isEqualTo(before);
    assertThat(snapshot(outside)).isEqualTo(outsideBefore);
  }

  @Test
  void aLinkedControlFolderIsRefusedBeforeTheLockIsTaken() throws IOException {
    // given: a fresh output folder whose .maia leads outside
    Files.createDirectories(out);
    Files.createSymbolicLink(out.resolve(".maia"), outside);

    // when
    OutputConflictException e = catchThrowableOfType(OutputConflictException.class, () -> compiler.generate(request));

    // then: no lock, no staging, no tree
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("the output folder " + out + " holds .maia (a symbolic link to " + outside + ", outside the output folder)");
    assertThat(snapshot(outside)).isEmpty();
    assertThat(snapshot(out)).containsOnlyKeys(".maia");
  }

  @Test
  void aControlFolderLinkedAfterARunIsRefusedAndTheTreeStays() throws IOException {
    // given
    compiler.generate(request);
    Files.move(out.resolve(".maia"), outside.resolve("maia"));
    Files.createSymbolicLink(out.resolve(".maia"), outside.resolve("maia"));
    Map<String, String> before = snapshot(out);
    Map<String, String> outsideBefore = snapshot(outside);

    // when
    OutputConflictException e = catchThrowableOfType(OutputConflictException.class, () -> compiler.generate(request));

    // then
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("holds .maia (a symbolic link to " + outside.resolve("maia"));
    assertThat(snapshot(out)).isEqualTo(before);
    assertThat(snapshot(outside)).isEqualTo(outsideBefore);
  }

  @ParameterizedTest
  @ValueSource(strings = {".maia/render-cache.json", ".maia/lock", "maia-index.json"})
  void aLinkInTheControlFolderOrAsTheIndexIsRefused(String file) throws IOException {
    // given: the file moved outside and linked back
    compiler.generate(request);
    Path moved = outside.resolve("moved");
    Files.move(out.resolve(file), moved);
    Files.createSymbolicLink(out.resolve(file), moved);
    Map<String, String> before = snapshot(out);
    String outsideBefore = Hashes.sha256(Files.readAllBytes(moved));

    // when
    OutputConflictException e = catchThrowableOfType(OutputConflictException.class, () -> compiler.generate(request));

    // then
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("holds " + file + " (a symbolic link to " + moved + ", outside the output folder)");
    assertThat(snapshot(out)).isEqualTo(before);
    assertThat(Hashes.sha256(Files.readAllBytes(moved))).isEqualTo(outsideBefore);
  }

  @Test
  void aPipeAsTheLockIsRefusedWithoutOpeningIt() throws IOException {
    // given
    compiler.generate(request);
    Files.delete(out.resolve(".maia/lock"));
    assumeTrue(TestPaths.mkfifo(out.resolve(".maia/lock")), "this system cannot make a named pipe");

    // when
    OutputConflictException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> catchThrowableOfType(OutputConflictException.class, () -> compiler.generate(request)));

    // then
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("holds .maia/lock (a named pipe, a device or a socket)");
  }

  @Test
  void aLinkWhereANewFolderGoesStopsTheRunBeforeTheTreeChanges() throws IOException {
    // given: a fresh output folder in which the folder of the clusters leads outside
    Files.createDirectories(out);
    Files.createSymbolicLink(out.resolve("clusters"), outside);

    // when
    OutputConflictException e = catchThrowableOfType(OutputConflictException.class, () -> compiler.generate(request));

    // then: nothing outside, no tree, no staging left
    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .startsWith("the output folder " + out + " holds clusters (a symbolic link to " + outside + ", outside the output folder)")
        .contains("the run stopped before anything in the tree changed");
    assertThat(snapshot(outside)).isEmpty();
    assertThat(out.resolve("maia-index.json")).doesNotExist();
    assertThat(out.resolve("argocd")).doesNotExist();
    assertThat(out.resolve(".maia/staging")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"link", "pipe"})
  void aGeneratedFileReplacedByALinkOrAPipeIsRefusedWithoutOpeningIt(String kind) throws IOException {
    // given
    compiler.generate(request);
    String file = "clusters/kth-main/projects/vertebra-ct/resources.yaml";
    Path target = out.resolve(file);
    Path moved = outside.resolve("resources.yaml");
    Files.move(target, moved);
    if (kind.equals("link")) {
      Files.createSymbolicLink(target, moved);
    } else {
      assumeTrue(TestPaths.mkfifo(target), "this system cannot make a named pipe");
    }
    String outsideBefore = Hashes.sha256(Files.readAllBytes(moved));

    // when
    OutputConflictException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> catchThrowableOfType(OutputConflictException.class, () -> compiler.generate(request)));

    // then
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("holds " + file + " (" + (kind.equals("link") ? "a symbolic link to " + moved : "a named pipe"));
    assertThat(Hashes.sha256(Files.readAllBytes(moved))).isEqualTo(outsideBefore);
    assertThat(out.resolve(".maia/staging")).doesNotExist();
  }

  /** Every entry below {@code root}, links not followed: a file's SHA-256, a link's target, or {@code folder}. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (Files.isSymbolicLink(p)) {
          entries.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          entries.put(rel, Hashes.sha256(Files.readAllBytes(p)));
        } else {
          entries.put(rel, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "folder" : "other");
        }
      }
    }
    return entries;
  }
}
