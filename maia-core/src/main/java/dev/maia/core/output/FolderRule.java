package dev.maia.core.output;

import java.util.List;

/**
 * A rule that judges a project namespace folder with everything it includes, once every file of
 * the tree is known. Implementations are stateless and thread-safe.
 */
interface FolderRule {

  /** Adds a finding to {@code findings} for every violation in {@code folder}. */
  void check(NamespaceFolders.Folder folder, List<Finding> findings);
}
