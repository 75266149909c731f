package dev.maia.gitops.diff;

import java.util.Locale;

/**
 * One manifest that differs between the branch and the generated tree.
 *
 * @param before the manifest on the branch, null when added
 * @param after the generated manifest, null when removed
 * @param unifiedDiff for a changed manifest, its unified diff (hunks only); empty otherwise
 */
public record ResourceChange(ResourceKey key, Type type, Resource before, Resource after, String unifiedDiff) {

  /** What happened to the manifest. */
  public enum Type {
    ADDED,
    CHANGED,
    REMOVED;

    /** {@code added}, {@code changed}, {@code removed}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The generated version when there is one, else the version on the branch. */
  public Resource current() {
    return after != null ? after : before;
  }
}
