package dev.maia.core.verify.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One Kubernetes object a chart renders.
 *
 * @param source the chart file it came from, as Helm names it ({@code jupyterhub/templates/hub/
 *     secret.yaml}; a CRD from a {@code crds/} folder keeps its own path)
 * @param object the object
 * @param hooks the Helm hook events it runs on ({@code pre-install}, ...); empty for a plain object
 */
public record RenderedObject(String source, JsonNode object, List<String> hooks) {

  public RenderedObject {
    hooks = List.copyOf(hooks);
  }

  public String apiVersion() {
    return object.path("apiVersion").asText();
  }

  public String kind() {
    return object.path("kind").asText();
  }

  public String name() {
    return object.path("metadata").path("name").asText();
  }

  /** The object's namespace, or empty when the chart leaves it to the release (or it is cluster-wide). */
  public String namespace() {
    return object.path("metadata").path("namespace").asText();
  }

  public boolean hook() {
    return !hooks.isEmpty();
  }

  /** {@code Secret/hub} or {@code Job/mlflow-migrate (pre-install hook)}. */
  public String describe() {
    return kind() + "/" + name() + (hook() ? " (" + String.join(",", hooks) + " hook)" : "");
  }
}
