package dev.maia.core.render;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * A Freemarker output format for YAML: every interpolated value ({@code ${x}}) is written as a
 * double-quoted scalar with JSON escapes, which YAML reads back as exactly that string. No value can
 * add a key, a document or a comment, whatever it contains. Numbers and booleans that must stay
 * unquoted are written with {@code ?c?no_esc}.
 */
public final class YamlOutputFormat extends CommonMarkupOutputFormat<YamlOutputFormat.YamlMarkup> {

  public static final YamlOutputFormat INSTANCE = new YamlOutputFormat();

  private YamlOutputFormat() {}

  @Override
  public String getName() {
    return "YAML";
  }

  @Override
  public String getMimeType() {
    return "application/yaml";
  }

  @Override
  public void output(String textToEsc, Writer out) throws IOException {
    out.write(escapePlainText(textToEsc));
  }

  @Override
  public String escapePlainText(String plainTextContent) {
    return quote(plainTextContent);
  }

  /**
   * A YAML double-quoted scalar for any string. JSON escapes cover quotes, backslashes and control
   * characters; characters YAML 1.1 reads as line breaks (NEL, LS, PS), the BOM, C1 controls and lone
   * surrogates are escaped too, so the value reads back unchanged.
   */
  public static String quote(String value) {
    String json = new String(JsonStringEncoder.getInstance().quoteAsString(value));
    StringBuilder out = new StringBuilder(json.length() + 2).append('"');
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean lone =
          Character.isHighSurrogate(c) && (i + 1 >= json.length() || !Character.isLowSurrogate(json.charAt(i + 1)))
              || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(json.charAt(i - 1)));
      if ((c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c >= 0xFFFE || lone) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }

  @Override
  protected YamlMarkup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new YamlMarkup(plainTextContent, markupContent);
  }

  /** Markup already in YAML form. */
  public static final class YamlMarkup extends CommonTemplateMarkupOutputModel<YamlMarkup> {

    YamlMarkup(String plainTextContent, String markupContent) {
      super(plainTextContent, markupContent);
    }

    @Override
    public YamlOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }
}
