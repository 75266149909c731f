package dev.maia.gitops.diff;

import java.util.Comparator;

/**
 * Identifies one manifest of the tree: the file it is in, its kind, namespace and name. A file
 * that is not a Kubernetes manifest (the index, a file that does not parse) has an empty kind.
 */
public record ResourceKey(String file, String kind, String namespace, String name) implements Comparable<ResourceKey> {

  private static final Comparator<ResourceKey> ORDER =
      Comparator.comparing(ResourceKey::file)
          .thenComparing(ResourceKey::kind)
          .thenComparing(ResourceKey::namespace)
          .thenComparing(ResourceKey::name);

  /** Whether this is a whole file rather than a Kubernetes resource. */
  public boolean isFile() {
    return kind.isEmpty();
  }

  /** {@code Application argocd/brain-mets-workspace-ki-hospital}, or the file name for a plain file. */
  public String describe() {
    if (isFile()) {
      return file;
    }
    String id = namespace.isEmpty() ? name : namespace + "/" + name;
    return id.isEmpty() ? kind : kind + " " + id;
  }

  @Override
  public int compareTo(ResourceKey other) {
    return ORDER.compare(this, other);
  }
}
