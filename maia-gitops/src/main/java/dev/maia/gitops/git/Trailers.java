package dev.maia.gitops.git;

import dev.maia.gitops.GitOpsTarget;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The commit message of a published tree. Its trailers say where the tree came from, so that the
 * next push (and a person reading {@code git log}) can tell which platform commit is published.
 */
public final class Trailers {

  public static final String SOURCE_REPO = "Maia-Source-Repo";
  public static final String SOURCE_COMMIT = "Maia-Source-Commit";
  public static final String SOURCE_TIME = "Maia-Source-Time";
  public static final String VERSION = "Maia-Version";

  private Trailers() {}

  /** {@code Generate platform P from commit C} with the trailers of {@code source} and the version. */
  public static String message(String platform, GitOpsTarget target, SourceRevision source, String version, String summary) {
    StringBuilder text = new StringBuilder();
    text.append("Generate platform ").append(platform).append(" from commit ").append(source.shortCommit()).append('\n');
    text.append('\n').append(summary).append(" under ").append(target.path().isEmpty() ? "the branch root" : target.path() + "/").append(".\n");
    text.append('\n');
    if (source.repository() != null) {
      text.append(SOURCE_REPO).append(": ").append(source.repository()).append('\n');
    }
    if (source.commit() != null) {
      text.append(SOURCE_COMMIT).append(": ").append(source.commit()).append('\n');
    }
    if (source.time() != null) {
      text.append(SOURCE_TIME).append(": ").append(source.time()).append('\n');
    }
    text.append(VERSION).append(": ").append(version).append('\n');
    return text.toString();
  }

  /** The maia trailers of {@code commit}, by key (the last one wins). */
  public static Map<String, String> read(RevCommit commit) {
    Map<String, String> trailers = new LinkedHashMap<>();
    for (FooterLine line : commit.getFooterLines()) {
      if (line.getKey().startsWith("Maia-")) {
        trailers.put(line.getKey(), line.getValue().strip());
      }
    }
    return trailers;
  }

  /**
   * The maia trailers of the newest commit that records a platform commit ({@value #SOURCE_COMMIT}),
   * walking first parents from {@code tip}: what lies on top of it and is not ours (a README edited
   * on the branch, a merge, a revert) is passed over, so it cannot hide which platform commit the
   * branch publishes. Empty when no commit on that line records one.
   */
  static Map<String, String> lastPublished(Repository repository, RevCommit tip) throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(tip);
      while (true) {
        Map<String, String> trailers = read(commit);
        if (trailers.containsKey(SOURCE_COMMIT)) {
          return trailers;
        }
        if (commit.getParentCount() == 0) {
          return Map.of();
        }
        commit = walk.parseCommit(commit.getParent(0));
      }
    }
  }

  /** The source time a trailer records, or null when it is missing or unreadable. */
  static Instant time(Map<String, String> trailers) {
    String value = trailers.get(SOURCE_TIME);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
