package dev.maia.core.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The text a values template rendered, read as YAML the way the values must be: one mapping
 * (or nothing), no key twice, no aliases (which would be read as the alias's name), one document.
 * Remembers where each node starts in the text, so that a problem with a value is traced back to
 * the template element that wrote it.
 */
final class RenderedYaml {

  private static final YAMLFactory FACTORY = new YAMLFactory();

  /** A place in the rendered text, from 1. */
  record At(int line, int column) {}

  /**
   * A problem of the text, where it is in the text.
   *
   * @param earlier where the text wrote first what {@code at} repeats, or null
   */
  record Issue(At at, String message, String hint, At earlier) {
    Issue(At at, String message, String hint) {
      this(at, message, hint, null);
    }
  }

  private final List<Issue> issues;
  private final Map<String, At> nodes;

  private RenderedYaml(List<Issue> issues, Map<String, At> nodes) {
    this.issues = List.copyOf(issues);
    this.nodes = nodes;
  }

  List<Issue> issues() {
    return issues;
  }

  /** Where the node at {@code pointer} (or its nearest ancestor) starts in the text. */
  Optional<At> locate(String pointer) {
    String p = pointer;
    while (true) {
      At at = nodes.get(p);
      if (at != null) {
        return Optional.of(at);
      }
      if (p.isEmpty()) {
        return Optional.empty();
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  static RenderedYaml read(String text) {
    List<Issue> issues = new ArrayList<>();
    Map<String, At> nodes = new HashMap<>();
    try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new RenderedYaml(issues, nodes);
      }
      if (first != JsonToken.START_OBJECT) {
        issues.add(new Issue(at(parser.currentTokenLocation()), "the values must be a YAML mapping, and this template renders "
            + (first == JsonToken.START_ARRAY ? "a list" : "a single value"), "write the values as keys at the top level"));
        return new RenderedYaml(issues, nodes);
      }
      nodes.put("", at(parser.currentTokenLocation()));
      walk(parser, issues, nodes);
      if (parser.nextToken() != null) {
        issues.add(new Issue(at(parser.currentTokenLocation()), "the template renders more than one YAML document",
            "render one mapping of values, without '---' between documents"));
      }
    } catch (JsonProcessingException e) {
      issues.add(syntax(e));
    } catch (IOException e) {
      issues.add(new Issue(new At(1, 1), "cannot read the rendered values: " + e.getMessage(), null));
    }
    return new RenderedYaml(issues, nodes);
  }

  /** Reads the mapping that was just opened and everything in it, depth first, without recursion. */
  private static void walk(YAMLParser parser, List<Issue> issues, Map<String, At> nodes) throws IOException {
    record Open(String pointer, boolean object, Set<String> keys, Map<String, At> keyAt, int[] index) {}
    Deque<Open> open = new ArrayDeque<>();
    open.push(new Open("", true, new HashSet<>(), new HashMap<>(), new int[] {0}));
    String field = null;
    At fieldAt = null;
    while (!open.isEmpty()) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return;
      }
      Open top = open.peek();
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        open.pop();
        continue;
      }
      if (token == JsonToken.FIELD_NAME) {
        field = parser.currentName();
        fieldAt = at(parser.currentTokenLocation());
        if (!top.keys().add(field)) {
          At first = top.keyAt().get(field);
          issues.add(new Issue(fieldAt, "the key '" + field + "' is written twice in the same mapping", "write each key once", first));
        } else {
          top.keyAt().put(field, fieldAt);
        }
        continue;
      }
      String pointer;
      At where;
      if (top.object()) {
        pointer = top.pointer() + "/" + escape(field);
        where = fieldAt;
      } else {
        pointer = top.pointer() + "/" + top.index()[0]++;
        where = at(parser.currentTokenLocation());
      }
      nodes.putIfAbsent(pointer, where);
      if (parser.isCurrentAlias()) {
        issues.add(new Issue(at(parser.currentTokenLocation()), "the values use the YAML alias *" + parser.getText()
            + ", which would be read as the text '" + parser.getText() + "'", "write the value out instead of an anchor and an alias"));
      }
      if (token == JsonToken.START_OBJECT) {
        open.push(new Open(pointer, true, new HashSet<>(), new HashMap<>(), new int[] {0}));
      } else if (token == JsonToken.START_ARRAY) {
        open.push(new Open(pointer, false, Set.of(), Map.of(), new int[] {0}));
      }
    }
  }

  private static String escape(String segment) {
    return segment.indexOf('~') < 0 && segment.indexOf('/') < 0 ? segment : segment.replace("~", "~0").replace("/", "~1");
  }

  private static At at(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? new At(1, 1) : new At(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }

  /** A YAML syntax error, where SnakeYAML found it, in its words. */
  private static Issue syntax(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark mark = marked.getProblemMark();
      String problem = marked.getProblem() == null ? "" : marked.getProblem().strip();
      if (problem.contains("(TAB)")) {
        return new Issue(new At(mark.getLine() + 1, mark.getColumn() + 1),
            "the template renders invalid YAML: a tab character where YAML expects spaces", "indent with spaces, not tabs");
      }
      String context = marked.getContext() == null ? "" : " (" + marked.getContext().strip() + ")";
      return new Issue(new At(mark.getLine() + 1, mark.getColumn() + 1), "the template renders invalid YAML: " + problem + context,
          "check the indentation and the quotes around this line");
    }
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("");
    return new Issue(at(e.getLocation()), "the template renders invalid YAML: " + message.strip(), null);
  }
}
