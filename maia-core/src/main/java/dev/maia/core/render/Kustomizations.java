package dev.maia.core.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** kustomization.yaml documents. */
final class Kustomizations {

  private Kustomizations() {}

  static ObjectNode of(List<String> resources) {
    return of(null, resources);
  }

  /** A kustomization listing {@code resources}, setting {@code namespace} on them when not null. */
  static ObjectNode of(String namespace, List<String> resources) {
    ObjectNode kustomization = Manifests.object();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    if (namespace != null) {
      kustomization.put("namespace", namespace);
    }
    kustomization.set("resources", Manifests.strings(resources));
    return kustomization;
  }
}
