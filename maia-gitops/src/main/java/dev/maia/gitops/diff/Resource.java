package dev.maia.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One manifest: its key, its document (null for a plain file) and its text in canonical form, so
 * that two versions differ in text only where they differ in content.
 *
 * @param generated true for an Application that an ApplicationSet of the file makes (computed, not
 *     written in the file); ArgoCD keeps such Applications when their element goes, so they are
 *     named in the words of a change but never counted as deleted
 */
public record Resource(ResourceKey key, JsonNode document, String text, boolean generated) {

  /** A manifest written in its file. */
  public Resource(ResourceKey key, JsonNode document, String text) {
    this(key, document, text, false);
  }

  /** The value of label {@code name}, or empty. */
  public String label(String name) {
    return document == null ? "" : document.path("metadata").path("labels").path(name).asText("");
  }
}
