package dev.maia.gitops.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two versions of the tree (file path to bytes) manifest by manifest. Files whose bytes
 * are equal are not parsed at all.
 */
public final class TreeDiff {

  private TreeDiff() {}

  /** What changes when {@code after} replaces {@code before}. */
  public static Diff compare(Map<String, byte[]> before, Map<String, byte[]> after) {
    List<ResourceChange> changes = new ArrayList<>();
    for (String file : new TreeSet<>(union(before, after))) {
      byte[] old = before.get(file);
      byte[] now = after.get(file);
      if (old != null && now != null && Arrays.equals(old, now)) {
        continue;
      }
      SortedMap<ResourceKey, Resource> was = index(old == null ? List.of() : Manifests.parse(file, old));
      SortedMap<ResourceKey, Resource> is = index(now == null ? List.of() : Manifests.parse(file, now));
      for (ResourceKey key : union(was, is)) {
        Resource a = was.get(key);
        Resource b = is.get(key);
        if (a == null) {
          changes.add(new ResourceChange(key, ResourceChange.Type.ADDED, null, b, ""));
        } else if (b == null) {
          changes.add(new ResourceChange(key, ResourceChange.Type.REMOVED, a, null, ""));
        } else if (!a.text().equals(b.text())) {
          String label = key.isFile() ? file : file + " (" + key.describe() + ")";
          changes.add(new ResourceChange(key, ResourceChange.Type.CHANGED, a, b, UnifiedDiff.of(label, a.text(), b.text())));
        }
      }
    }
    changes.sort((x, y) -> x.key().compareTo(y.key()));
    return new Diff(changes, PlatformChanges.describe(changes), BlastRadius.of(changes));
  }

  private static SortedMap<ResourceKey, Resource> index(List<Resource> resources) {
    SortedMap<ResourceKey, Resource> byKey = new TreeMap<>();
    resources.forEach(r -> byKey.put(r.key(), r));
    return byKey;
  }

  private static <K> TreeSet<K> union(Map<K, ?> a, Map<K, ?> b) {
    TreeSet<K> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }
}
