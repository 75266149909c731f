package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.helm.RenderedObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Check {@code values-used}: every value an Application sets is read by its chart. A key the chart
 * does not read is a setting that does nothing (a database password that never reaches the
 * database, an ingress on a chart without an ingress template), usually because the chart names it
 * otherwise.
 *
 * <p>Whether a key is read is decided by the chart itself, not by reading its templates: a value
 * is changed and the chart rendered again; if nothing it renders changes, the chart does not read
 * it. First every value that can carry a marker is changed at once to its own one (a string to
 * {@code <value>-mp<N>x}, a number to {@code 7NNNN7} (six digits, which Go prints without an
 * exponent), an empty map to {@code {mp<N>x: mp<N>x}}, an
 * empty list to {@code [mp<N>x]}), and a value whose marker shows in the output is read; if that
 * render fails, the values are tried in halves. Every other value (booleans, and values whose
 * marker did not show, for example because the chart hashes, encodes or computes with it) is then
 * changed alone. A render that fails on a changed value counts as read: the chart looked at it. Values that differ between
 * two renders of the unchanged values ({@link StabilityCheck}) are left out of the comparison.
 * Markers are also looked for in the base64 of Secrets' {@code data} (a chart that copies its values
 * into a Secret, as JupyterHub's hub does, reads them there).
 *
 * <p>What changing a value alone shows is kept in {@link Verdicts}, by the chart and the shape of
 * the values (their keys, booleans and numbers, and which strings are empty): Applications of many
 * projects with the same tool differ in names and hosts, not in shape, and the marker render, made
 * for each of them, decides every value the chart prints. A chart that branches on the content of
 * a string it does not print would be judged by the first Application of that shape.
 */
final class ValuesUsedCheck {

  /** More changed renders than this for one Application are not made; the rest is reported unchecked. */
  static final int MAX_RENDERS = 400;

  private final Function<JsonNode, CompletableFuture<List<RenderedObject>>> render;
  private final Verdicts verdicts;
  private final List<RenderedObject> baseline;
  private final Map<String, Set<String>> unstable;
  private final JsonNode values;
  private final List<Leaf> leaves = new ArrayList<>();
  private int renders;

  /** A value the Application sets: a scalar, or an empty list or map. */
  private record Leaf(int index, String pointer, JsonNode value) {
    String marker() {
      return "mp" + index + "x";
    }

    /** Whether a changed value of this leaf can be recognised in the output. */
    boolean markable() {
      return !value.isBoolean() && !(value.isNumber() && index > 9999);
    }

    /** The leaf's marked value: the value with its marker, in a form that keeps the value's type. */
    JsonNode marked() {
      if (value.isNumber()) {
        return JsonNodeFactory.instance.numberNode(Long.parseLong(trace()));
      }
      if (value.isObject()) {
        return JsonNodeFactory.instance.objectNode().put(marker(), marker());
      }
      if (value.isArray()) {
        return JsonNodeFactory.instance.arrayNode().add(marker());
      }
      return TextNode.valueOf(value.asText() + "-" + marker());
    }

    /** What shows in the output when the chart printed the marked value. */
    String trace() {
      return value.isNumber() ? String.format(java.util.Locale.ROOT, "7%04d7", index) : marker();
    }
  }

  private ValuesUsedCheck(
      Function<JsonNode, CompletableFuture<List<RenderedObject>>> render,
      Verdicts verdicts,
      JsonNode values,
      List<RenderedObject> baseline,
      Map<String, Set<String>> unstable) {
    this.render = render;
    this.verdicts = verdicts;
    this.values = values;
    this.baseline = baseline;
    this.unstable = unstable;
    collect(values, "");
  }

  /**
   * The keys of {@code values} the chart does not read.
   *
   * @param render renders the chart with the values given
   * @param verdicts what changing one value alone showed for values of the same shape
   * @param baseline what the chart renders with {@code values}
   * @param unstable what differs between two renders with {@code values}, per object key
   */
  static CompletableFuture<List<ChartFinding>> check(
      ChartApplication application,
      Function<JsonNode, CompletableFuture<List<RenderedObject>>> render,
      Verdicts verdicts,
      List<RenderedObject> baseline,
      Map<String, Set<String>> unstable) {
    ValuesUsedCheck check = new ValuesUsedCheck(render, verdicts, application.values(), baseline, unstable);
    return check.unread().thenApply(unread -> check.findings(application, unread));
  }

  private void collect(JsonNode node, String pointer) {
    if (node.isObject() && !node.isEmpty()) {
      node.properties().forEach(f -> collect(f.getValue(), pointer + "/" + escape(f.getKey())));
    } else if (node.isArray() && !node.isEmpty()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i);
      }
    } else if (!node.isNull() && !pointer.isEmpty()) {
      leaves.add(new Leaf(leaves.size(), pointer, node));
    }
  }

  /** The leaves the chart does not read. */
  private CompletableFuture<List<Leaf>> unread() {
    List<Leaf> strings = leaves.stream().filter(Leaf::markable).toList();
    List<Leaf> others = leaves.stream().filter(l -> !l.markable()).toList();
    // the values whose marker the chart refuses are found once per shape, by halving; they are read
    return verdicts.breakers(() -> {
      java.util.Set<String> found = java.util.concurrent.ConcurrentHashMap.newKeySet();
      return markers(strings, found).thenApply(unseen -> java.util.Set.copyOf(found));
    }).thenCompose(breakers -> markers(strings.stream().filter(l -> !breakers.contains(l.pointer())).toList(), new java.util.HashSet<>()))
        .thenCompose(unseen -> {
      List<Leaf> alone = new ArrayList<>(others);
      alone.addAll(unseen);
      List<CompletableFuture<Boolean>> read = alone.stream().map(this::readAlone).toList();
      return CompletableFuture.allOf(read.toArray(CompletableFuture[]::new)).thenApply(v -> {
        List<Leaf> result = new ArrayList<>();
        for (int i = 0; i < alone.size(); i++) {
          if (!read.get(i).join()) {
            result.add(alone.get(i));
          }
        }
        return result;
      });
    });
  }

  /** Changes every value of {@code group} to its marked value; returns those whose marker did not show. */
  private CompletableFuture<List<Leaf>> markers(List<Leaf> group, java.util.Set<String> breakers) {
    if (group.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    JsonNode changed = values.deepCopy();
    group.forEach(leaf -> set(changed, leaf.pointer(), leaf.marked()));
    return attempt(changed).thenCompose(output -> {
      if (output == null) {
        if (group.size() == 1) {
          breakers.add(group.get(0).pointer());
          return CompletableFuture.completedFuture(List.of()); // the chart refused the changed value: it reads it
        }
        int half = group.size() / 2;
        CompletableFuture<List<Leaf>> a = markers(group.subList(0, half), breakers);
        CompletableFuture<List<Leaf>> b = markers(group.subList(half, group.size()), breakers);
        return a.thenCombine(b, (x, y) -> {
          List<Leaf> both = new ArrayList<>(x);
          both.addAll(y);
          return both;
        });
      }
      String text = text(output);
      return CompletableFuture.completedFuture(group.stream().filter(l -> !shows(text, l.trace())).toList());
    });
  }

  /** Whether changing {@code leaf} alone changes what the chart renders (or makes it fail). */
  private CompletableFuture<Boolean> readAlone(Leaf leaf) {
    return verdicts.read(leaf.pointer(), () -> {
      JsonNode changed = values.deepCopy();
      set(changed, leaf.pointer(), changedValue(leaf));
      return attempt(changed).thenApply(output -> output == null || !Renders.differences(baseline, output, unstable).isEmpty());
    });
  }

  /** The render, or null when the chart refuses the values (or the budget of renders is spent: counted as read). */
  private CompletableFuture<List<RenderedObject>> attempt(JsonNode changed) {
    synchronized (this) {
      if (++renders > MAX_RENDERS) {
        return CompletableFuture.completedFuture(null);
      }
    }
    return render.apply(changed).handle((output, failure) -> failure == null ? output : null);
  }

  private static JsonNode changedValue(Leaf leaf) {
    JsonNode value = leaf.value();
    if (value.isBoolean()) {
      return BooleanNode.valueOf(!value.booleanValue());
    }
    if (value.isIntegralNumber()) {
      return JsonNodeFactory.instance.numberNode(value.bigIntegerValue().add(java.math.BigInteger.ONE));
    }
    if (value.isNumber()) {
      return JsonNodeFactory.instance.numberNode(value.decimalValue().add(BigDecimal.ONE));
    }
    if (value.isObject()) {
      return JsonNodeFactory.instance.objectNode().put(leaf.marker(), leaf.marker());
    }
    if (value.isArray()) {
      return JsonNodeFactory.instance.arrayNode().add(leaf.marker());
    }
    return TextNode.valueOf(value.asText() + "-" + leaf.marker());
  }

  private List<ChartFinding> findings(ChartApplication application, List<Leaf> unread) {
    Set<String> unreadPointers = new TreeSet<>();
    unread.forEach(l -> unreadPointers.add(l.pointer()));
    List<ChartFinding> findings = new ArrayList<>();
    for (String pointer : collapse(unreadPointers)) {
      findings.add(new ChartFinding(
          Check.VALUES_USED,
          pointer,
          pointer + " is read by no template of " + application.chart().chart() + " " + application.chart().version()
              + ": changing it changes nothing the chart renders",
          "remove it from the tool's values template, or set the key the chart reads instead (see the chart's values.yaml)"));
    }
    if (renders > MAX_RENDERS) {
      findings.add(new ChartFinding(
          Check.VALUES_USED,
          "",
          "only " + MAX_RENDERS + " changed renders were made, so some values of " + application.describe() + " were not checked",
          "split the values into fewer keys, or raise the limit"));
    }
    return findings;
  }

  /** The unread pointers, with a map or list whose every leaf is unread named instead of its leaves. */
  private List<String> collapse(Set<String> unread) {
    Set<String> result = new TreeSet<>(unread);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String pointer : List.copyOf(result)) {
        if (!result.contains(pointer) || result.stream().anyMatch(r -> pointer.startsWith(r + "/"))) {
          continue; // collapsed into an ancestor already
        }
        int slash = pointer.lastIndexOf('/');
        String parent = slash <= 0 ? "" : pointer.substring(0, slash);
        if (parent.isEmpty() || result.contains(parent)) {
          continue;
        }
        List<String> under = leaves.stream().map(Leaf::pointer).filter(p -> p.startsWith(parent + "/")).toList();
        if (!under.isEmpty() && under.stream().allMatch(p -> result.contains(p) || result.stream().anyMatch(r -> p.startsWith(r + "/")))) {
          result.removeIf(r -> r.startsWith(parent + "/"));
          result.add(parent);
          changed = true;
        }
      }
    }
    return List.copyOf(result);
  }

  /** Whether {@code trace} shows in {@code text} as a token of its own (mp1x is not inside mp11x). */
  private static boolean shows(String text, String trace) {
    for (int at = text.indexOf(trace); at >= 0; at = text.indexOf(trace, at + 1)) {
      boolean before = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      int end = at + trace.length();
      boolean after = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (before && after) {
        return true;
      }
    }
    return false;
  }

  private static String text(List<RenderedObject> objects) {
    StringBuilder text = new StringBuilder();
    for (RenderedObject object : objects) {
      text.append(object.object().toString()).append('\n');
      if ("Secret".equals(object.kind())) {
        object.object().path("data").forEach(value -> {
          try {
            text.append(new String(java.util.Base64.getDecoder().decode(value.asText()), java.nio.charset.StandardCharsets.UTF_8)).append('\n');
          } catch (IllegalArgumentException e) {
            // not base64: the conformance check says so
          }
        });
      }
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }

  private static void set(JsonNode root, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = unescape(pointer.substring(slash + 1));
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    }
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }
}
