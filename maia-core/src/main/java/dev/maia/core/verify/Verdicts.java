package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.verify.chart.ChartDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What changing one value alone showed ({@link ValuesUsedCheck}): whether the chart read it, by the
 * value's pointer, for one chart and one shape of values. Kept for the run and in the {@link
 * VerifyCache}.
 */
final class Verdicts {

  private final String key;
  private final Map<String, java.util.concurrent.CompletableFuture<Boolean>> read = new ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<java.util.Set<String>>> breakers =
      new java.util.concurrent.atomic.AtomicReference<>();

  Verdicts(String key, Map<String, Boolean> known, java.util.Set<String> knownBreakers) {
    this(key, known);
    if (knownBreakers != null) {
      breakers.set(java.util.concurrent.CompletableFuture.completedFuture(java.util.Set.copyOf(knownBreakers)));
    }
  }

  Verdicts(String key, Map<String, Boolean> known) {
    this.key = key;
    known.forEach((pointer, wasRead) -> read.put(pointer, java.util.concurrent.CompletableFuture.completedFuture(wasRead)));
  }

  /** The key of the verdicts for an Application's chart and values: its digest, Kubernetes version and the values' shape. */
  static String key(ChartApplication application, String digest, String kubernetesVersion, String build) {
    String inputs = String.join("\n", "maia-verdicts/1", build, digest, kubernetesVersion, Boolean.toString(application.skipSchemaValidation()),
        new String(CanonicalYaml.write(shape(application.values())), StandardCharsets.UTF_8));
    return ChartDigest.of(inputs.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
  }

  /**
   * The values with every string replaced by whether it is empty and every number by its class
   * (negative, 0, 1, more): keys and booleans stay. Charts branch on a flag, on a value being set,
   * or on a count being above one (replicas), rarely on a number's size; projects differ in
   * sizes (CPU, memory), which would otherwise make every project a shape of its own.
   */
  static JsonNode shape(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(f -> copy.set(f.getKey(), shape(f.getValue())));
      return copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(shape(item)));
      return copy;
    }
    if (node.isNumber()) {
      int sign = node.decimalValue().signum();
      int one = node.decimalValue().compareTo(java.math.BigDecimal.ONE);
      return JsonNodeFactory.instance.numberNode(sign < 0 ? -1 : sign == 0 ? 0 : one <= 0 ? 1 : 2);
    }
    return node.isTextual() ? JsonNodeFactory.instance.textNode(node.asText().isEmpty() ? "" : "s") : node;
  }

  String key() {
    return key;
  }

  /**
   * Whether the chart reads the value at {@code pointer}: known, being found by another Application
   * of the same shape (then its answer is shared), or found now by {@code find}.
   */
  java.util.concurrent.CompletableFuture<Boolean> read(
      String pointer, java.util.function.Supplier<java.util.concurrent.CompletableFuture<Boolean>> find) {
    java.util.concurrent.CompletableFuture<Boolean> mine = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<Boolean> earlier = read.putIfAbsent(pointer, mine);
    if (earlier != null) {
      return earlier;
    }
    find.get().whenComplete((wasRead, failure) -> {
      if (failure != null) {
        read.remove(pointer, mine);
        mine.completeExceptionally(failure);
      } else {
        mine.complete(wasRead);
      }
    });
    return mine;
  }

  /**
   * The values whose marker makes the chart refuse to render (so it reads them): found once for
   * the shape by {@code find}, and shared with every other Application of it.
   */
  java.util.concurrent.CompletableFuture<java.util.Set<String>> breakers(
      java.util.function.Supplier<java.util.concurrent.CompletableFuture<java.util.Set<String>>> find) {
    java.util.concurrent.CompletableFuture<java.util.Set<String>> mine = new java.util.concurrent.CompletableFuture<>();
    if (!breakers.compareAndSet(null, mine)) {
      return breakers.get();
    }
    find.get().whenComplete((found, failure) -> {
      if (failure != null) {
        mine.completeExceptionally(failure);
      } else {
        mine.complete(found);
      }
    });
    return mine;
  }

  /** The breakers, once found. */
  java.util.Optional<java.util.Set<String>> knownBreakers() {
    java.util.concurrent.CompletableFuture<java.util.Set<String>> found = breakers.get();
    return found != null && found.isDone() && !found.isCompletedExceptionally() ? java.util.Optional.of(found.join()) : java.util.Optional.empty();
  }

  /** The verdicts found so far. */
  Map<String, Boolean> all() {
    Map<String, Boolean> done = new java.util.TreeMap<>();
    read.forEach((pointer, future) -> {
      if (future.isDone() && !future.isCompletedExceptionally()) {
        done.put(pointer, future.join());
      }
    });
    return done;
  }
}
