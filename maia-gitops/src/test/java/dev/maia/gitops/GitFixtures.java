package dev.maia.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.gitops.git.SourceRevision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Repositories for tests: a bare server repository, a platform repo with a chain of commits, checks. */
final class GitFixtures {

  static final PersonIdent AUTHOR = new PersonIdent("CI Bot", "ci@example.org");

  private GitFixtures() {}

  static Repository bare(Path folder) throws Exception {
    Git.init().setBare(true).setDirectory(folder.toFile()).call().close();
    return new FileRepositoryBuilder().setGitDir(folder.toFile()).setBare().build();
  }

  /** A platform repo whose main branch is a chain of {@code count} commits, oldest first, a minute apart. */
  static List<SourceRevision> platformChain(Path folder, int count) throws Exception {
    List<SourceRevision> revisions = new ArrayList<>();
    try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
      for (int i = 1; i <= count; i++) {
        Files.writeString(folder.resolve("platform.yaml"), "revision: " + i + "\n", StandardCharsets.UTF_8);
        git.add().addFilepattern("platform.yaml").call();
        PersonIdent when = new PersonIdent(AUTHOR, Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofMinutes(i)), ZoneOffset.UTC);
        RevCommit commit = git.commit().setMessage("revision " + i).setAuthor(when).setCommitter(when).call();
        revisions.add(new SourceRevision("https://git.example.org/platform.git", commit.name(),
            when.getWhenAsInstant(), git.getRepository().getDirectory().toPath()));
      }
    }
    return revisions;
  }

  static RevCommit tip(Repository repository, String branch) throws IOException {
    Ref ref = repository.exactRef("refs/heads/" + branch);
    if (ref == null) {
      return null;
    }
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(ref.getObjectId());
    }
  }

  /** Every commit reachable from the branch, newest first, following first parents. */
  static List<RevCommit> history(Repository repository, String branch) throws IOException {
    List<RevCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      Ref ref = repository.exactRef("refs/heads/" + branch);
      RevCommit current = ref == null ? null : walk.parseCommit(ref.getObjectId());
      while (current != null) {
        commits.add(current);
        current = current.getParentCount() == 0 ? null : walk.parseCommit(current.getParent(0));
      }
    }
    return commits;
  }

  /** The files of a commit's tree, path to bytes. */
  static SortedMap<String, byte[]> files(Repository repository, RevCommit commit) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        ObjectLoader loader = repository.open(walk.getObjectId(0));
        files.put(walk.getPathString(), loader.getBytes());
      }
    }
    return files;
  }

  /** {@code prefix + path} for every file. */
  static SortedMap<String, byte[]> under(String prefix, SortedMap<String, byte[]> files) {
    SortedMap<String, byte[]> moved = new TreeMap<>();
    files.forEach((path, bytes) -> moved.put(prefix + path, bytes));
    return moved;
  }

  /** Runs {@code git fsck --strict} (the real Git) on a repository and expects no problem. */
  static void fsck(Path gitDir) throws Exception {
    Process process = new ProcessBuilder("git", "--git-dir=" + gitDir, "fsck", "--strict", "--no-progress")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("git fsck: %s", output).isZero();
    assertThat(output).doesNotContain("error", "missing", "broken");
  }

  static ObjectId id(String name) {
    return ObjectId.fromString(name);
  }
}
