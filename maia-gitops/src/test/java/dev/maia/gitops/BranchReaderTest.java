package dev.maia.gitops;

import static dev.maia.gitops.GitFixtures.AUTHOR;
import static dev.maia.gitops.GitFixtures.fsck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.MaiaLog;
import dev.maia.gitops.diff.ResourceChange;
import dev.maia.gitops.git.BranchReader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BranchReaderTest {

  @TempDir Path temp;

  @Test
  void aMissingBranchMeansEverythingIsAdded() throws Exception {
    // given
    try (Repository repository = GitFixtures.bare(temp.resolve("gitops.git"))) {
      SortedMap<String, byte[]> tree = TestTrees.tree("kth-main", "vertebra-ct", 0, List.of("workspace"));

      // when
      DiffResult result = BranchReader.diff(new GitOpsTarget(repository.getDirectory().toString(), "gitops", ""),
          GitCredentials.none(), temp.resolve("cache"), tree);

      // then
      assertThat(result.tip()).isNull();
      assertThat(result.against()).isEqualTo("branch gitops (not created yet)");
      assertThat(result.diff().changes()).allSatisfy(c -> assertThat(c.type()).isEqualTo(ResourceChange.Type.ADDED));
      assertThat(result.diff().changes()).extracting(c -> c.key().file()).contains("maia-index.json");
      assertThat(temp.resolve("cache")).doesNotExist();
    }
  }

  @Test
  void aLocalRepositoryIsReadDirectlyAndARemoteOneThroughTheCache() throws Exception {
    // given: a branch published under a folder, then served over HTTP
    try (Repository repository = GitFixtures.bare(temp.resolve("server/gitops.git"));
        HttpGitServer server = new HttpGitServer(repository, "token-1")) {
      SourceRevision source = GitFixtures.platformChain(temp.resolve("platform"), 1).get(0);
      SortedMap<String, byte[]> v1 = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));
      new Publisher(MaiaLog.silent(), Clock.systemUTC(), wait -> {}, new SplittableRandom(1)).push(new PushRequest(
          new GitOpsTarget(repository.getDirectory().toString(), "gitops", "fleet"), GitCredentials.none(), v1, "kth-ki", source,
          AUTHOR, "1.2.3", temp.resolve("push-cache"), 0, Duration.ZERO, false, 0));
      SortedMap<String, byte[]> v2 = TestTrees.tree("ki-hospital", "brain-mets", 2, List.of("workspace", "mlflow"));

      // when
      DiffResult local = BranchReader.diff(new GitOpsTarget(repository.getDirectory().toString(), "gitops", "fleet"),
          GitCredentials.none(), temp.resolve("cache"), v2);
      DiffResult remote = BranchReader.diff(new GitOpsTarget(server.url(), "gitops", "/fleet/"),
          GitCredentials.token(null, "token-1"), temp.resolve("cache"), v2);

      // then
      assertThat(local.against()).startsWith("branch gitops (folder fleet) at ");
      assertThat(local.diff().platformChanges())
          .containsExactly("project brain-mets gains mlflow on ki-hospital", "GPU quota of brain-mets on ki-hospital 1 -> 2");
      assertThat(remote.diff()).isEqualTo(local.diff());
      assertThat(remote.tip()).isEqualTo(local.tip());
      try (var caches = Files.list(temp.resolve("cache"))) {
        assertThat(caches).hasSize(1);
      }
      assertThatThrownBy(() -> BranchReader.diff(new GitOpsTarget(server.url(), "gitops", "fleet"),
              GitCredentials.token(null, "nope-token"), temp.resolve("cache"), v2))
          .isInstanceOf(GitOpsException.class)
          .hasMessageContaining("not authorized")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("nope-token"));
    }
    fsck(temp.resolve("server/gitops.git"));
  }

  @Test
  void aPathThatIsNoRepositoryIsReported() {
    assertThatThrownBy(() -> BranchReader.diff(new GitOpsTarget(temp.resolve("missing").toString(), "gitops", ""),
            GitCredentials.none(), temp.resolve("cache"), TestTrees.tree("c", "p", 0, List.of())))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("is not a folder; set maia.gitops.repo");
  }
}
