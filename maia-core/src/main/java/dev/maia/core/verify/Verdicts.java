package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.verify.chart.ChartDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What changing one value alone showed ({@link ValuesUsedCheck}): whether the chart read it, by the
 * value's pointer, for one chart and one shape of values. Kept for the run and in the {@link
 * VerifyCache}.
 */
final class Verdicts {

  private final String key;
  private final Map<String, Boolean> read;

  Verdicts(String key, Map<String, Boolean> read) {
    this.key = key;
    this.read = new ConcurrentHashMap<>(read);
  }

  /** The key of the verdicts for an Application's chart and values: its digest, Kubernetes version and the values' shape. */
  static String key(ChartApplication application, String digest, String kubernetesVersion, String build) {
    String inputs = String.join("\n", "maia-verdicts/1", build, digest, kubernetesVersion, Boolean.toString(application.skipSchemaValidation()),
        new String(CanonicalYaml.write(shape(application.values())), StandardCharsets.UTF_8));
    return ChartDigest.of(inputs.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
  }

  /** The values with every string replaced by whether it is empty: keys, booleans and numbers stay. */
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
    return node.isTextual() ? JsonNodeFactory.instance.textNode(node.asText().isEmpty() ? "" : "s") : node;
  }

  String key() {
    return key;
  }

  Optional<Boolean> read(String pointer) {
    return Optional.ofNullable(read.get(pointer));
  }

  void record(String pointer, boolean wasRead) {
    read.put(pointer, wasRead);
  }

  Map<String, Boolean> all() {
    return Map.copyOf(read);
  }
}
