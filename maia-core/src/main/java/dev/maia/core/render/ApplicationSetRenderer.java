package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.Rollout;
import dev.maia.core.output.ApplicationSetExpander;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.output.GoTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code spec.argocd.mode: applicationset}: one ApplicationSet per project, made from the very
 * Applications that applications mode writes, so that both modes give ArgoCD the same Applications.
 *
 * <ul>
 *   <li>a list generator with one element per (tool, cluster): the fields in which the project's
 *       Applications differ (name, cluster, tool, server, chart, version, sync wave, ...) and the
 *       Helm values as a map;
 *   <li>a {@code template} that holds everything the Applications share literally, and {@code {{
 *       .field }}} where they differ; the AppProject is always literal, so no element can move an
 *       Application into another project;
 *   <li>a {@code templatePatch} that sets {@code spec.source.helm.valuesObject} to {@code {{ toJson
 *       .values }}} (a template can only put strings into a map);
 *   <li>{@code goTemplate: true} with {@code missingkey=error}, {@code syncPolicy:
 *       {preserveResourcesOnDeletion: true, applicationsSync: create-update}}, and with a staged
 *       rollout a RollingSync step per wave, selecting the label {@code maia.dev/wave}.
 * </ul>
 *
 * Every ApplicationSet is expanded again with {@link ApplicationSetExpander} before it is written,
 * and must give back exactly the Applications it was made from.
 */
final class ApplicationSetRenderer {

  static final String VALUES = "values";
  private static final String[] VALUES_PATH = {"spec", "source", "helm", "valuesObject"};

  /** The parameter names of the fields in which the tool Applications of a project differ. */
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("/metadata/name", "name"),
          Map.entry("/metadata/labels/maia.dev~1cluster", "cluster"),
          Map.entry("/metadata/labels/maia.dev~1tool", "tool"),
          Map.entry("/metadata/labels/maia.dev~1wave", "wave"),
          Map.entry("/metadata/annotations/argocd.argoproj.io~1sync-wave", "syncWave"),
          Map.entry("/spec/destination/server", "server"),
          Map.entry("/spec/destination/namespace", "namespace"),
          Map.entry("/spec/source/repoURL", "repoURL"),
          Map.entry("/spec/source/chart", "chart"),
          Map.entry("/spec/source/targetRevision", "targetRevision"),
          Map.entry("/spec/source/helm/releaseName", "releaseName"));

  private static final String PATCH =
      "spec:\n  source:\n    helm:\n      valuesObject: {{ toJson ." + VALUES + " }}\n";

  private final Platform platform;

  ApplicationSetRenderer(Platform platform) {
    this.platform = platform;
  }

  /** The ApplicationSet of {@code project} that makes {@code applications} (its tool Applications). */
  ObjectNode applicationSet(Project project, List<JsonNode> applications) {
    List<JsonNode> apps = new ArrayList<>(applications);
    apps.sort(Comparator.comparing(a -> a.at("/metadata/name").asText()));
    List<ObjectNode> elements = new ArrayList<>();
    List<JsonNode> skeletons = new ArrayList<>();
    boolean patched = apps.stream().allMatch(a -> !a.at(pointer(VALUES_PATH)).isMissingNode());
    for (JsonNode app : apps) {
      ObjectNode element = JsonNodeFactory.instance.objectNode();
      ObjectNode skeleton = app.deepCopy();
      if (patched) {
        ObjectNode helm = (ObjectNode) skeleton.at(pointer(Arrays.copyOf(VALUES_PATH, VALUES_PATH.length - 1)));
        element.set(VALUES, helm.remove(VALUES_PATH[VALUES_PATH.length - 1]));
      }
      elements.add(element);
      skeletons.add(skeleton);
    }
    JsonNode template = fold(skeletons, "", elements, new HashSet<>(Set.of(VALUES)));
    ((ObjectNode) template).remove(List.of("apiVersion", "kind"));

    ObjectNode set = Manifests.resource(ArgoCdRenderer.API_VERSION, "ApplicationSet", project.name(), platform.argocd().namespace());
    Manifests.labels(set, Map.of(Manifests.MANAGED_BY, "maia", Manifests.PROJECT_LABEL, project.name()));
    ObjectNode spec = set.putObject("spec");
    spec.put("goTemplate", true);
    spec.set("goTemplateOptions", Manifests.strings(List.of("missingkey=error")));
    ArrayNode list = spec.putArray("generators").addObject().putObject("list").putArray("elements");
    elements.forEach(list::add);
    spec.set("template", template);
    if (patched) {
      spec.put("templatePatch", PATCH);
    }
    ObjectNode syncPolicy = spec.putObject("syncPolicy");
    // as in applications mode: an element that goes deletes its Application, and the Application what it ran
    syncPolicy.put("preserveResourcesOnDeletion", false);
    syncPolicy.put("applicationsSync", "sync");
    strategy(apps).ifPresent(strategy -> spec.set("strategy", strategy));
    check(set, apps);
    return set;
  }

  /** RollingSync with one step per wave that has Applications here, in rollout order. */
  private java.util.Optional<ObjectNode> strategy(List<JsonNode> apps) {
    Rollout rollout = platform.rollout();
    if (!rollout.staged()) {
      return java.util.Optional.empty();
    }
    Set<String> present = new LinkedHashSet<>();
    apps.forEach(a -> present.add(a.at("/metadata/labels").path(Manifests.WAVE_LABEL).asText("")));
    ObjectNode strategy = Manifests.object();
    strategy.put("type", "RollingSync");
    ArrayNode steps = strategy.putObject("rollingSync").putArray("steps");
    for (Rollout.Wave wave : rollout.waves()) {
      if (present.contains(wave.name())) {
        ObjectNode expression = steps.addObject().putArray("matchExpressions").addObject();
        expression.put("key", Manifests.WAVE_LABEL);
        expression.put("operator", "In");
        expression.set("values", Manifests.strings(List.of(wave.name())));
      }
    }
    return java.util.Optional.of(strategy);
  }

  /**
   * The template of {@code nodes} (one per Application, of the same shape): what they share, as it
   * is; a string in which they differ as {@code {{ .param }}}, with each Application's value in its
   * element.
   */
  private static JsonNode fold(List<JsonNode> nodes, String path, List<ObjectNode> elements, Set<String> taken) {
    JsonNode first = nodes.get(0);
    if (nodes.stream().allMatch(first::equals)) {
      return literal(first);
    }
    if (nodes.stream().allMatch(JsonNode::isObject)) {
      Set<String> keys = new LinkedHashSet<>();
      first.fieldNames().forEachRemaining(keys::add);
      ObjectNode template = JsonNodeFactory.instance.objectNode();
      for (String key : keys) {
        List<JsonNode> children = new ArrayList<>();
        for (JsonNode node : nodes) {
          JsonNode child = node.get(key);
          if (child == null || node.size() != first.size()) {
            throw new IllegalStateException("the tool Applications differ in their fields at " + path + ": cannot fold them");
          }
          children.add(child);
        }
        template.set(GoTemplate.literal(key), fold(children, path + "/" + key.replace("~", "~0").replace("/", "~1"), elements, taken));
      }
      return template;
    }
    if (nodes.stream().allMatch(JsonNode::isArray) && nodes.stream().allMatch(n -> n.size() == first.size())) {
      ArrayNode template = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < first.size(); i++) {
        int index = i;
        template.add(fold(nodes.stream().map(n -> n.get(index)).toList(), path + "/" + i, elements, taken));
      }
      return template;
    }
    if (nodes.stream().allMatch(JsonNode::isTextual)) {
      String param = name(path, taken);
      for (int i = 0; i < nodes.size(); i++) {
        elements.get(i).put(param, nodes.get(i).textValue());
      }
      return JsonNodeFactory.instance.textNode("{{ ." + param + " }}");
    }
    throw new IllegalStateException("the tool Applications differ in a value that is no text at " + path + ": cannot fold them");
  }

  /** A copy of {@code node} whose strings and keys render to themselves. */
  private static JsonNode literal(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> copy.set(GoTemplate.literal(e.getKey()), literal(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(literal(item)));
      return copy;
    }
    return node.isTextual() ? JsonNodeFactory.instance.textNode(GoTemplate.literal(node.textValue())) : node.deepCopy();
  }

  /** The parameter name of a path: a known one, else its last field as an identifier, made unique. */
  private static String name(String path, Set<String> taken) {
    String known = NAMES.get(path);
    String base = known != null ? known : identifier(path.substring(path.lastIndexOf('/') + 1));
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      name = base + n;
    }
    return name;
  }

  private static String identifier(String segment) {
    String id = segment.replace("~1", "_").replace("~0", "_").replaceAll("[^A-Za-z0-9_]", "_");
    return id.isEmpty() || !Character.isLetter(id.charAt(0)) ? "p_" + id : id;
  }

  private static String pointer(String[] path) {
    return "/" + String.join("/", path);
  }

  /** The ApplicationSet must give back exactly the Applications it was made from. */
  private static void check(ObjectNode set, List<JsonNode> apps) {
    List<ObjectNode> expanded = ApplicationSetExpander.expand(set);
    if (expanded.size() != apps.size()) {
      throw new IllegalStateException("ApplicationSet " + set.at("/metadata/name").asText() + " makes " + expanded.size()
          + " Applications instead of " + apps.size());
    }
    for (int i = 0; i < apps.size(); i++) {
      if (!Arrays.equals(CanonicalYaml.write(expanded.get(i)), CanonicalYaml.write(apps.get(i)))) {
        throw new IllegalStateException("ApplicationSet " + set.at("/metadata/name").asText() + " does not make Application "
            + apps.get(i).at("/metadata/name").asText() + " exactly");
      }
    }
  }
}
