package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Small helpers for resources that have no fabric8 model (ArgoCD, External Secrets, Kustomize).
 * Public for the layers that render in sub-packages ({@code render.identity}).
 */
public final class Manifests {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PROJECT_LABEL = "maia.dev/project";
  public static final String CLUSTER_LABEL = "maia.dev/cluster";
  public static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";
  /** The rollout wave of a cluster's Applications ({@code spec.rollout}). */
  public static final String WAVE_LABEL = "maia.dev/wave";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Manifests() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** A resource skeleton with apiVersion, kind and metadata (namespace omitted when null). */
  public static ObjectNode resource(String apiVersion, String kind, String name, String namespace) {
    ObjectNode resource = object();
    resource.put("apiVersion", apiVersion);
    resource.put("kind", kind);
    ObjectNode metadata = resource.putObject("metadata");
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    return resource;
  }

  public static ObjectNode labels(ObjectNode resource, Map<String, String> labels) {
    ObjectNode node = ((ObjectNode) resource.get("metadata")).withObject("/labels");
    new TreeMap<>(labels).forEach(node::put);
    return resource;
  }

  public static ObjectNode annotate(ObjectNode resource, String key, String value) {
    ((ObjectNode) resource.get("metadata")).withObject("/annotations").put(key, value);
    return resource;
  }

  /** A fabric8 model object (or any bean) as a JSON tree. */
  public static JsonNode tree(Object model) {
    return MAPPER.valueToTree(model);
  }

  /** A JSON tree as plain maps, lists and scalars (for a template's model). */
  public static Object plain(JsonNode node) {
    return MAPPER.convertValue(node, Object.class);
  }

  public static ArrayNode strings(Iterable<String> values) {
    ArrayNode array = array();
    values.forEach(array::add);
    return array;
  }
}
