package dev.maia.gitops;

import static dev.maia.gitops.GitFixtures.AUTHOR;
import static dev.maia.gitops.GitFixtures.files;
import static dev.maia.gitops.GitFixtures.fsck;
import static dev.maia.gitops.GitFixtures.tip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.MaiaLog;
import dev.maia.gitops.git.Publisher;
import dev.maia.gitops.git.SourceRevision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes over SSH (JGit's Apache MINA client) to an Apache MINA sshd Git server on 127.0.0.1. */
class PublisherSshTest {

  @TempDir Path temp;

  private Repository served;
  private SshGitServer server;
  private List<SourceRevision> revisions;

  @BeforeEach
  void startServer() throws Exception {
    served = GitFixtures.bare(temp.resolve("repos/gitops.git"));
    Files.createDirectories(temp.resolve("keys"));
    server = new SshGitServer(temp.resolve("repos"), temp.resolve("keys"));
    revisions = GitFixtures.platformChain(temp.resolve("platform"), 2);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
    fsck(served.getDirectory().toPath());
    served.close();
  }

  @Test
  void pushesWithAKeyCheckedAgainstKnownHosts() throws Exception {
    // given
    SortedMap<String, byte[]> tree = TestTrees.tree("kth-main", "vertebra-ct", 0, List.of("workspace"));
    GitCredentials key = GitCredentials.ssh(server.privateKey(), server.knownHosts(), true);

    // when
    PushResult first = publisher().push(request(tree, revisions.get(0), key));
    PushResult again = publisher().push(request(tree, revisions.get(1), key));

    // then
    assertThat(first.outcome()).isEqualTo(PushResult.Outcome.PUBLISHED);
    assertThat(again.outcome()).isEqualTo(PushResult.Outcome.UNCHANGED);
    assertThat(files(served, tip(served, "gitops"))).containsOnlyKeys(tree.keySet());
  }

  @Test
  void anUnknownKeyIsRefusedAndNothingChanges() throws Exception {
    // given
    GitCredentials stranger = GitCredentials.ssh(SshGitServer.strangerKey(temp.resolve("keys")), server.knownHosts(), true);
    SortedMap<String, byte[]> tree = TestTrees.tree("kth-main", "vertebra-ct", 0, List.of("workspace"));

    // when / then
    assertThatThrownBy(() -> publisher().push(request(tree, revisions.get(0), stranger)))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("cannot log in to " + server.url("gitops.git"));
    assertThat(tip(served, "gitops")).isNull();
  }

  @Test
  void aServerKeyThatIsNotInKnownHostsIsRejectedUnlessCheckingIsOff() throws Exception {
    // given
    Path emptyKnownHosts = Files.writeString(temp.resolve("keys/empty_known_hosts"), "");
    SortedMap<String, byte[]> tree = TestTrees.tree("kth-main", "vertebra-ct", 0, List.of("workspace"));

    // when / then
    assertThatThrownBy(() -> publisher().push(request(tree, revisions.get(0), GitCredentials.ssh(server.privateKey(), emptyKnownHosts, true))))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("the SSH host key of " + server.url("gitops.git") + " is not trusted")
        .hasMessageContaining("maia.git.knownHosts");
    assertThat(tip(served, "gitops")).isNull();
    PushResult unchecked = publisher().push(request(tree, revisions.get(0), GitCredentials.ssh(server.privateKey(), emptyKnownHosts, false)));
    assertThat(unchecked.outcome()).isEqualTo(PushResult.Outcome.PUBLISHED);
  }

  private Publisher publisher() {
    return new Publisher(MaiaLog.silent(), Clock.systemUTC(), wait -> {}, new SplittableRandom(3));
  }

  private PushRequest request(SortedMap<String, byte[]> files, SourceRevision source, GitCredentials credentials) {
    return new PushRequest(new GitOpsTarget(server.url("gitops.git"), "gitops", ""), credentials, files, "kth-ki", source, AUTHOR,
        "1.2.3", temp.resolve("cache"), 1, Duration.ofMillis(10), false, 0);
  }
}
