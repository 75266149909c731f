package dev.maia.core.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an import could not carry over or changed on the way, in four groups, for the log and for
 * {@code IMPORT-NOTES.md}. A note names a file, a line and a field, and never holds the value of a
 * credential. Within a group, notes are sorted by file and line; the to-do list keeps its order.
 */
final class ImportNotes {

  /** One note, sortable by where it points. */
  private record Note(String file, int line, String text) {}

  private static final Comparator<Note> BY_PLACE =
      Comparator.comparing(Note::file).thenComparingInt(Note::line).thenComparing(Note::text);

  private final List<String> todo = new ArrayList<>();
  private final List<Note> credentials = new ArrayList<>();
  private final List<Note> changed = new ArrayList<>();
  private final List<Note> dropped = new ArrayList<>();

  /** Something the platform needs that the installation does not say. */
  void todo(String text) {
    todo.add(text);
  }

  /** A credential that was found and left behind; {@code keep} says where it belongs now. */
  void credential(UpstreamFile file, String pointer, String keep) {
    credentials.add(note(file, pointer, "`" + field(pointer) + "` is a credential and was not copied; " + keep + "."));
  }

  /** A value that was carried over in another form. */
  void changed(UpstreamFile file, String pointer, String text) {
    changed.add(note(file, pointer, "`" + field(pointer) + "`: " + text + "."));
  }

  /** A field that has no place in platform.yaml. */
  void dropped(UpstreamFile file, String pointer, String reason) {
    dropped.add(note(file, pointer, "`" + field(pointer) + "` was not carried over: " + reason + "."));
  }

  /** A whole file that was not read. */
  void skipped(String path, String reason) {
    dropped.add(new Note(path, 0, path + " was not read: " + reason + "."));
  }

  private static Note note(UpstreamFile file, String pointer, String text) {
    String at = file.at(pointer);
    int colon = at.lastIndexOf(':');
    int line = colon < 0 ? 0 : Integer.parseInt(at.substring(colon + 1));
    return new Note(file.path(), line, at + " " + text);
  }

  /** Every note, one line each, in the order of {@link #markdown()}. */
  List<String> lines() {
    List<String> all = new ArrayList<>();
    todo.forEach(n -> all.add("To do: " + n));
    all.addAll(texts(credentials));
    all.addAll(texts(changed));
    all.addAll(texts(dropped));
    return all;
  }

  private static List<String> texts(List<Note> notes) {
    return notes.stream().sorted(BY_PLACE).map(Note::text).toList();
  }

  String markdown() {
    StringBuilder text = new StringBuilder();
    text.append("# Import notes\n\n");
    text.append("`maia:import` wrote `platform.yaml` and `projects/*.yaml` from an existing MAIA installation.\n");
    text.append("This file lists what it could not carry over. No credential was copied into any file.\n");
    section(text, "Set these by hand", todo);
    section(text, "Credentials left behind: put them into the secret store", texts(credentials));
    section(text, "Changed on the way", texts(changed));
    section(text, "Not carried over", texts(dropped));
    return text.toString();
  }

  private static void section(StringBuilder text, String title, List<String> notes) {
    text.append("\n## ").append(title).append("\n\n");
    if (notes.isEmpty()) {
      text.append("Nothing.\n");
    }
    notes.forEach(n -> text.append("- ").append(n).append('\n'));
  }

  /** {@code maia_dashboard.token} for {@code /maia_dashboard/token}; list items as {@code [0]}. */
  static String field(String pointer) {
    StringBuilder field = new StringBuilder();
    for (String token : pointer.substring(pointer.isEmpty() ? 0 : 1).split("/", -1)) {
      if (token.isEmpty()) {
        continue;
      }
      String unescaped = token.replace("~1", "/").replace("~0", "~");
      if (unescaped.chars().allMatch(Character::isDigit)) {
        field.append('[').append(unescaped).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(unescaped);
      }
    }
    return field.length() == 0 ? "(the file)" : field.toString();
  }
}
