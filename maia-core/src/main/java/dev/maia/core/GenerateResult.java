package dev.maia.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a generate run did.
 *
 * @param resourcesPerCluster cluster name to the number of Kubernetes resources generated for it
 * @param written files whose bytes changed (created or replaced), relative to the output folder
 * @param unchanged number of generated files left as they were
 * @param removed stale generated files deleted
 * @param nextChange the first instant after the run's {@code now} at which the same platform gives
 *     another tree (a GPU booking is announced, starts or ends); empty when it never will. A
 *     scheduled job runs again at or after it; {@code maia-index.json} records it too.
 */
public record GenerateResult(
    Map<String, Integer> resourcesPerCluster,
    List<String> written,
    int unchanged,
    List<String> removed,
    Optional<Instant> nextChange) {

  public GenerateResult {
    resourcesPerCluster = Map.copyOf(resourcesPerCluster);
    written = List.copyOf(written);
    removed = List.copyOf(removed);
    java.util.Objects.requireNonNull(nextChange, "nextChange");
  }

  /** A result whose output never changes with time. */
  public GenerateResult(Map<String, Integer> resourcesPerCluster, List<String> written, int unchanged, List<String> removed) {
    this(resourcesPerCluster, written, unchanged, removed, Optional.empty());
  }
}
