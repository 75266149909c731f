package dev.maia.gitops;

import dev.maia.gitops.diff.Diff;

/**
 * The generated tree compared with the GitOps branch.
 *
 * @param against what was compared with, for messages: {@code branch gitops at 1a2b3c4d5e6f}
 * @param tip the branch tip compared with, or null when the branch does not exist yet
 */
public record DiffResult(String against, String tip, Diff diff) {}
