package dev.maia.core.verify.helm;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The objects of a manifest helm-java printed for a {@link ChartWorkingCopy}: documents are split
 * where Helm splits them (a line {@code ---}), named by their {@code # Source:} line, hook
 * annotations are given their Helm names back, and test hooks are left out, as ArgoCD leaves them
 * out. Empty documents are skipped, as Helm skips them.
 */
public final class RenderedManifest {

  /** Hook events ArgoCD does not run ({@code helm test}); it ignores objects that carry only them. */
  private static final List<String> TEST_HOOKS = List.of("test", "test-success", "test-failure");

  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
  private static final String SOURCE = "# Source: ";

  private static final ObjectMapper YAML;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setMaxAliasesForCollections(1_000);
    YAML = new ObjectMapper(YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        // a key with nothing after it (a template that printed only spaces) is null, as in Go's YAML
        .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
        .build());
  }

  private RenderedManifest() {}

  /**
   * The objects of {@code manifest}.
   *
   * @throws HelmRenderException when a document is not valid YAML or not an object (ArgoCD would
   *     refuse the manifest too)
   */
  public static List<RenderedObject> parse(String manifest) {
    return parse(manifest, false);
  }

  /**
   * As {@link #parse(String)}; with {@code skipCrds} (the Application's {@code helm.skipCrds}) the
   * files of the charts' {@code crds/} folders are left out, as {@code helm template --skip-crds}
   * leaves them out.
   */
  public static List<RenderedObject> parse(String manifest, boolean skipCrds) {
    List<RenderedObject> objects = new ArrayList<>();
    for (String chunk : SEPARATOR.split(manifest)) {
      String source = "";
      String text = chunk;
      int at = chunk.indexOf(SOURCE);
      if (at >= 0 && chunk.substring(0, at).isBlank()) {
        int end = chunk.indexOf('\n', at);
        source = (end < 0 ? chunk.substring(at + SOURCE.length()) : chunk.substring(at + SOURCE.length(), end)).strip();
        text = end < 0 ? "" : chunk.substring(end + 1);
      }
      if (skipCrds && source.contains("/" + ChartWorkingCopy.CRD_TEMPLATES)) {
        continue;
      }
      JsonNode object;
      try {
        object = YAML.readTree(text);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new HelmRenderException(source + " renders a document that is not valid YAML: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new HelmRenderException(source + " renders a document that cannot be read: " + e.getMessage());
      }
      if (object == null || object.isMissingNode() || object.isNull()) {
        continue;
      }
      if (!object.isObject()) {
        throw new HelmRenderException(source + " renders a document that is not a Kubernetes object");
      }
      List<String> hooks = restoreHooks((ObjectNode) object);
      if (!hooks.isEmpty() && TEST_HOOKS.containsAll(hooks)) {
        continue;
      }
      objects.add(new RenderedObject(sourceOf(source), object, hooks));
    }
    return objects;
  }

  /** Renames the working copy's hook annotations back to Helm's and returns the hook events. */
  private static List<String> restoreHooks(ObjectNode object) {
    JsonNode annotations = object.path("metadata").path("annotations");
    if (!(annotations instanceof ObjectNode map)) {
      return List.of();
    }
    List<String> renamed = new ArrayList<>();
    for (Iterator<String> names = map.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (name.startsWith(ChartWorkingCopy.RENAMED_HOOK)) {
        renamed.add(name);
      }
    }
    if (renamed.isEmpty()) {
      return List.of();
    }
    // rebuild in order, so the annotations read as the chart wrote them
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    map.fields().forEachRemaining(fields::add);
    map.removeAll();
    for (Map.Entry<String, JsonNode> field : fields) {
      String name = field.getKey();
      String restored = name.startsWith(ChartWorkingCopy.RENAMED_HOOK)
          ? ChartWorkingCopy.HOOK + name.substring(ChartWorkingCopy.RENAMED_HOOK.length())
          : name;
      map.set(restored, field.getValue());
    }
    List<String> events = new ArrayList<>();
    for (String event : map.path(ChartWorkingCopy.HOOK).asText().split(",")) {
      if (!event.isBlank()) {
        events.add(event.strip().toLowerCase(Locale.ROOT));
      }
    }
    return events;
  }

  /** A CRD printed by the working copy's template is named by its file in {@code crds/}. */
  private static String sourceOf(String source) {
    String marker = "/" + ChartWorkingCopy.CRD_TEMPLATES;
    int at = source.indexOf(marker);
    return at < 0 ? source : source.substring(0, at) + "/crds/" + source.substring(at + marker.length());
  }
}
