package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.verify.helm.RenderedObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Comparing two renders of a chart: objects are matched by kind, namespace, name and whether they
 * are hooks; within a matched pair, the JSON pointers of the values that differ are listed.
 */
final class Renders {

  private Renders() {}

  /** {@code Secret/hub}, plus the namespace and the hook mark, so that two objects never share a key. */
  static String key(RenderedObject object) {
    return object.kind() + "/" + object.name() + (object.namespace().isEmpty() ? "" : " in " + object.namespace())
        + (object.hook() ? " (hook)" : "");
  }

  static Map<String, RenderedObject> byKey(List<RenderedObject> objects) {
    Map<String, RenderedObject> result = new LinkedHashMap<>();
    objects.forEach(o -> result.putIfAbsent(key(o), o));
    return result;
  }

  /**
   * Where {@code b} differs from {@code a}: for each object key, the pointers that differ ({@code
   * ""} for an object only one of them has). {@code ignore} holds pointers, per key, to leave out.
   */
  static Map<String, Set<String>> differences(List<RenderedObject> a, List<RenderedObject> b, Map<String, Set<String>> ignore) {
    Map<String, RenderedObject> left = byKey(a);
    Map<String, RenderedObject> right = byKey(b);
    Map<String, Set<String>> result = new LinkedHashMap<>();
    Set<String> keys = new TreeSet<>(left.keySet());
    keys.addAll(right.keySet());
    for (String key : keys) {
      RenderedObject x = left.get(key);
      RenderedObject y = right.get(key);
      Set<String> skipped = ignore.getOrDefault(key, Set.of());
      if (x == null || y == null) {
        if (!skipped.contains("")) {
          result.put(key, Set.of(""));
        }
        continue;
      }
      Set<String> paths = new TreeSet<>();
      diff(x.object(), y.object(), "", paths);
      paths.removeIf(p -> skipped.stream().anyMatch(s -> p.equals(s) || p.startsWith(s + "/")));
      if (!paths.isEmpty()) {
        result.put(key, paths);
      }
    }
    return result;
  }

  private static void diff(JsonNode a, JsonNode b, String at, Set<String> paths) {
    if (a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = at + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!a.has(name) || !b.has(name)) {
          paths.add(child);
        } else {
          diff(a.get(name), b.get(name), child, paths);
        }
      }
      return;
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diff(a.get(i), b.get(i), at + "/" + i, paths);
      }
      return;
    }
    paths.add(at);
  }

  /** The pointers the catalog accepts as the chart's own, per key of the objects of {@code objects} they name. */
  static Map<String, Set<String>> accepted(List<RenderedObject> objects, List<dev.maia.core.model.ToolDefinition.ChartMade> made) {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    for (RenderedObject object : objects) {
      for (dev.maia.core.model.ToolDefinition.ChartMade m : made) {
        if (m.matches(object.kind(), object.name())) {
          result.computeIfAbsent(key(object), k -> new TreeSet<>()).addAll(m.paths());
        }
      }
    }
    return result;
  }

  /** A readable list of up to {@code max} items, with how many more there are. */
  static String list(Iterable<String> items, int max) {
    List<String> shown = new ArrayList<>();
    int total = 0;
    for (Iterator<String> it = items.iterator(); it.hasNext(); ) {
      String item = it.next();
      if (shown.size() < max) {
        shown.add(item);
      }
      total++;
    }
    return String.join(", ", shown) + (total > max ? " and " + (total - max) + " more" : "");
  }
}
