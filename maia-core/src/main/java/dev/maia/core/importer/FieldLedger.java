package dev.maia.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.problem.Problem;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fields of the imported files that were carried over, and notes for the rest: a field with no
 * place in platform.yaml is reported as dropped, and a credential as something to keep in the
 * secret store (its value is never copied or printed).
 */
final class FieldLedger {

  private final ImportNotes notes;

  /** Pointers of each file that were carried over or reported on their own. */
  private final Map<UpstreamFile, Set<String>> used = new LinkedHashMap<>();

  FieldLedger(ImportNotes notes) {
    this.notes = notes;
  }

  /** A file that is not read: one note for it, and one for each credential it holds. */
  void skipped(UpstreamFile file, String reason) {
    notes.skipped(file.path(), reason);
    credentials(file, "", file.root());
  }

  private void credentials(UpstreamFile file, String pointer, JsonNode node) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
        if (Credentials.isCredential(e.getKey()) && !e.getValue().isContainerNode() && !e.getValue().asText("").isEmpty()) {
          notes.credential(file, child, "keep it in the secret store");
        } else {
          credentials(file, child, e.getValue());
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        credentials(file, pointer + "/" + i, node.get(i));
      }
    }
  }

  /** Notes for every field of every tracked file that was neither carried over nor reported. */
  void reportLeftovers() {
    used.keySet().forEach(this::leftovers);
  }

  private void leftovers(UpstreamFile file) {
    walk(file, "", file.root());
  }

  private void walk(UpstreamFile file, String pointer, JsonNode node) {
    Set<String> done = used.get(file);
    if (done.contains(pointer)) {
      return;
    }
    String key = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (!pointer.isEmpty() && Credentials.isCredential(key) && !node.isContainerNode()) {
      if (!node.isNull() && !node.asText("").isEmpty()) {
        notes.credential(file, pointer, "keep it in the secret store; the platform references credentials by store key");
      }
      return;
    }
    if (node.isContainerNode() && (pointer.isEmpty() || holdsCredential(node) || partlyUsed(done, pointer))) {
      if (node.isObject()) {
        node.fields().forEachRemaining(e -> walk(file, pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getValue()));
      } else {
        for (int i = 0; i < node.size(); i++) {
          walk(file, pointer + "/" + i, node.get(i));
        }
      }
      return;
    }
    notes.dropped(file, pointer, "platform.yaml has no field for it");
  }

  private static boolean partlyUsed(Set<String> done, String pointer) {
    return done.stream().anyMatch(p -> p.startsWith(pointer + "/"));
  }

  private static boolean holdsCredential(JsonNode node) {
    if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        var e = fields.next();
        if ((Credentials.isCredential(e.getKey()) && !e.getValue().isContainerNode()) || holdsCredential(e.getValue())) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (holdsCredential(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Every value carried over that is a placeholder of MAIA's templates ({@link Placeholders}),
   * located where it is written; credentials are never read, so never shown.
   */
  List<Problem> placeholders() {
    Map<String, Problem> found = new TreeMap<>();
    used.forEach((file, pointers) -> {
      for (String pointer : pointers) {
        placeholders(file, pointer, file.root().at(pointer), found);
      }
    });
    return List.copyOf(found.values());
  }

  private static void placeholders(UpstreamFile file, String pointer, JsonNode node, Map<String, Problem> found) {
    String key = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (node == null || node.isMissingNode() || (!pointer.isEmpty() && Credentials.isCredential(key))) {
      return;
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> placeholders(file, pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getValue(), found));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        placeholders(file, pointer + "/" + i, node.get(i), found);
      }
    } else if (node.isTextual() && Placeholders.in(node.textValue())) {
      String text = node.textValue().length() <= 80 ? node.textValue() : node.textValue().substring(0, 77) + "...";
      found.put(file.path() + "\n" + pointer, new Problem(file.location(pointer), pointer,
          "'" + text + "' is a placeholder of MAIA's configuration templates, not a value the installation was configured with",
          "fill in the installation's own value, or remove the field, and import again"));
    }
  }

  /** Starts tracking a file, so that its unused fields are reported. */
  void track(UpstreamFile file) {
    used.computeIfAbsent(file, f -> new HashSet<>());
  }

  /** Marks a field (a JSON pointer in the file) as carried over. */
  void use(UpstreamFile file, String pointer) {
    used.computeIfAbsent(file, f -> new HashSet<>()).add(pointer);
  }
}
