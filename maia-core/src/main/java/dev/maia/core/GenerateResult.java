package dev.maia.core;

import dev.maia.core.model.Platform;
import java.util.List;
import java.util.Map;

/**
 * What a generate run did.
 *
 * @param resourcesPerCluster cluster name to the number of Kubernetes resources generated for it
 * @param written files whose bytes changed (created or replaced), relative to the output folder
 * @param unchanged number of generated files left as they were
 * @param removed stale generated files deleted
 * @param platform the platform that was generated (where it is published: {@code gitops()})
 */
public record GenerateResult(
    Map<String, Integer> resourcesPerCluster,
    List<String> written,
    int unchanged,
    List<String> removed,
    Platform platform) {

  public GenerateResult {
    resourcesPerCluster = Map.copyOf(resourcesPerCluster);
    written = List.copyOf(written);
    removed = List.copyOf(removed);
  }
}
