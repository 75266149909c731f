package dev.maia.core.output;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One document of a generated file as the rules see it: where it is, its root, and every node in
 * it listed once, depth first, each with its JSON pointer. A string that holds a JSON or YAML
 * document (the {@code config} of an ArgoCD cluster Secret, a kubeconfig, a multi-line values
 * string) is parsed and its nodes are listed too, with pointers such as
 * {@code /spec/target/template/data/config > /tlsClientConfig/insecure}, so that a rule sees a
 * credential or an {@code insecure} flag however deeply it is quoted.
 *
 * @param path file relative to the output folder
 * @param document number of the document in the file (from 1), 0 when the file holds one document
 * @param root the document
 * @param nodes every node of the document, the root first
 */
record LintedDocument(String path, int document, JsonNode root, List<Node> nodes) {

  /** How many strings-within-strings are parsed: enough for a kubeconfig inside a values string. */
  private static final int MAX_EMBEDDING = 2;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * One node of a document.
   *
   * @param up the node this one is inside (for an embedded document's root, the string holding
   *     it); null for the root of the document
   * @param index the position of an array item, else {@link #NO_INDEX}
   * @param key the field name the node is the value of; null for the root and for array items
   * @param value the node (never a JSON null)
   * @param parent the object or array holding it; null for the root of the document or of an
   *     embedded document
   * @param embedded true for a string whose content is listed as a document of its own
   */
  record Node(Node up, int index, String key, JsonNode value, JsonNode parent, boolean embedded) {
    /** {@link #index} of a node that is not an array item. */
    static final int NO_INDEX = -1;

    /**
     * The JSON pointer from the document root ({@code ""} for the root), built when asked for (a
     * finding, a rare rule), not for every node of every document.
     */
    String pointer() {
      if (up == null) {
        return "";
      }
      if (key != null) {
        return up.pointer() + "/" + escape(key);
      }
      return index == NO_INDEX ? up.pointer() + " > " : up.pointer() + "/" + index; // the root of an embedded document
    }
  }

  LintedDocument {
    nodes = List.copyOf(nodes);
  }

  /** A document with all its nodes listed. */
  static LintedDocument of(String path, int document, JsonNode root) {
    List<Node> nodes = new ArrayList<>();
    walk(null, Node.NO_INDEX, null, root, null, 0, nodes);
    return new LintedDocument(path, document, root, nodes);
  }

  /** The same document without its node list, to keep after the unit is done. */
  LintedDocument withoutNodes() {
    return new LintedDocument(path, document, root, List.of());
  }

  String apiVersion() {
    return root.path("apiVersion").asText("");
  }

  String kind() {
    return root.path("kind").asText("");
  }

  String name() {
    return root.path("metadata").path("name").asText("");
  }

  /** {@code metadata.namespace}, or null when the document has none. */
  String namespace() {
    JsonNode namespace = root.path("metadata").path("namespace");
    return namespace.isTextual() && !namespace.textValue().isEmpty() ? namespace.textValue() : null;
  }

  /** {@code Kind/name} as printed in findings. */
  String subject() {
    String kind = kind().isEmpty() ? "(no kind)" : kind();
    return name().isEmpty() ? kind : kind + "/" + name();
  }

  boolean isArgoCd() {
    return apiVersion().startsWith("argoproj.io/");
  }

  Finding finding(SecurityRule rule, String detail) {
    return new Finding(path, document, subject(), rule, detail);
  }

  /** How a pointer reads in a message: the pointer, or "the document" for the root. */
  static String where(String pointer) {
    return pointer.isEmpty() ? "the document" : pointer;
  }

  /** The field name lower-cased with everything but letters and digits dropped: {@code client_Secret} is {@code clientsecret}. */
  static String normalized(String key) {
    String cached = NORMALIZED.get(key);
    if (cached != null) {
      return cached;
    }
    String normalized = normalize(key);
    if (NORMALIZED.size() < MAX_CACHED_KEYS) {
      NORMALIZED.put(key, normalized);
    }
    return normalized;
  }

  /** Keys repeat in every document (metadata, labels, name): each is normalized once, up to this many. */
  private static final int MAX_CACHED_KEYS = 10_000;

  private static final Map<String, String> NORMALIZED = new java.util.concurrent.ConcurrentHashMap<>();

  private static String normalize(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The text of the string (or number) field {@code name} of an object node, or null. */
  static String text(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
  }

  private static void walk(Node up, int index, String key, JsonNode node, JsonNode parent, int depth, List<Node> out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    JsonNode embedded = node.isTextual() && depth < MAX_EMBEDDING ? embedded(node.textValue()) : null;
    Node here = new Node(up, index, key, node, parent, embedded != null);
    out.add(here);
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        walk(here, Node.NO_INDEX, field.getKey(), field.getValue(), node, depth, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(here, i, null, node.get(i), node, depth, out);
      }
    } else if (embedded != null) {
      walk(here, Node.NO_INDEX, null, embedded, null, depth + 1, out);
    }
  }


  /**
   * The object or array a string holds, or null. Only strings that look like a JSON object or array,
   * or span several lines, are tried; anything that does not parse to an object or array is text.
   */
  static JsonNode embedded(String text) {
    String trimmed = text.strip();
    boolean json = (trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"));
    if (!json && trimmed.indexOf('\n') < 0) {
      return null;
    }
    try {
      JsonNode parsed = YAML.readTree(trimmed);
      return parsed != null && parsed.isContainerNode() ? parsed : null;
    } catch (JacksonException | RuntimeException e) {
      return null; // not a document: plain text
    }
  }

  /** RFC 6901 escaping of one pointer segment. */
  private static String escape(String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return segment;
    }
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
