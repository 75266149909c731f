package dev.maia.core.verify;

import dev.maia.core.load.SourceLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a values template writes each key: the line and column of {@code key:} in the Freemarker
 * source, found from the YAML block structure the template is written in (indentation and list
 * items; Freemarker directives and comments are skipped, a key written as {@code ${...}:} matches
 * any key). A key of the rendered values is found by its path without list indices; a key the
 * template does not write itself (it comes from a loop or a macro) is located at its nearest
 * ancestor that it does write.
 */
final class TemplateKeys {

  private static final Pattern KEY = Pattern.compile("(\"[^\"]*\"|'[^']*'|\\$\\{[^}]*}|[^\\s:#'\"{}\\[\\],&*!|>%@`][^:#]*?):(\\s|$)");

  private final String file;
  private final Map<String, SourceLocation> keys = new HashMap<>();

  private record Open(int indent, String key) {}

  private TemplateKeys(String file) {
    this.file = file;
  }

  /** The keys of the template {@code text}, located in {@code file}. */
  static TemplateKeys of(String file, String text) {
    TemplateKeys index = new TemplateKeys(file);
    Deque<Open> open = new ArrayDeque<>();
    boolean inComment = false;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      String trimmed = line.strip();
      if (inComment) {
        inComment = !trimmed.contains("-->");
        continue;
      }
      if (trimmed.startsWith("<#--")) {
        inComment = !trimmed.contains("-->");
        continue;
      }
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("<#") || trimmed.startsWith("</#")
          || trimmed.startsWith("<@") || trimmed.startsWith("</@")) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      String rest = line.substring(indent);
      while (rest.startsWith("- ") || rest.equals("-")) {
        int more = rest.length() - rest.substring(1).stripLeading().length();
        indent += more;
        rest = rest.substring(more);
      }
      final int at = indent;
      while (!open.isEmpty() && open.peek().indent() >= at) {
        open.pop();
      }
      Matcher key = KEY.matcher(rest);
      if (!key.lookingAt()) {
        continue;
      }
      String name = unquote(key.group(1).strip());
      List<String> path = new ArrayList<>();
      open.descendingIterator().forEachRemaining(o -> path.add(o.key()));
      path.add(name);
      index.keys.putIfAbsent(String.join("/", path), new SourceLocation(file, n + 1, indent + 1));
      open.push(new Open(indent, name));
    }
    return index;
  }

  /** Where the template writes the key at {@code pointer} of the values (or its nearest written ancestor). */
  SourceLocation locate(String pointer) {
    List<String> segments = new ArrayList<>();
    for (String segment : pointer.split("/")) {
      if (!segment.isEmpty() && !segment.chars().allMatch(Character::isDigit)) {
        segments.add(segment.replace("~1", "/").replace("~0", "~"));
      }
    }
    for (int length = segments.size(); length > 0; length--) {
      SourceLocation found = find(segments.subList(0, length));
      if (found != null) {
        return found;
      }
    }
    return SourceLocation.startOf(file);
  }

  private SourceLocation find(List<String> segments) {
    SourceLocation exact = keys.get(String.join("/", segments));
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, SourceLocation> entry : keys.entrySet()) {
      String[] written = entry.getKey().split("/", -1);
      if (written.length != segments.size()) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < written.length && match; i++) {
        match = written[i].startsWith("${") || written[i].equals(segments.get(i));
      }
      if (match) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String unquote(String key) {
    if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
      return key.substring(1, key.length() - 1);
    }
    return key;
  }
}
