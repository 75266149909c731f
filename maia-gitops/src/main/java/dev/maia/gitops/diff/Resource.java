package dev.maia.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One manifest: its key, its document (null for a plain file) and its text in canonical form, so
 * that two versions differ in text only where they differ in content.
 */
public record Resource(ResourceKey key, JsonNode document, String text) {

  /** The value of label {@code name}, or empty. */
  public String label(String name) {
    return document == null ? "" : document.path("metadata").path("labels").path(name).asText("");
  }
}
