package dev.maia.core;

import dev.maia.core.model.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a generate run did.
 *
 * @param resourcesPerCluster cluster name to the number of Kubernetes resources generated for it
 * @param written files whose bytes changed (created or replaced), relative to the output folder
 * @param unchanged number of generated files left as they were
 * @param removed stale generated files deleted
 * @param platform the platform that was generated (where it is published: {@code gitops()})
 * @param nextChange the first instant after the run's {@code now} at which the same platform gives
 *     another tree (a GPU booking is announced, starts or ends); empty when it never will. A
 *     scheduled job runs again at or after it; {@code maia-index.json} records it too.
 * @param lockChanges the ports allocated, moved or released in the lock file, in slot order; empty
 *     when the lock was already right (then the lock file was not written)
 */
public record GenerateResult(
    Map<String, Integer> resourcesPerCluster,
    List<String> written,
    int unchanged,
    List<String> removed,
    Platform platform,
    Optional<Instant> nextChange,
    List<String> lockChanges) {

  public GenerateResult {
    resourcesPerCluster = Map.copyOf(resourcesPerCluster);
    written = List.copyOf(written);
    removed = List.copyOf(removed);
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(nextChange, "nextChange");
    lockChanges = List.copyOf(lockChanges);
  }
}
