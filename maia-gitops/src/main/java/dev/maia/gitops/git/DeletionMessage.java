package dev.maia.gitops.git;

import dev.maia.gitops.diff.ResourceKey;
import java.util.List;

/** The message of the deletion guard: how many, the limit, each deletion, and how to allow it. */
final class DeletionMessage {

  private DeletionMessage() {}

  static String of(List<ResourceKey> deletions, int allowed, String goal) {
    StringBuilder text = new StringBuilder();
    text.append("maia:").append(goal).append(" would delete ").append(deletions.size())
        .append(deletions.size() == 1 ? " Application or namespace" : " Applications and namespaces")
        .append(", more than maia.allowDeletions=").append(allowed).append(" allows:");
    for (ResourceKey key : deletions) {
      text.append("\n  ").append(key.describe()).append(" (").append(key.file()).append(')');
    }
    text.append("\nIf these deletions are intended, run again with -Dmaia.allowDeletions=").append(deletions.size()).append('.');
    return text.toString();
  }
}
