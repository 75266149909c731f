package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.maia.core.model.ChartRef;
import java.util.Objects;
import java.util.Optional;

/**
 * An Application of the tree that installs a Helm chart, with what {@code helm template} needs:
 * the chart, the release name, the namespace and the values ArgoCD passes ({@code valuesObject}).
 *
 * @param file the tree file that holds it (an ApplicationSet's, in applicationset mode)
 * @param name the Application's name
 * @param cluster the cluster it deploys to ({@code maia.dev/cluster}); empty when not labelled
 * @param project the project ({@code maia.dev/project}); empty when not labelled
 * @param tool the tool ({@code maia.dev/tool}); empty when not labelled
 * @param skipSchemaValidation {@code spec.source.helm.skipSchemaValidation}
 * @param skipCrds {@code spec.source.helm.skipCrds}: the charts' {@code crds/} folders are not installed
 */
public record ChartApplication(
    String file,
    String name,
    String cluster,
    String project,
    String tool,
    ChartRef chart,
    String releaseName,
    String namespace,
    JsonNode values,
    boolean skipSchemaValidation,
    boolean skipCrds) {

  /** An Application that installs its charts' CRDs. */
  public ChartApplication(String file, String name, String cluster, String project, String tool, ChartRef chart, String releaseName,
      String namespace, JsonNode values, boolean skipSchemaValidation) {
    this(file, name, cluster, project, tool, chart, releaseName, namespace, values, skipSchemaValidation, false);
  }

  public ChartApplication {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(values, "values");
  }

  /** The label of a core component's Application, and the prefix its {@code tool} gets: {@code core/ID}. */
  static final String CORE_LABEL = "maia.dev/core";
  public static final String CORE_PREFIX = "core/";

  /** The core component this Application installs, if it is one. */
  public Optional<String> coreComponent() {
    return tool.startsWith(CORE_PREFIX) ? Optional.of(tool.substring(CORE_PREFIX.length())) : Optional.empty();
  }

  /**
   * The Application's chart source, or empty when it syncs a folder of the tree (overlay, root). A
   * core component's Application may sync a chart folder of a Git repository: its {@code path} is
   * the chart.
   */
  public static Optional<ChartApplication> of(String file, JsonNode application) {
    JsonNode source = application.path("spec").path("source");
    JsonNode metadata = application.path("metadata");
    JsonNode labels = metadata.path("labels");
    String chart = source.path("chart").asText("");
    if (chart.isEmpty() && labels.has(CORE_LABEL) && ChartRef.isGit(source.path("repoURL").asText(""))) {
      chart = source.path("path").asText(""); // a core chart kept in a Git repository: its folder at a tag
    }
    if (!"Application".equals(application.path("kind").asText()) || chart.isEmpty()) {
      return Optional.empty();
    }
    JsonNode helm = source.path("helm");
    String name = metadata.path("name").asText();
    JsonNode values = helm.path("valuesObject");
    return Optional.of(new ChartApplication(
        file,
        name,
        labels.path("maia.dev/cluster").asText(""),
        labels.path("maia.dev/project").asText(""),
        labels.has(CORE_LABEL) ? CORE_PREFIX + labels.path(CORE_LABEL).asText() : labels.path("maia.dev/tool").asText(""),
        new ChartRef(source.path("repoURL").asText(), chart, source.path("targetRevision").asText()),
        helm.path("releaseName").asText(name),
        application.path("spec").path("destination").path("namespace").asText("default"),
        values.isObject() ? values : JsonNodeFactory.instance.objectNode(),
        helm.path("skipSchemaValidation").asBoolean(false),
        helm.path("skipCrds").asBoolean(false)));
  }

  /** {@code brain-mets-mlflow-ki-hospital (mlflow 1.11.5)}. */
  public String describe() {
    return name + " (" + chart.chart() + " " + chart.version() + ")";
  }
}
