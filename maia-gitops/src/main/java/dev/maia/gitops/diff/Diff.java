package dev.maia.gitops.diff;

import java.util.List;

/**
 * The difference between the GitOps branch and the generated tree, in three layers: the platform
 * change in words, the manifests that change, and what would be deleted on each cluster.
 */
public record Diff(List<ResourceChange> changes, List<String> platformChanges, BlastRadius blastRadius) {

  public Diff {
    changes = List.copyOf(changes);
    platformChanges = List.copyOf(platformChanges);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public long count(ResourceChange.Type type) {
    return changes.stream().filter(c -> c.type() == type).count();
  }

  /** {@code 3 added, 1 changed, 0 removed}. */
  public String summary() {
    return count(ResourceChange.Type.ADDED)
        + " added, "
        + count(ResourceChange.Type.CHANGED)
        + " changed, "
        + count(ResourceChange.Type.REMOVED)
        + " removed";
  }

  /** The Applications and namespaces this change deletes: what the deletion guard counts. */
  public List<ResourceKey> deletions() {
    return blastRadius.guarded();
  }
}
