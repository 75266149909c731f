package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subset of Go's {@code text/template} that the generated ApplicationSets use, evaluated as
 * ArgoCD's ApplicationSet controller evaluates it with {@code goTemplate: true}, so that tests and
 * the output lint can see the Applications an ApplicationSet makes without an ArgoCD. Anything
 * outside the subset is refused with {@link UnsupportedTemplateException}, never guessed:
 *
 * <ul>
 *   <li>text, copied as it is;
 *   <li>{@code {{ .a.b }}}: a field of the generator's parameters, which must be a string (Go would
 *       print a number in its own float format, a map as {@code map[...]});
 *   <li>{@code {{ toJson .a }}}: Sprig's {@code toJson} of a parameter, with the parameters read as
 *       Go reads JSON (numbers are float64, keys sorted, {@code <}, {@code >} and {@code &} escaped);
 *   <li>{@code {{ "text" }}}: a string literal, which is how a literal {@code {{} is written.
 * </ul>
 *
 * With {@code missingkey=error} a missing field is an error; without it Go prints {@code <no value>}.
 */
public final class GoTemplate {

  /** An action or parameter the subset does not cover. */
  public static final class UnsupportedTemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedTemplateException(String message) {
      super(message);
    }
  }

  /** Integers a float64 holds exactly; ArgoCD rounds larger ones. */
  private static final long EXACT_INTEGERS = 9007199254740992L;

  private GoTemplate() {}

  /** Whether {@code text} holds an action, so that it is a template rather than a plain value. */
  public static boolean isTemplate(String text) {
    return text.contains("{{");
  }

  /** {@code text} as a template whose output is {@code text} itself: each {@code {{} written as an action. */
  public static String literal(String text) {
    return text.replace("{{", "{{ \"{{\" }}");
  }

  /** Renders {@code text} with the parameters {@code params} (a JSON object). */
  public static String render(String text, JsonNode params, boolean missingKeyIsError) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int open = text.indexOf("{{", at);
      if (open < 0) {
        out.append(text, at, text.length());
        return out.toString();
      }
      out.append(text, at, open);
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        throw new UnsupportedTemplateException("'" + text + "' opens an action that it never closes");
      }
      String action = text.substring(open + 2, close);
      out.append(action(action, params, missingKeyIsError));
      at = close + 2;
    }
  }

  private static String action(String raw, JsonNode params, boolean missingKeyIsError) {
    if (raw.startsWith("-") || raw.endsWith("-") || raw.startsWith("/*")) {
      throw new UnsupportedTemplateException("{{" + raw + "}}: trim markers and comments are not in the subset");
    }
    String action = raw.strip();
    if (action.startsWith("\"")) {
      return stringLiteral(action);
    }
    if (action.startsWith("toJson ")) {
      JsonNode value = field(action.substring("toJson ".length()).strip(), params, missingKeyIsError);
      return value == null ? "null" : json(value);
    }
    if (action.startsWith(".")) {
      JsonNode value = field(action, params, missingKeyIsError);
      if (value == null) {
        return "<no value>";
      }
      if (!value.isTextual()) {
        throw new UnsupportedTemplateException(
            "{{ " + action + " }} prints a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + "; the subset prints strings only");
      }
      return value.textValue();
    }
    throw new UnsupportedTemplateException("{{ " + action + " }} is not in the subset (.field, toJson .field, \"text\")");
  }

  /** {@code .a.b}: null when missing and missing keys are no error. */
  private static JsonNode field(String path, JsonNode params, boolean missingKeyIsError) {
    if (!path.matches("(\\.[A-Za-z_][A-Za-z0-9_]*)+")) {
      throw new UnsupportedTemplateException("'" + path + "' is not a field path such as .a.b");
    }
    JsonNode node = params;
    for (String name : path.substring(1).split("\\.")) {
      if (node == null || !node.isObject()) {
        throw new UnsupportedTemplateException("'" + path + "' reads a field of something that is no map");
      }
      JsonNode next = node.get(name);
      if (next == null) {
        if (missingKeyIsError) {
          throw new UnsupportedTemplateException("map has no entry for key \"" + name + "\" (in " + path + ")");
        }
        return null;
      }
      node = next;
    }
    return node;
  }

  private static String stringLiteral(String action) {
    if (action.length() < 2 || !action.endsWith("\"")) {
      throw new UnsupportedTemplateException("{{ " + action + " }} is not a closed string literal");
    }
    String body = action.substring(1, action.length() - 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        char next = i + 1 < body.length() ? body.charAt(++i) : ' ';
        if (next != '\\' && next != '"') {
          throw new UnsupportedTemplateException("{{ " + action + " }} has an escape the subset does not read: \\" + next);
        }
        out.append(next);
      } else if (c == '"') {
        throw new UnsupportedTemplateException("{{ " + action + " }} is not one string literal");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Go's {@code json.Marshal} of what Go's {@code json.Unmarshal} makes of {@code node}. */
  static String json(JsonNode node) {
    StringBuilder out = new StringBuilder();
    writeJson(node, out);
    return out.toString();
  }

  private static void writeJson(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        sorted.put(field.getKey(), field.getValue());
      }
      out.append('{');
      List<String> keys = new ArrayList<>(sorted.keySet());
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeString(keys.get(i), out);
        out.append(':');
        writeJson(sorted.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeJson(node.get(i), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      writeString(node.textValue(), out);
    } else if (node.isNumber()) {
      out.append(float64(node));
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isNull()) {
      out.append("null");
    } else {
      throw new UnsupportedTemplateException("toJson of a " + node.getNodeType() + " is not in the subset");
    }
  }

  /** A number as Go formats the float64 it becomes: plain below 1e21, integers without a fraction. */
  private static String float64(JsonNode number) {
    double value = number.doubleValue();
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new UnsupportedTemplateException("the number " + number + " is no float64");
    }
    if (number.isIntegralNumber() && (!number.canConvertToLong() || Math.abs(number.longValue()) > EXACT_INTEGERS)) {
      throw new UnsupportedTemplateException(
          "the integer " + number + " is larger than a float64 holds exactly; ArgoCD would round it");
    }
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude < 1e-6 || magnitude >= 1e21) {
      throw new UnsupportedTemplateException("the number " + number + " would be written with an exponent; not in the subset");
    }
    BigDecimal exact = value == Math.rint(value) ? new BigDecimal(value) : new BigDecimal(Double.toString(value));
    return exact.stripTrailingZeros().toPlainString();
  }

  /** A JSON string as Go's encoder writes it, with its HTML-safe escapes. */
  private static void writeString(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
