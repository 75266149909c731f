package dev.maia.gitops;

import static dev.maia.gitops.GitFixtures.AUTHOR;
import static dev.maia.gitops.GitFixtures.files;
import static dev.maia.gitops.GitFixtures.fsck;
import static dev.maia.gitops.GitFixtures.history;
import static dev.maia.gitops.GitFixtures.tip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.MaiaLog;
import dev.maia.gitops.git.Publisher;
import dev.maia.gitops.git.SourceRevision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The freshness guard when the tip of the GitOps branch is not a commit of ours: a person or another
 * tool committed on top of the published tree. The guard reads the newest commit on the branch's
 * first-parent line that records a platform commit, whatever lies on top. Pushes go to a real {@code
 * git daemon} on 127.0.0.1; the foreign commits are made by the real Git client, and in the race by
 * the server's own pre-receive hook, between the older pipeline's fetch and its push.
 */
class PublisherForeignCommitsTest {

  @TempDir Path temp;

  private Repository served;
  private GitDaemon daemon;
  private List<SourceRevision> revisions;

  @BeforeEach
  void startDaemon() throws Exception {
    served = GitFixtures.bare(temp.resolve("server/gitops.git"));
    daemon = new GitDaemon(temp.resolve("server"), temp.resolve("home"));
    revisions = GitFixtures.platformChain(temp.resolve("platform"), 5);
  }

  @AfterEach
  void stopDaemon() throws Exception {
    daemon.close();
    fsck(served.getDirectory().toPath());
    served.close();
  }

  @Test
  void anOlderPlatformCommitIsRefusedThoughForeignCommitsAndAMergeLieOnTopOfTheNewerOutput() throws Exception {
    // given: the newer platform commit is published, then someone commits a README and merges a side branch on top
    publisher().push(request("gitops", tree(1), revisions.get(0), "cache-0"));
    publisher().push(request("gitops", tree(4), revisions.get(3), "cache-3"));
    Path work = cloneBranch("gitops");
    Files.writeString(work.resolve("README.md"), "# GitOps\n", StandardCharsets.UTF_8);
    daemon.git(work, "add", "README.md");
    daemon.git(work, "commit", "-q", "-m", "Describe the branch");
    daemon.git(work, "checkout", "-q", "-b", "notes", "HEAD~1");
    Files.writeString(work.resolve("NOTES.md"), "on-call: ops\n", StandardCharsets.UTF_8);
    daemon.git(work, "add", "NOTES.md");
    daemon.git(work, "commit", "-q", "-m", "Notes");
    daemon.git(work, "checkout", "-q", "gitops");
    daemon.git(work, "merge", "-q", "--no-ff", "-m", "Merge the notes", "notes");
    daemon.git(work, "push", "-q", "origin", "gitops");
    RevCommit foreign = tip(served, "gitops");

    // when / then
    assertThatThrownBy(() -> publisher().push(request("gitops", tree(2), revisions.get(1), "cache-1")))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("already holds the output of platform commit " + revisions.get(3).shortCommit())
        .hasMessageContaining("is an ancestor of it");
    assertThat(tip(served, "gitops")).isEqualTo(foreign);
    assertThat(foreign.getShortMessage()).isEqualTo("Merge the notes");
  }

  @Test
  void aNewerPlatformCommitIsPublishedOnTopOfForeignCommitsAndKeepsTheirFiles() throws Exception {
    // given
    publisher().push(request("gitops", tree(1), revisions.get(1), "cache-1"));
    Path work = cloneBranch("gitops");
    Files.writeString(work.resolve("README.md"), "# GitOps\n", StandardCharsets.UTF_8);
    daemon.git(work, "add", "README.md");
    daemon.git(work, "commit", "-q", "-m", "Describe the branch");
    daemon.git(work, "push", "-q", "origin", "gitops");
    RevCommit foreign = tip(served, "gitops");

    // when
    PushResult result = publisher().push(request("gitops", tree(2), revisions.get(2), "cache-2"));

    // then
    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.PUBLISHED);
    RevCommit published = tip(served, "gitops");
    assertThat(published.getParent(0)).isEqualTo(foreign);
    assertThat(files(served, published)).containsKey("README.md");
  }

  @Test
  void whenTheNewerOutputAndAForeignCommitLandWhileAnOlderPipelinePushesItsRetryIsRefused() throws Exception {
    // given: the branch holds the output of revision 0; the newer pipeline (revision 3) has built on it
    // on a side branch, and someone has committed on top of that. The older pipeline (revision 1)
    // fetches the branch; when its push arrives, the server's hook moves the branch to the newer
    // output under the foreign commit, and declines the push: the branch moved in between.
    publisher().push(request("gitops", tree(1), revisions.get(0), "cache-0"));
    daemon.git(served.getDirectory().toPath(), "branch", "newer", "gitops");
    publisher().push(request("newer", tree(4), revisions.get(3), "cache-3"));
    Path work = cloneBranch("newer");
    Files.writeString(work.resolve("README.md"), "# GitOps\n", StandardCharsets.UTF_8);
    daemon.git(work, "add", "README.md");
    daemon.git(work, "commit", "-q", "-m", "Describe the branch");
    daemon.git(work, "push", "-q", "origin", "newer");
    RevCommit foreign = tip(served, "newer");
    raceOnNextPush(foreign.name());

    // when / then
    assertThatThrownBy(() -> publisher().push(request("gitops", tree(2), revisions.get(1), "cache-1")))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("already holds the output of platform commit " + revisions.get(3).shortCommit())
        .hasMessageContaining("is an ancestor of it");
    assertThat(served.getDirectory().toPath().resolve("race-to")).as("the hook ran").doesNotExist();
    assertThat(tip(served, "gitops")).isEqualTo(foreign);
    assertThat(history(served, "gitops")).extracting(RevCommit::getShortMessage)
        .containsExactly("Describe the branch", "Generate platform kth-ki from commit " + revisions.get(3).shortCommit(),
            "Generate platform kth-ki from commit " + revisions.get(0).shortCommit());
  }

  /**
   * Installs a pre-receive hook that, on the next push, moves {@code refs/heads/gitops} to {@code
   * commit} (outside the push's quarantine, as a concurrent push would) and declines that push.
   */
  private void raceOnNextPush(String commit) throws Exception {
    Path gitDir = served.getDirectory().toPath();
    Files.writeString(gitDir.resolve("race-to"), commit + "\n", StandardCharsets.UTF_8);
    Path hook = gitDir.resolve("hooks/pre-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook,
        """
        #!/bin/sh
        cat >/dev/null
        if [ -f race-to ]; then
          to=$(cat race-to)
          rm -f race-to
          env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES git update-ref refs/heads/gitops "$to" || exit 2
          echo "another pipeline moved the branch" >&2
          exit 1
        fi
        """,
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Path cloneBranch(String branch) throws Exception {
    Path work = temp.resolve("work-" + branch);
    daemon.git(temp, "clone", "-q", "-b", branch, daemon.url("gitops.git"), work.toString());
    return work;
  }

  private static SortedMap<String, byte[]> tree(int gpus) {
    return TestTrees.tree("ki-hospital", "brain-mets", gpus, List.of("workspace"));
  }

  private Publisher publisher() {
    return new Publisher(MaiaLog.silent(), Clock.systemUTC(), wait -> {}, new SplittableRandom(1));
  }

  private PushRequest request(String branch, SortedMap<String, byte[]> files, SourceRevision source, String cache) {
    return new PushRequest(new GitOpsTarget(daemon.url("gitops.git"), branch, ""), GitCredentials.none(), files, "kth-ki", source,
        AUTHOR, "1.2.3", temp.resolve(cache), 5, Duration.ofMillis(20), false, 0);
  }
}
