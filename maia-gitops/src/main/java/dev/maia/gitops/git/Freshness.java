package dev.maia.gitops.git;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Decides whether a push would replace the output of a newer platform commit with that of an
 * older one (two pipelines finishing out of order). By ancestry in the platform repo when both
 * commits are there; otherwise by the commit times the trailers record.
 */
final class Freshness {

  private Freshness() {}

  /**
   * Why {@code ours} is older than the platform commit the branch publishes ({@link
   * Trailers#lastPublished}), or empty when it may be published.
   * The same commit may always be published again (a scheduled run with another {@code maia.now}).
   */
  static Optional<String> olderThanPublished(SourceRevision ours, Map<String, String> published) throws IOException {
    String theirs = published.get(Trailers.SOURCE_COMMIT);
    if (theirs == null || ours.commit() == null || theirs.equals(ours.commit())) {
      return Optional.empty();
    }
    if (ours.gitDir() != null) {
      Optional<Boolean> older = olderByAncestry(ours, theirs);
      if (older.isPresent()) {
        return older.get() ? Optional.of(describe(ours, theirs) + " is an ancestor of it") : Optional.empty();
      }
    }
    Instant theirTime = Trailers.time(published);
    if (ours.time() != null && theirTime != null && ours.time().isBefore(theirTime)) {
      return Optional.of(describe(ours, theirs) + " is older (" + ours.time() + " before " + theirTime + ")");
    }
    return Optional.empty();
  }

  private static String describe(SourceRevision ours, String theirs) {
    return "the branch already holds the output of platform commit "
        + abbreviate(theirs)
        + ", and commit "
        + ours.shortCommit();
  }

  private static String abbreviate(String commit) {
    return commit.substring(0, Math.min(12, commit.length()));
  }

  /** True: ours is an ancestor of theirs; false: it is not; empty: the repo cannot tell (diverged or missing). */
  private static Optional<Boolean> olderByAncestry(SourceRevision ours, String theirs) throws IOException {
    try (Repository repository = new FileRepositoryBuilder().setGitDir(ours.gitDir().toFile()).setMustExist(true).build();
        RevWalk walk = new RevWalk(repository)) {
      RevCommit mine = walk.parseCommit(ObjectId.fromString(ours.commit()));
      RevCommit published = walk.parseCommit(ObjectId.fromString(theirs));
      if (walk.isMergedInto(mine, published)) {
        return Optional.of(true);
      }
      walk.reset();
      if (walk.isMergedInto(published, mine)) {
        return Optional.of(false);
      }
      return Optional.empty();
    } catch (MissingObjectException | IllegalArgumentException e) {
      return Optional.empty(); // a shallow clone, or not a full id: fall back to the times
    }
  }
}
