package dev.maia.core.verify;

import dev.maia.core.verify.chart.GitFolders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code maia:verify} gets and renders charts.
 *
 * @param chartCache the folder charts are pulled into, shared by every build of the machine
 * @param workDirectory where the Helm worker runs and earlier reports are kept ({@code
 *     target/maia/verify})
 * @param offline when true, no chart is downloaded: every chart must be in the cache
 * @param lockFrozen when true, a chart digest missing from {@code maia.lock} (or recorded for a
 *     chart no Application uses) is an error instead of an update of the lock (for CI)
 * @param threads how many renders run at once
 * @param timeout how long one request to a chart repository may take
 * @param git reads the charts kept in Git repositories (a core component's, such as the local-path
 *     provisioner); {@link GitFolders#NONE} where the caller has no Git
 */
public record VerifyOptions(Path chartCache, Path workDirectory, boolean offline, boolean lockFrozen, int threads, Duration timeout,
    GitFolders git) {

  /** Options without Git: a chart kept in a Git repository cannot be had. */
  public VerifyOptions(Path chartCache, Path workDirectory, boolean offline, boolean lockFrozen, int threads, Duration timeout) {
    this(chartCache, workDirectory, offline, lockFrozen, threads, timeout, GitFolders.NONE);
  }

  public VerifyOptions {
    Objects.requireNonNull(git, "git");
    Objects.requireNonNull(chartCache, "chartCache");
    Objects.requireNonNull(workDirectory, "workDirectory");
    Objects.requireNonNull(timeout, "timeout");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
  }
}
