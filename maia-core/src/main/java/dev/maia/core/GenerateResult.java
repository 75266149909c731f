package dev.maia.core;

import java.util.List;
import java.util.Map;

/**
 * What a generate run did.
 *
 * @param resourcesPerCluster cluster name to the number of Kubernetes resources generated for it
 * @param written files whose bytes changed (created or replaced), relative to the output folder
 * @param unchanged number of generated files left as they were
 * @param removed stale generated files deleted
 * @param lockChanges the ports allocated, moved or released in the lock file, in slot order; empty
 *     when the lock was already right (then the lock file was not written)
 */
public record GenerateResult(
    Map<String, Integer> resourcesPerCluster,
    List<String> written,
    int unchanged,
    List<String> removed,
    List<String> lockChanges) {

  public GenerateResult {
    resourcesPerCluster = Map.copyOf(resourcesPerCluster);
    written = List.copyOf(written);
    removed = List.copyOf(removed);
    lockChanges = List.copyOf(lockChanges);
  }

  /** A result without lock changes. */
  public GenerateResult(Map<String, Integer> resourcesPerCluster, List<String> written, int unchanged, List<String> removed) {
    this(resourcesPerCluster, written, unchanged, removed, List.of());
  }
}
