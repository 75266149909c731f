package dev.maia.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.model.ChartRef;
import dev.maia.core.verify.chart.ChartUnavailableException;
import dev.maia.core.verify.chart.ChartUnavailableException.Reason;
import dev.maia.gitops.GitDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chart folders read from a real {@code git daemon} on 127.0.0.1. */
class ChartFoldersTest {

  private static final PersonIdent AUTHOR = new PersonIdent("Chart Maintainer", "charts@example.org");
  private static final long LIMIT = 1024 * 1024;

  @TempDir
  static Path dir;

  private static GitDaemon daemon;

  @BeforeAll
  static void serve() throws Exception {
    // given: a chart repository like rancher/local-path-provisioner's: the chart in a folder, a tag per
    // release; v0.2.0 moved the chart, and a later commit on the branch is not part of any tag
    Path work = dir.resolve("work");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("master").call()) {
      write(work, "deploy/chart/widget/Chart.yaml", "apiVersion: v2\nname: widget\nversion: 0.1.0\n");
      write(work, "deploy/chart/widget/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: widget}\n");
      write(work, "README.md", "not the chart\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("v0.1.0").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
      git.tag().setName("v0.1.0").setAnnotated(true).setMessage("v0.1.0").setTagger(AUTHOR).call();
      Files.createSymbolicLink(work.resolve("deploy/chart/widget/templates/link.yaml"), Path.of("/etc/hostname"));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("a link").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
      git.tag().setName("v0.1.1-link").call();
      write(work, "deploy/chart/widget/templates/big.yaml", "#".repeat((int) LIMIT) + "\n");
      git.rm().addFilepattern("deploy/chart/widget/templates/link.yaml").call();
      git.add().addFilepattern(".").call();
      git.commit().setMessage("a big file").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
      git.tag().setName("v0.1.2-big").call();
    }
    Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(dir.resolve("served/widget.git").toFile()).setBare(true)
        .call().close();
    daemon = new GitDaemon(dir.resolve("served"), dir.resolve("home"));
  }

  @AfterAll
  static void stop() throws Exception {
    daemon.close();
  }

  private static void write(Path root, String file, String text) throws java.io.IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  private static SortedMap<String, byte[]> files(String folder, String tag) {
    return new ChartFolders().files(new ChartRef(daemon.url("widget.git"), folder, tag), LIMIT);
  }

  @Test
  void theFolderAtTheTagIsReadWithItsFilesAlone() {
    // when
    SortedMap<String, byte[]> files = files("deploy/chart/widget", "v0.1.0");

    // then
    assertThat(files).containsOnlyKeys("Chart.yaml", "templates/cm.yaml");
    assertThat(new String(files.get("Chart.yaml"), StandardCharsets.UTF_8)).contains("name: widget");
  }

  @Test
  void aTagTheRepositoryDoesNotHaveIsNotFound() {
    assertThatThrownBy(() -> files("deploy/chart/widget", "v9.9.9"))
        .isInstanceOfSatisfying(ChartUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
        .hasMessage("the Git repository " + daemon.url("widget.git") + " has no tag v9.9.9");
  }

  @Test
  void aFolderTheTagDoesNotHaveIsNotFound() {
    assertThatThrownBy(() -> files("charts/widget", "v0.1.0"))
        .isInstanceOfSatisfying(ChartUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
        .hasMessage("the tag v0.1.0 of " + daemon.url("widget.git") + " has no folder charts/widget");
  }

  @Test
  void aLinkInTheFolderIsRefused() {
    assertThatThrownBy(() -> files("deploy/chart/widget", "v0.1.1-link"))
        .isInstanceOfSatisfying(ChartUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
        .hasMessage("deploy/chart/widget/templates/link.yaml at tag v0.1.1-link of " + daemon.url("widget.git")
            + " is a link: a chart folder must hold its files, which the tag pins");
  }

  @Test
  void aFolderLargerThanTheLimitIsRefused() {
    assertThatThrownBy(() -> files("deploy/chart/widget", "v0.1.2-big"))
        .isInstanceOfSatisfying(ChartUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
        .hasMessage("the folder deploy/chart/widget at tag v0.1.2-big of " + daemon.url("widget.git") + " holds more than 1 MiB");
  }

  @Test
  void aRepositoryNobodyServesIsUnreachable() {
    assertThatThrownBy(() -> new ChartFolders().files(new ChartRef(daemon.url("none.git"), "deploy/chart/widget", "v0.1.0"), LIMIT))
        .isInstanceOfSatisfying(ChartUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessageStartingWith("cannot fetch the tag v0.1.0 of " + daemon.url("none.git") + ": ");
  }
}
