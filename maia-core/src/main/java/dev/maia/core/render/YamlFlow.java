package dev.maia.core.render;

import freemarker.template.TemplateModelException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values (maps, lists, strings, numbers, booleans) as one line of YAML flow style, for a
 * template model entry that a template inserts as is: every string is written with {@link
 * YamlOutputFormat#quote}, so no value can break out of its place. The result is YAML markup, which
 * Freemarker inserts without escaping it again; the rendered values are then parsed and written
 * again by the canonical writer like everything else.
 */
final class YamlFlow {

  private YamlFlow() {}

  /** {@code value} as markup for a template that uses the YAML output format. */
  static YamlOutputFormat.YamlMarkup markup(Object value) {
    try {
      return YamlOutputFormat.INSTANCE.fromMarkup(of(value));
    } catch (TemplateModelException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code value} in YAML flow style. */
  static String of(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(first ? "" : ", ").append(YamlOutputFormat.quote(String.valueOf(entry.getKey()))).append(": ");
        write(entry.getValue(), out);
        first = false;
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof String text) {
      out.append(YamlOutputFormat.quote(text));
    } else {
      throw new IllegalArgumentException("not a plain value: " + value);
    }
  }
}
