package dev.maia.gitops.git;

import dev.maia.core.MaiaLog;
import dev.maia.gitops.GitOpsException;
import dev.maia.gitops.GitOpsTarget;
import dev.maia.gitops.PushRefusedException;
import dev.maia.gitops.PushRequest;
import dev.maia.gitops.PushResult;
import dev.maia.gitops.diff.Diff;
import dev.maia.gitops.diff.ResourceKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * Commits a generated tree onto the GitOps branch and pushes it, never by force. Each attempt
 * fetches the branch, builds a commit on its current tip (the files the generator owns under the
 * published folder are replaced; everything else on the branch is kept) and pushes it with the tip
 * as the expected old value, so the push lands only if nobody moved the branch in between
 * (compare-and-swap). A rejected or failed attempt is retried after a jittered exponential backoff,
 * up to a bounded number of times. An attempt that would publish an older platform commit than the
 * one on the branch (the newest commit that records one, whatever was committed on top of it), or
 * delete too much, is refused.
 */
public final class Publisher {

  /** Waits between attempts; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final MaiaLog log;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  public Publisher(MaiaLog log, Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.log = log;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** A publisher on the system clock that really sleeps. */
  public static Publisher standard(MaiaLog log) {
    return new Publisher(log, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()), new SplittableRandom());
  }

  /**
   * Publishes {@code request.files()}.
   *
   * @throws PushRefusedException when the push must not happen (nothing was pushed)
   * @throws GitOpsException when the repository cannot be reached or the attempts ran out
   */
  public PushResult push(PushRequest request) {
    GitOpsTarget target = request.target();
    try (Repository cache = RemoteBranch.openCache(request.cacheDirectory(), target.repository());
        GitSession session = new GitSession(remote(target), request.credentials())) {
      int attempts = request.retries() + 1;
      for (int attempt = 1; ; attempt++) {
        String failure;
        try {
          Optional<PushResult> done = attempt(cache, session, request, attempt);
          if (done.isPresent()) {
            return done.get();
          }
          failure = "the branch moved while pushing";
        } catch (NoRemoteRepositoryException e) {
          throw new GitOpsException(mask(request, "there is no Git repository at " + session.describe() + ": " + e.getMessage()), null);
        } catch (TransportException e) {
          Optional<String> permanent = permanentFailure(e, session, request);
          if (permanent.isPresent()) {
            throw new GitOpsException(mask(request, permanent.get()), null);
          }
          failure = mask(request, e.getMessage());
        }
        if (attempt >= attempts) {
          throw new GitOpsException("gave up pushing to " + session.describe() + " after " + attempt + " attempts: " + failure
              + " (maia.push.retries=" + request.retries() + ")");
        }
        Duration wait = backoff(request.backoff(), attempt);
        log.info("Push attempt " + attempt + " of " + attempts + " did not land (" + failure + "); trying again in " + wait.toMillis() + " ms.");
        sleeper.sleep(wait);
      }
    } catch (IOException e) {
      throw new GitOpsException(mask(request, "cannot publish to " + target.repository() + ": " + e.getMessage()), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitOpsException("interrupted while waiting to push again");
    }
  }

  /** The result, or empty when the push was rejected because the branch moved. */
  private Optional<PushResult> attempt(Repository cache, GitSession session, PushRequest request, int attempt) throws IOException {
    GitOpsTarget target = request.target();
    ObjectId tipId = RemoteBranch.fetch(cache, session, target);
    BranchSnapshot branch = BranchSnapshot.read(cache, tipId, target.prefix());
    if (branch.tip().isPresent()) {
      Optional<String> older = Freshness.olderThanPublished(request.source(), Trailers.lastPublished(cache, branch.tip().get()));
      if (older.isPresent()) {
        throw new PushRefusedException("Not pushing to " + target.describe() + ": " + older.get()
            + ". The newer output stays; push from the newer platform commit instead.");
      }
    }
    Diff diff = branch.compare(request.files());
    checkDeletions(diff, request.allowDeletions(), "push");
    try (ObjectInserter inserter = cache.newObjectInserter()) {
      ObjectId tree = TreeAssembler.assemble(cache, inserter, branch, request.files());
      Optional<RevCommit> tip = branch.tip();
      if (tip.isPresent() && tip.get().getTree().equals(tree)) {
        return Optional.of(new PushResult(PushResult.Outcome.UNCHANGED, tip.get().name(), diff, attempt, tip.get().getFullMessage()));
      }
      String message = Trailers.message(request.platform(), target, request.source(), request.version(), diff.summary() + " resources");
      if (request.dryRun()) {
        return Optional.of(new PushResult(PushResult.Outcome.DRY_RUN, tipId == null ? null : tipId.name(), diff, attempt, message));
      }
      PersonIdent who = new PersonIdent(request.author(), clock.instant(), ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      tip.ifPresent(commit::setParentId);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId commitId = inserter.insert(commit);
      inserter.flush();
      return send(cache, session, target, tipId, commitId).map(id -> new PushResult(PushResult.Outcome.PUBLISHED, id, diff, attempt, message));
    }
  }

  /** Pushes {@code commit} if the branch is still at {@code expected}; the commit id, or empty when rejected. */
  private Optional<String> send(Repository cache, GitSession session, GitOpsTarget target, ObjectId expected, ObjectId commit) throws IOException {
    RemoteRefUpdate update =
        new RemoteRefUpdate(cache, commit.name(), target.ref(), false, null, expected == null ? ObjectId.zeroId() : expected);
    try (Transport transport = session.open(cache)) {
      RemoteRefUpdate result = transport.push(NullProgressMonitor.INSTANCE, List.of(update)).getRemoteUpdate(target.ref());
      switch (result.getStatus()) {
        case OK, UP_TO_DATE -> {
          RefUpdate tracking = cache.updateRef(RemoteBranch.trackingRef(target.branch()));
          tracking.setNewObjectId(commit);
          tracking.setForceUpdate(true);
          tracking.update();
          return Optional.of(commit.name());
        }
        case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED, REJECTED_OTHER_REASON -> {
          log.debug("Push rejected: " + result.getStatus() + (result.getMessage() == null ? "" : " (" + result.getMessage() + ")"));
          return Optional.empty();
        }
        default -> throw new GitOpsException("the push of " + target.ref() + " ended as " + result.getStatus()
            + (result.getMessage() == null ? "" : ": " + result.getMessage()));
      }
    }
  }

  /**
   * Fails when {@code diff} deletes more Applications and namespaces than {@code allowed}.
   *
   * @throws PushRefusedException listing every deletion
   */
  public static void checkDeletions(Diff diff, int allowed, String goal) {
    List<ResourceKey> deletions = diff.deletions();
    if (deletions.size() > allowed) {
      throw new PushRefusedException(DeletionMessage.of(deletions, allowed, goal));
    }
  }

  /** The wait before attempt {@code attempt + 1}: the base doubled per attempt, capped, the upper half jittered. */
  Duration backoff(Duration base, int attempt) {
    long full = Math.min(MAX_BACKOFF.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    long half = full / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }

  /** A failure that trying again cannot cure (a login or a host key), as a message that says what to fix. */
  static Optional<String> permanentFailure(TransportException e, GitSession session, PushRequest request) {
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (text.contains("server key did not validate") || text.contains("host key")) {
      return Optional.of("the SSH host key of " + session.describe() + " is not trusted: " + e.getMessage()
          + "; add it to the known_hosts file (maia.git.knownHosts), or set maia.git.strictHostKeyChecking=false");
    }
    if (text.contains("not authorized") || text.contains("authentication") || text.contains("auth fail")
        || text.contains("no credentialsprovider") || text.contains("cannot log in")) {
      return Optional.of("cannot log in to " + session.describe() + " with " + request.credentials() + ": " + e.getMessage()
          + "; check maia.git.tokenEnv (or maia.git.sshKey) and the token's rights");
    }
    return Optional.empty();
  }

  private static String remote(GitOpsTarget target) {
    return target.localRepository().map(path -> path.toAbsolutePath().normalize().toString()).orElse(target.repository());
  }

  private static String mask(PushRequest request, String text) {
    return request.credentials().mask(text);
  }
}
