package dev.maia.gitops;

import dev.maia.gitops.diff.Diff;

/**
 * What a push did.
 *
 * @param outcome whether a commit landed, the branch already had the tree, or nothing was tried
 * @param commit the branch tip afterwards (the new commit when published), or null when missing
 * @param diff what the commit changes (empty when unchanged)
 * @param attempts how many attempts it took
 * @param message the commit message (of the commit made, or that would be made on a dry run)
 */
public record PushResult(Outcome outcome, String commit, Diff diff, int attempts, String message) {

  /** How a push ended. */
  public enum Outcome {
    PUBLISHED,
    UNCHANGED,
    DRY_RUN
  }
}
