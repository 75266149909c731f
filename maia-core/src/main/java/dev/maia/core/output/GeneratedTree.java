package dev.maia.core.output;

import java.util.List;

/**
 * What a committed write changed, with paths relative to the output folder ({@code /} separators).
 *
 * @param written files created or replaced because their bytes changed
 * @param unchanged number of generated files whose bytes were already right
 * @param removed stale generated files deleted
 */
public record GeneratedTree(List<String> written, int unchanged, List<String> removed) {

  public GeneratedTree {
    written = List.copyOf(written);
    removed = List.copyOf(removed);
  }
}
