package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of one unit (path relative to the output folder to bytes), the documents each file was
 * written from (in the order they appear in the file, for the security lint, so it needs not parse
 * the bytes back), and how many Kubernetes resources each cluster gets from the unit. The documents
 * are not copied deeply: nobody changes them once they are rendered.
 */
public record RenderedUnit(
    Map<String, byte[]> files, Map<String, List<JsonNode>> documents, Map<String, Integer> resourcesPerCluster) {

  public RenderedUnit {
    files = Map.copyOf(files);
    Map<String, List<JsonNode>> copy = new TreeMap<>();
    documents.forEach((path, docs) -> copy.put(path, List.copyOf(docs)));
    documents = Collections.unmodifiableMap(copy);
    resourcesPerCluster = Map.copyOf(resourcesPerCluster);
    if (!files.keySet().equals(documents.keySet())) {
      throw new IllegalArgumentException("every file needs its documents: " + files.keySet() + " vs " + documents.keySet());
    }
  }
}
