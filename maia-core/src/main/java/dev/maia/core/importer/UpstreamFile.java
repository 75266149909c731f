package dev.maia.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.load.RepoFiles;
import dev.maia.core.load.SourceLocation;
import java.util.Map;

/**
 * One file of an upstream MAIA installation, as read: its path relative to the source folder, its
 * tree, and where each node was written.
 */
record UpstreamFile(String path, JsonNode root, Map<String, SourceLocation> locations) {

  UpstreamFile {
    locations = Map.copyOf(locations);
  }

  /** {@code file:line} of the node at {@code pointer}, or of the nearest node above it. */
  String at(String pointer) {
    String p = pointer;
    while (true) {
      SourceLocation location = locations.get(p);
      if (location != null) {
        return location.file() + ":" + location.line();
      }
      if (p.isEmpty()) {
        return path;
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /** Where the node at {@code pointer} (or the nearest node above it) was written: {@code file:line:column}. */
  SourceLocation location(String pointer) {
    return new RepoFiles.Document(path, root, locations).locate(pointer); // the map is immutable: not copied again
  }

  /** The text of a top-level field, or {@code ""}. */
  String text(String field) {
    JsonNode value = root.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText().strip();
  }
}
