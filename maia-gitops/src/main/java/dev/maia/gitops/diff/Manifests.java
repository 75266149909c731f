package dev.maia.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.output.ApplicationSetExpander;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.output.GoTemplate.UnsupportedTemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Splits a file of the tree into its manifests. */
final class Manifests {

  private static final YAMLMapper YAML = new YAMLMapper();

  private Manifests() {}

  /**
   * The Kubernetes resources of a YAML file, each re-emitted by the canonical writer; any other
   * file (or YAML that does not parse, or a document without a kind) is one plain-file entry.
   */
  static List<Resource> parse(String file, byte[] bytes) {
    if (file.endsWith(".yaml") || file.endsWith(".yml")) {
      try {
        return resources(file, bytes);
      } catch (IOException | RuntimeException e) {
        // not YAML after all (a hand edit on the branch): compared as text below
      }
    }
    return List.of(plain(file, bytes));
  }

  private static List<Resource> resources(String file, byte[] bytes) throws IOException {
    List<Resource> resources = new ArrayList<>();
    Set<ResourceKey> seen = new HashSet<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(bytes)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        String kind = document.path("kind").asText("");
        if (!document.isObject() || kind.isEmpty()) {
          return List.of(plain(file, bytes));
        }
        JsonNode metadata = document.path("metadata");
        ResourceKey key = new ResourceKey(file, kind, metadata.path("namespace").asText(""), metadata.path("name").asText(""));
        for (int i = 2; !seen.add(key); i++) {
          key = new ResourceKey(file, kind, key.namespace(), metadata.path("name").asText("") + "#" + i);
        }
        resources.add(new Resource(key, document, canonicalText(document)));
        if ("ApplicationSet".equals(kind)) {
          resources.addAll(generated(file, document, seen));
        }
      }
    }
    return resources;
  }

  /**
   * The Applications an ApplicationSet makes, so that a change in applicationset mode reads like one
   * in applications mode; none when the set uses something the expander does not know (its own diff
   * still shows the change).
   */
  private static List<Resource> generated(String file, JsonNode applicationSet, Set<ResourceKey> seen) {
    List<Resource> resources = new ArrayList<>();
    try {
      for (ObjectNode application : ApplicationSetExpander.expand(applicationSet)) {
        JsonNode metadata = application.path("metadata");
        ResourceKey key = new ResourceKey(file, "Application", metadata.path("namespace").asText(""), metadata.path("name").asText(""));
        if (seen.add(key)) {
          resources.add(new Resource(key, application, canonicalText(application), true));
        }
      }
    } catch (UnsupportedTemplateException e) {
      return List.of();
    }
    return resources;
  }

  private static Resource plain(String file, byte[] bytes) {
    return new Resource(new ResourceKey(file, "", "", ""), null, new String(bytes, StandardCharsets.UTF_8));
  }

  private static String canonicalText(JsonNode document) {
    String text = new String(CanonicalYaml.write(document), StandardCharsets.UTF_8);
    return text.startsWith(CanonicalYaml.HEADER) ? text.substring(CanonicalYaml.HEADER.length()) : text;
  }
}
