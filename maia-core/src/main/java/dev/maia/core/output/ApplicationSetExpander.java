package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.output.GoTemplate.UnsupportedTemplateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Applications an ApplicationSet makes, computed as ArgoCD's ApplicationSet controller computes
 * them, for exactly the constructs the generator emits: list generators (their results joined),
 * {@code goTemplate: true} with the {@link GoTemplate} subset, {@code goTemplateOptions:
 * [missingkey=error]}, a {@code template} whose string values and keys are rendered, and a {@code
 * templatePatch} rendered, read as YAML and merged into the Application (objects merged, values
 * replaced). Cluster, matrix and other generators, {@code elementsYaml}, and a patch with lists are
 * refused with {@link UnsupportedTemplateException} rather than approximated.
 *
 * <p>Also answers which RollingSync steps select an Application, with RollingSync's own reading:
 * every expression must hold; {@code In} holds when the label has one of the values, {@code NotIn}
 * when it has none of them, and a missing label has the value {@code ""}.
 */
public final class ApplicationSetExpander {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> GENERATING_FIELDS =
      Set.of("generators", "goTemplate", "goTemplateOptions", "template", "templatePatch");
  private static final Set<String> OTHER_FIELDS =
      Set.of("syncPolicy", "strategy", "preservedFields", "ignoreApplicationDifferences", "applyNestedSelectors");

  private ApplicationSetExpander() {}

  /** The Applications of an ApplicationSet, in the order of its generators' elements. */
  public static List<ObjectNode> expand(JsonNode applicationSet) {
    JsonNode spec = applicationSet.path("spec");
    for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!GENERATING_FIELDS.contains(name) && !OTHER_FIELDS.contains(name)) {
        throw new UnsupportedTemplateException("spec." + name + " is not in the subset");
      }
    }
    if (!spec.path("goTemplate").asBoolean(false)) {
      throw new UnsupportedTemplateException("only goTemplate: true is in the subset");
    }
    boolean missingKeyIsError = false;
    for (JsonNode option : spec.path("goTemplateOptions")) {
      if (!"missingkey=error".equals(option.asText())) {
        throw new UnsupportedTemplateException("goTemplateOptions '" + option.asText() + "' is not in the subset");
      }
      missingKeyIsError = true;
    }
    String namespace = applicationSet.at("/metadata/namespace").asText("");
    List<ObjectNode> applications = new ArrayList<>();
    for (JsonNode element : elements(spec.path("generators"))) {
      applications.add(application(spec, element, namespace, missingKeyIsError));
    }
    return applications;
  }

  private static List<JsonNode> elements(JsonNode generators) {
    List<JsonNode> elements = new ArrayList<>();
    for (JsonNode generator : generators) {
      for (Iterator<String> kinds = generator.fieldNames(); kinds.hasNext(); ) {
        String kind = kinds.next();
        if (!"list".equals(kind)) {
          throw new UnsupportedTemplateException("the " + kind + " generator is not in the subset");
        }
      }
      JsonNode list = generator.path("list");
      for (Iterator<String> fields = list.fieldNames(); fields.hasNext(); ) {
        String field = fields.next();
        if (!"elements".equals(field)) {
          throw new UnsupportedTemplateException("list." + field + " is not in the subset");
        }
      }
      for (JsonNode element : list.path("elements")) {
        if (!element.isObject()) {
          throw new UnsupportedTemplateException("a list element that is no map is not in the subset");
        }
        elements.add(element);
      }
    }
    return elements;
  }

  private static ObjectNode application(JsonNode spec, JsonNode params, String namespace, boolean missingKeyIsError) {
    ObjectNode template = (ObjectNode) render(spec.path("template"), params, missingKeyIsError);
    if (spec.hasNonNull("templatePatch")) {
      String patch = GoTemplate.render(spec.path("templatePatch").asText(), params, missingKeyIsError);
      JsonNode parsed;
      try {
        parsed = YAML.readTree(patch);
      } catch (IOException e) {
        throw new UnsupportedTemplateException("the rendered templatePatch is no YAML: " + e.getMessage());
      }
      if (parsed != null && !parsed.isNull() && !parsed.isMissingNode()) {
        if (!parsed.isObject()) {
          throw new UnsupportedTemplateException("the rendered templatePatch is no map");
        }
        merge(template, parsed, "");
      }
    }
    ObjectNode application = JsonNodeFactory.instance.objectNode();
    application.put("apiVersion", "argoproj.io/v1alpha1");
    application.put("kind", "Application");
    ObjectNode metadata = template.path("metadata").isObject() ? (ObjectNode) template.get("metadata") : application.objectNode();
    if (!metadata.hasNonNull("namespace") && !namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    application.set("metadata", metadata);
    application.set("spec", template.path("spec").deepCopy());
    return application;
  }

  /** A copy of {@code node} with every string and every key rendered. */
  private static JsonNode render(JsonNode node, JsonNode params, boolean missingKeyIsError) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> copy.set(
          GoTemplate.render(e.getKey(), params, missingKeyIsError), render(e.getValue(), params, missingKeyIsError)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(render(item, params, missingKeyIsError)));
      return copy;
    }
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(GoTemplate.render(node.textValue(), params, missingKeyIsError));
    }
    return node.deepCopy();
  }

  /** Merges {@code patch} into {@code target}: maps key by key, anything else replaced; no lists. */
  private static void merge(ObjectNode target, JsonNode patch, String at) {
    for (Map.Entry<String, JsonNode> field : iterable(patch.fields())) {
      String path = at + "/" + field.getKey();
      JsonNode value = field.getValue();
      if (value.isArray()) {
        throw new UnsupportedTemplateException(
            "templatePatch sets a list at " + path + "; a strategic merge of lists is not in the subset");
      }
      JsonNode existing = target.get(field.getKey());
      if (value.isObject() && existing != null && existing.isObject()) {
        merge((ObjectNode) existing, value, path);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    }
  }

  private static <T> Iterable<T> iterable(Iterator<T> iterator) {
    return () -> iterator;
  }

  /** The positions (from 0) of the RollingSync steps of {@code applicationSet} that select {@code application}. */
  public static List<Integer> steps(JsonNode applicationSet, JsonNode application) {
    JsonNode labels = application.at("/metadata/labels");
    List<Integer> selected = new ArrayList<>();
    JsonNode steps = applicationSet.at("/spec/strategy/rollingSync/steps");
    for (int i = 0; i < steps.size(); i++) {
      boolean all = true;
      for (JsonNode expression : steps.get(i).path("matchExpressions")) {
        String operator = expression.path("operator").asText();
        if (!"In".equals(operator) && !"NotIn".equals(operator)) {
          all = false; // RollingSync skips a step with another operator
          break;
        }
        String value = labels.path(expression.path("key").asText()).asText("");
        boolean listed = false;
        for (JsonNode v : expression.path("values")) {
          listed |= v.asText().equals(value);
        }
        if ("In".equals(operator) != listed) {
          all = false;
          break;
        }
      }
      if (all) {
        selected.add(i);
      }
    }
    return selected;
  }

  /** Whether the ApplicationSet rolls out with RollingSync steps. */
  public static boolean rollingSync(JsonNode applicationSet) {
    return "RollingSync".equals(applicationSet.at("/spec/strategy/type").asText(""));
  }
}
