package dev.maia.gitops;

import static dev.maia.gitops.GitFixtures.AUTHOR;
import static dev.maia.gitops.GitFixtures.files;
import static dev.maia.gitops.GitFixtures.fsck;
import static dev.maia.gitops.GitFixtures.history;
import static dev.maia.gitops.GitFixtures.tip;
import static dev.maia.gitops.GitFixtures.under;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.MaiaLog;
import dev.maia.gitops.git.Publisher;
import dev.maia.gitops.git.SourceRevision;
import dev.maia.gitops.git.Trailers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes to a real smart-HTTP Git server on 127.0.0.1 with token authentication. */
class PublisherHttpTest {

  private static final String TOKEN = "s3cr3t-token-value";

  @TempDir Path temp;

  private Repository served;
  private HttpGitServer server;
  private List<SourceRevision> revisions;

  @BeforeEach
  void startServer() throws Exception {
    served = GitFixtures.bare(temp.resolve("server/gitops.git"));
    server = new HttpGitServer(served, TOKEN);
    revisions = GitFixtures.platformChain(temp.resolve("platform"), 5);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
    fsck(server.repositoryFolder());
    served.close();
  }

  @Test
  void firstPushCreatesTheBranchWithTheTreeAndTrailers() throws Exception {
    // given
    SortedMap<String, byte[]> tree = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));

    // when
    PushResult result = publisher().push(request(tree, revisions.get(0), "cache", false));

    // then
    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.PUBLISHED);
    RevCommit tip = tip(served, "gitops");
    assertThat(tip.name()).isEqualTo(result.commit());
    assertThat(tip.getParentCount()).isZero();
    assertThat(files(served, tip)).containsOnlyKeys(tree.keySet());
    assertThat(tip.getAuthorIdent().getName()).isEqualTo("CI Bot");
    assertThat(tip.getCommitterIdent().getEmailAddress()).isEqualTo("ci@example.org");
    assertThat(tip.getShortMessage()).isEqualTo("Generate platform kth-ki from commit " + revisions.get(0).commit().substring(0, 12));
    assertThat(Trailers.read(tip))
        .containsEntry(Trailers.SOURCE_COMMIT, revisions.get(0).commit())
        .containsEntry(Trailers.SOURCE_REPO, "https://git.example.org/platform.git")
        .containsEntry(Trailers.SOURCE_TIME, "2026-11-01T00:01:00Z")
        .containsEntry(Trailers.VERSION, "1.2.3");
  }

  @Test
  void unchangedOutputMakesNoCommit() throws Exception {
    // given
    SortedMap<String, byte[]> tree = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));
    PushResult first = publisher().push(request(tree, revisions.get(0), "cache", false));

    // when: the same tree again, from a fresh cache
    PushResult second = publisher().push(request(tree, revisions.get(0), "other-cache", false));

    // then
    assertThat(second.outcome()).isEqualTo(PushResult.Outcome.UNCHANGED);
    assertThat(second.commit()).isEqualTo(first.commit());
    assertThat(history(served, "gitops")).hasSize(1);
  }

  @Test
  void filesOutsideThePathAndFilesTheGeneratorDidNotWriteAreKept() throws Exception {
    // given: a branch with a README at the root and a hand-written file in the published folder
    SortedMap<String, byte[]> foreign = new TreeMap<>();
    foreign.put("README.md", bytes("# GitOps branch\n"));
    foreign.put("prod/NOTES.md", bytes("hand-written\n"));
    seedBranch(foreign);
    SortedMap<String, byte[]> v1 = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace", "mlflow"));
    publisher().push(request(v1, revisions.get(0), "cache", false, "prod"));

    // when: mlflow goes away (one deletion, allowed)
    SortedMap<String, byte[]> v2 = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));
    PushRequest allowOne = request(v2, revisions.get(1), "cache", false, "prod");
    PushResult result = publisher().push(new PushRequest(allowOne.target(), allowOne.credentials(), v2, "kth-ki", revisions.get(1),
        AUTHOR, "1.2.3", temp.resolve("cache"), 5, Duration.ofMillis(20), false, 1));

    // then: the stale generated file is gone, everything else stays
    SortedMap<String, byte[]> expected = new TreeMap<>(foreign);
    expected.putAll(under("prod/", v2));
    SortedMap<String, byte[]> actual = files(served, tip(served, "gitops"));
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    assertThat(actual.get("README.md")).isEqualTo(foreign.get("README.md"));
    assertThat(result.diff().platformChanges()).containsExactly("project brain-mets loses mlflow on ki-hospital");
  }

  @Test
  void wrongTokenFailsClearlyWithoutTheTokenAndChangesNothing() throws Exception {
    // given
    SortedMap<String, byte[]> tree = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));
    publisher().push(request(tree, revisions.get(0), "cache", false));
    RevCommit before = tip(served, "gitops");
    SortedMap<String, byte[]> next = TestTrees.tree("ki-hospital", "brain-mets", 2, List.of("workspace"));
    String wrong = "wrong-token-value";

    // when / then
    assertThatThrownBy(() -> publisher().push(request(next, revisions.get(1), "cache", false, "", GitCredentials.token(null, wrong))))
        .isInstanceOf(GitOpsException.class)
        .isNotInstanceOf(PushRefusedException.class)
        .hasMessageContaining("cannot log in to " + server.url())
        .hasMessageContaining("maia.git.tokenEnv")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong, TOKEN));
    assertThat(server.unauthorizedRequests()).isPositive();
    assertThat(tip(served, "gitops")).isEqualTo(before);
  }

  @Test
  void aLostResponseIsRetriedAndTheBranchHoldsOneConsistentCommit() throws Exception {
    // given: the server applies the next push but its answer is lost
    SortedMap<String, byte[]> tree = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));
    server.loseNextPushResponse();

    // when
    PushResult result = publisher().push(request(tree, revisions.get(0), "cache", false));

    // then: the retry finds its own commit on the branch and does not commit again
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.UNCHANGED);
    List<RevCommit> history = history(served, "gitops");
    assertThat(history).hasSize(1);
    assertThat(files(served, history.get(0))).containsOnlyKeys(tree.keySet());
  }

  @Test
  void aServerStoppedBetweenFetchAndPushIsRetriedAfterItComesBack() throws Exception {
    // given: the server stops when the push begins; the backoff waits for it to come back
    SortedMap<String, byte[]> v1 = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));
    publisher().push(request(v1, revisions.get(0), "cache", false));
    server.stopAtNextPush();
    List<Duration> waits = new ArrayList<>();
    Publisher publisher = new Publisher(MaiaLog.silent(), Clock.systemUTC(), wait -> {
      waits.add(wait);
      try {
        server.restartIfStopped();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, new SplittableRandom(7));
    SortedMap<String, byte[]> v2 = TestTrees.tree("ki-hospital", "brain-mets", 2, List.of("workspace"));

    // when
    PushResult result = publisher.push(request(v2, revisions.get(1), "cache", false));

    // then
    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.PUBLISHED);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(waits).hasSize(1);
    List<RevCommit> history = history(served, "gitops");
    assertThat(history).hasSize(2);
    assertThat(files(served, history.get(0)).get("clusters/ki-hospital/projects/brain-mets/resources.yaml"))
        .isEqualTo(v2.get("clusters/ki-hospital/projects/brain-mets/resources.yaml"));
    assertThat(result.diff().platformChanges()).containsExactly("GPU quota of brain-mets on ki-hospital 1 -> 2");
  }

  @Test
  void whenTheBranchMovesBetweenFetchAndPushTheCommitIsRebuiltOnTheNewTip() throws Exception {
    // given: after this push's fetch, someone else commits a README at the root of the branch
    publisher().push(request(TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace")), revisions.get(0), "cache", false));
    server.beforeNextPush(() -> commitDirectly("README.md", "# GitOps\n"));
    SortedMap<String, byte[]> v2 = TestTrees.tree("ki-hospital", "brain-mets", 2, List.of("workspace"));

    // when
    PushResult result = publisher().push(request(v2, revisions.get(1), "cache", false));

    // then: the first attempt was rejected (compare-and-swap), the second built on the new tip
    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.PUBLISHED);
    assertThat(result.attempts()).isEqualTo(2);
    List<RevCommit> history = history(served, "gitops");
    assertThat(history).extracting(RevCommit::getShortMessage)
        .containsExactly("Generate platform kth-ki from commit " + revisions.get(1).commit().substring(0, 12), "Someone else",
            "Generate platform kth-ki from commit " + revisions.get(0).commit().substring(0, 12));
    SortedMap<String, byte[]> expected = new TreeMap<>(v2);
    expected.put("README.md", bytes("# GitOps\n"));
    assertThat(files(served, history.get(0)).keySet()).containsExactlyElementsOf(expected.keySet());
  }

  /** A commit made on the server itself, on top of the branch: what another pusher would leave. */
  private void commitDirectly(String path, String text) {
    try (ObjectInserter inserter = served.newObjectInserter()) {
      RevCommit tip = tip(served, "gitops");
      DirCache index = DirCache.read(served.newObjectReader(), tip.getTree());
      DirCacheEditor editor = index.editor();
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, bytes(text));
      editor.add(new DirCacheEditor.PathEdit(path) {
        @Override
        public void apply(DirCacheEntry entry) {
          entry.setFileMode(FileMode.REGULAR_FILE);
          entry.setObjectId(blob);
        }
      });
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      commit.setParentId(tip);
      commit.setAuthor(AUTHOR);
      commit.setCommitter(AUTHOR);
      commit.setMessage("Someone else\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = served.updateRef("refs/heads/gitops");
      update.setExpectedOldObjectId(tip);
      update.setNewObjectId(id);
      assertThat(update.update()).isEqualTo(RefUpdate.Result.FAST_FORWARD);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anOlderPlatformCommitIsRefusedAndTheNewerOutputStays() throws Exception {
    // given
    publisher().push(request(TestTrees.tree("ki-hospital", "brain-mets", 2, List.of("workspace")), revisions.get(3), "cache", false));
    RevCommit newer = tip(served, "gitops");

    // when / then
    SortedMap<String, byte[]> old = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));
    assertThatThrownBy(() -> publisher().push(request(old, revisions.get(1), "cache", false)))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("already holds the output of platform commit " + revisions.get(3).commit().substring(0, 12))
        .hasMessageContaining("is an ancestor of it");
    assertThat(tip(served, "gitops")).isEqualTo(newer);
  }

  @Test
  void withoutThePlatformRepoTheRecordedTimesDecide() throws Exception {
    // given: the older revision is known only by its commit id and time (no repository)
    publisher().push(request(TestTrees.tree("ki-hospital", "brain-mets", 2, List.of("workspace")), revisions.get(3), "cache", false));
    SourceRevision old = revisions.get(1);
    SourceRevision detached = new SourceRevision(old.repository(), old.commit(), old.time(), null);

    // when / then
    SortedMap<String, byte[]> tree = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));
    assertThatThrownBy(() -> publisher().push(request(tree, detached, "cache", false)))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("is older (2026-11-01T00:02:00Z before 2026-11-01T00:04:00Z)");
  }

  @Test
  void deletionsBeyondTheAllowanceAreRefusedAndListed() throws Exception {
    // given
    publisher().push(request(TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace", "mlflow")), revisions.get(0), "cache", false));
    RevCommit before = tip(served, "gitops");
    SortedMap<String, byte[]> fewer = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));

    // when / then
    assertThatThrownBy(() -> publisher().push(request(fewer, revisions.get(1), "cache", false)))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("would delete 1 Application or namespace, more than maia.allowDeletions=0 allows")
        .hasMessageContaining("Application argocd/brain-mets-mlflow-ki-hospital (argocd/apps/ki-hospital/brain-mets-mlflow.yaml)")
        .hasMessageContaining("-Dmaia.allowDeletions=1");
    assertThat(tip(served, "gitops")).isEqualTo(before);
  }

  @Test
  void aDryRunReportsTheCommitAndPushesNothing() throws Exception {
    // given
    SortedMap<String, byte[]> tree = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));

    // when
    PushResult result = publisher().push(request(tree, revisions.get(0), "cache", true));

    // then
    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.DRY_RUN);
    assertThat(result.message()).contains(Trailers.SOURCE_COMMIT + ": " + revisions.get(0).commit());
    assertThat(result.diff().platformChanges()).contains("cluster ki-hospital added", "project brain-mets gains workspace on ki-hospital");
    assertThat(tip(served, "gitops")).isNull();
  }

  @Test
  void fiveConcurrentPushersLandOrAreRefusedAsOlderAndTheNewestWins() throws Exception {
    // given: five pipelines, one per platform revision, each with its own cache
    ExecutorService pool = Executors.newFixedThreadPool(5);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<PushResult>> futures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int revision = i;
      SortedMap<String, byte[]> tree = TestTrees.tree("ki-hospital", "brain-mets", revision + 1, List.of("workspace"));
      Callable<PushResult> pusher = () -> {
        start.await();
        Publisher publisher = new Publisher(MaiaLog.silent(), Clock.systemUTC(), wait -> Thread.sleep(wait.toMillis()), new SplittableRandom(revision));
        return publisher.push(request(tree, revisions.get(revision), "cache-" + revision, false));
      };
      futures.add(pool.submit(pusher));
    }

    // when
    start.countDown();
    List<String> landed = new ArrayList<>();
    List<Integer> refused = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      try {
        PushResult result = futures.get(i).get(120, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(PushResult.Outcome.PUBLISHED);
        landed.add(result.commit());
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(PushRefusedException.class).hasMessageContaining("is an ancestor of it");
        refused.add(i);
      }
    }
    pool.shutdown();

    // then
    assertThat(landed.size() + refused.size()).isEqualTo(5);
    assertThat(refused).doesNotContain(4);
    List<RevCommit> history = history(served, "gitops");
    assertThat(history).extracting(RevCommit::name).containsExactlyInAnyOrderElementsOf(landed);
    assertThat(history).allSatisfy(c -> assertThat(c.getParentCount()).isLessThanOrEqualTo(1));
    List<Integer> published = new ArrayList<>();
    for (RevCommit commit : history) {
      published.add(0, indexOf(Trailers.read(commit).get(Trailers.SOURCE_COMMIT)));
    }
    assertThat(published).isSorted().doesNotHaveDuplicates().endsWith(4);
    assertThat(files(served, history.get(0)).get("clusters/ki-hospital/projects/brain-mets/resources.yaml"))
        .isEqualTo(TestTrees.tree("ki-hospital", "brain-mets", 5, List.of("workspace"))
            .get("clusters/ki-hospital/projects/brain-mets/resources.yaml"));
  }

  private int indexOf(String commit) {
    for (int i = 0; i < revisions.size(); i++) {
      if (revisions.get(i).commit().equals(commit)) {
        return i;
      }
    }
    throw new AssertionError("not a platform commit: " + commit);
  }

  private void seedBranch(SortedMap<String, byte[]> files) throws Exception {
    Path work = temp.resolve("seed");
    try (Git git = Git.cloneRepository().setURI(served.getDirectory().toURI().toString()).setDirectory(work.toFile()).call()) {
      for (var file : files.entrySet()) {
        Path target = work.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Seed").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/gitops")).call();
    }
  }

  private Publisher publisher() {
    return new Publisher(MaiaLog.silent(), Clock.systemUTC(), wait -> {}, new SplittableRandom(1));
  }

  private PushRequest request(SortedMap<String, byte[]> files, SourceRevision source, String cache, boolean dryRun) {
    return request(files, source, cache, dryRun, "");
  }

  private PushRequest request(SortedMap<String, byte[]> files, SourceRevision source, String cache, boolean dryRun, String path) {
    return request(files, source, cache, dryRun, path, GitCredentials.token(null, TOKEN));
  }

  private PushRequest request(
      SortedMap<String, byte[]> files, SourceRevision source, String cache, boolean dryRun, String path, GitCredentials credentials) {
    return new PushRequest(new GitOpsTarget(server.url(), "gitops", path), credentials, files, "kth-ki", source, AUTHOR, "1.2.3",
        temp.resolve(cache), 5, Duration.ofMillis(20), dryRun, 0);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
