package dev.maia.gitops.diff;

import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.verify.ChartApplication;
import dev.maia.core.verify.helm.RenderedObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a change does to the objects the charts make: for every chart Application that the change
 * adds, changes or removes, the Kubernetes objects its chart renders before (on the GitOps branch)
 * and after, compared object by object, with a unified diff of each changed one. The blast radius
 * counts, per cluster, what is created, changed and deleted, and names the deletions that lose
 * data (volume claims and stateful sets).
 */
public record RenderedDiff(List<ApplicationChange> applications) {

  /** Kinds whose deletion deletes data. */
  static final Set<String> DATA_KINDS = Set.of("PersistentVolumeClaim", "StatefulSet", "PersistentVolume");

  public RenderedDiff {
    applications = List.copyOf(applications);
  }

  /** One object a chart makes that differs. */
  public record ObjectChange(String object, ResourceChange.Type type, String unifiedDiff) {}

  /**
   * The objects of one Application that differ.
   *
   * @param note why a side could not be rendered (it is then compared as empty), or empty
   */
  public record ApplicationChange(String application, String cluster, List<ObjectChange> changes, String note) {

    public ApplicationChange {
      changes = List.copyOf(changes);
    }

    public long count(ResourceChange.Type type) {
      return changes.stream().filter(c -> c.type() == type).count();
    }
  }

  /**
   * The rendered diff of the chart Applications among {@code changes}.
   *
   * @param before what each Application's chart renders on the branch, by Application name
   *     (missing: not rendered, with the reason in {@code notRendered})
   * @param after what each Application's chart renders in the generated tree, by name
   */
  public static RenderedDiff of(
      List<ResourceChange> changes,
      Map<String, List<RenderedObject>> before,
      Map<String, List<RenderedObject>> after,
      Map<String, String> notRendered) {
    List<ApplicationChange> result = new ArrayList<>();
    for (ResourceChange change : changes) {
      Optional<ChartApplication> app = chartApplication(change);
      if (app.isEmpty()) {
        continue;
      }
      String name = app.get().name();
      List<RenderedObject> was = change.before() == null ? List.of() : before.getOrDefault(name, List.of());
      List<RenderedObject> is = change.after() == null ? List.of() : after.getOrDefault(name, List.of());
      List<ObjectChange> objects = compare(name, was, is);
      String note = notRendered.getOrDefault(name, "");
      if (!objects.isEmpty() || !note.isEmpty()) {
        result.add(new ApplicationChange(name, app.get().cluster(), objects, note));
      }
    }
    return new RenderedDiff(result);
  }

  /** The chart Application a manifest change is about, if it is one. */
  public static Optional<ChartApplication> chartApplication(ResourceChange change) {
    return chartApplication(change.key(), change.current());
  }

  /** The chart Application one side of a manifest change is, if it is one (empty for a side that is absent). */
  public static Optional<ChartApplication> chartApplication(ResourceKey key, Resource resource) {
    if (resource == null || !"Application".equals(key.kind()) || resource.document() == null) {
      return Optional.empty();
    }
    return ChartApplication.of(key.file(), resource.document());
  }

  private static List<ObjectChange> compare(String application, List<RenderedObject> before, List<RenderedObject> after) {
    Map<String, String> was = texts(before);
    Map<String, String> is = texts(after);
    Set<String> keys = new TreeSet<>(was.keySet());
    keys.addAll(is.keySet());
    List<ObjectChange> changes = new ArrayList<>();
    for (String key : keys) {
      String a = was.get(key);
      String b = is.get(key);
      if (a == null) {
        changes.add(new ObjectChange(key, ResourceChange.Type.ADDED, ""));
      } else if (b == null) {
        changes.add(new ObjectChange(key, ResourceChange.Type.REMOVED, ""));
      } else if (!a.equals(b)) {
        changes.add(new ObjectChange(key, ResourceChange.Type.CHANGED, UnifiedDiff.of(application + ": " + key, a, b)));
      }
    }
    return changes;
  }

  /** {@code Kind/name} (plus namespace and hook mark) to the object in canonical YAML. */
  private static Map<String, String> texts(List<RenderedObject> objects) {
    Map<String, String> result = new LinkedHashMap<>();
    for (RenderedObject object : objects) {
      String key = object.kind() + "/" + object.name() + (object.namespace().isEmpty() ? "" : " in " + object.namespace())
          + (object.hook() ? " (hook)" : "");
      String text = new String(CanonicalYaml.write(object.object()), StandardCharsets.UTF_8);
      result.putIfAbsent(key, text.startsWith(CanonicalYaml.HEADER) ? text.substring(CanonicalYaml.HEADER.length()) : text);
    }
    return result;
  }

  public boolean isEmpty() {
    return applications.isEmpty();
  }

  public long count(ResourceChange.Type type) {
    return applications.stream().mapToLong(a -> a.count(type)).sum();
  }

  /** {@code 3 objects added, 1 changed, 0 removed in 2 Applications}. */
  public String summary() {
    long added = count(ResourceChange.Type.ADDED);
    return added + (added == 1 ? " object" : " objects") + " added, " + count(ResourceChange.Type.CHANGED) + " changed, "
        + count(ResourceChange.Type.REMOVED) + " removed in " + applications.size()
        + (applications.size() == 1 ? " Application" : " Applications");
  }

  /** Per cluster: objects added, changed and removed, and the removed ones that hold data. */
  public record ClusterRadius(long added, long changed, long removed, List<String> dataRemoved) {}

  public SortedMap<String, ClusterRadius> blastRadius() {
    SortedMap<String, long[]> counts = new TreeMap<>();
    SortedMap<String, List<String>> data = new TreeMap<>();
    for (ApplicationChange app : applications) {
      long[] c = counts.computeIfAbsent(app.cluster(), k -> new long[3]);
      for (ObjectChange change : app.changes()) {
        c[change.type().ordinal()]++;
        String kind = change.object().substring(0, change.object().indexOf('/'));
        if (change.type() == ResourceChange.Type.REMOVED && DATA_KINDS.contains(kind)) {
          data.computeIfAbsent(app.cluster(), k -> new ArrayList<>()).add(app.application() + ": " + change.object());
        }
      }
    }
    SortedMap<String, ClusterRadius> result = new TreeMap<>();
    counts.forEach((cluster, c) -> result.put(cluster, new ClusterRadius(c[0], c[1], c[2], data.getOrDefault(cluster, List.of()))));
    return result;
  }
}
