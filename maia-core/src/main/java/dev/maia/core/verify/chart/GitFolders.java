package dev.maia.core.verify.chart;

import dev.maia.core.model.ChartRef;
import dev.maia.core.verify.chart.ChartUnavailableException.Reason;
import java.util.SortedMap;

/**
 * Reads a folder of a Git repository at a tag: the chart of a Git chart reference ({@link
 * ChartRef#git()}), as ArgoCD's repo server checks it out. The core knows no Git; the GitOps module
 * implements this with JGit.
 */
public interface GitFolders {

  /** Without Git: every Git chart is unavailable. */
  GitFolders NONE = (ref, maxBytes) -> {
    throw new ChartUnavailableException(ref, Reason.UNREACHABLE, "this run has no Git client to fetch " + ref.describe());
  };

  /**
   * The files of folder {@code ref.chart()} at tag {@code ref.version()} of {@code ref.repoURL()},
   * by their path in the folder.
   *
   * @throws ChartUnavailableException when the repository, the tag or the folder cannot be had, the
   *     folder holds a link or a submodule (what it points to is not pinned by the tag), or its files
   *     are more than {@code maxBytes}
   */
  SortedMap<String, byte[]> files(ChartRef ref, long maxBytes);
}
