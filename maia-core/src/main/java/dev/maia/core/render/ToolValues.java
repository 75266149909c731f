package dev.maia.core.render;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.load.RepoReader;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.problem.Problem;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Renders a tool's values from its Freemarker template and parses the result, so values reach the
 * output only through the canonical writer. Templates are looked up first in {@code templates/} of
 * the platform repo (a site's overrides, read through the repo's {@link RepoReader}), then in the built-in catalog, and run in the {@link
 * TemplateSandbox}: every interpolation is escaped by {@link YamlOutputFormat}, templates can not
 * call Java classes, and each render has a budget of time, output and depth.
 *
 * <p>{@link TemplateCheck} renders every site template wherever it applies before anything is
 * written, so a failure here is not expected; should one happen all the same, it is the same
 * located problem, never a stack trace.
 */
final class ToolValues {

  /** How rendered values are read: a key written twice is an error, not the last one winning. */
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private final TemplateSandbox sandbox;

  ToolValues(RepoReader repo) {
    this(new TemplateSandbox(SiteTemplates.of(repo)));
  }

  ToolValues(TemplateSandbox sandbox) {
    this.sandbox = sandbox;
  }

  TemplateSandbox sandbox() {
    return sandbox;
  }

  /**
   * The values of the template at {@code path} rendered with {@code model}, as a JSON tree.
   *
   * @param place what the values are for, in messages ({@code tool minio of project lung on cluster one})
   * @throws InvalidPlatformException with the problem, located in the template
   */
  JsonNode render(String path, String place, Map<String, Object> model) {
    String text;
    try {
      text = sandbox.render(path, model, false).text();
    } catch (TemplateFailure failure) {
      throw new InvalidPlatformException(List.of(TemplateCheck.problem(failure, place)));
    }
    try {
      return parse(text);
    } catch (IOException e) {
      // located at the line the check finds; here only the template is known
      throw new InvalidPlatformException(List.of(new Problem(SourceLocation.startOf(sandbox.file(path)), "",
          "for " + place + ": the template renders values that are no YAML mapping: " + TemplateSandbox.words(e.getMessage()), null)));
    }
  }

  /** Rendered values as a tree: an empty text is no values; anything but a mapping is refused. */
  static JsonNode parse(String text) throws IOException {
    JsonNode values = YAML.readTree(text);
    if (values == null || values.isMissingNode() || values.isNull()) {
      return YAML.createObjectNode();
    }
    if (!values.isObject()) {
      throw new IOException("the values are a " + values.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ", not a mapping");
    }
    return values;
  }
}
