package dev.maia.core.verify;

import dev.maia.core.verify.chart.ChartDigest;
import dev.maia.core.verify.helm.RenderedObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The custom kinds a cluster will have once its core layer is synced: the CRDs its core
 * components' charts render, as strict schemas ({@link ObjectSchemas#fromCrd}), and a digest of
 * them, which the report key of every other Application of the cluster includes (a changed CRD
 * checks them again).
 */
record ClusterCrds(Map<String, ObjectSchemas.CrdSchema> schemas, String digest) {

  static final ClusterCrds NONE = new ClusterCrds(Map.of(), "");

  ClusterCrds {
    schemas = Map.copyOf(schemas);
  }

  /** The CRDs among the objects the core Applications of one cluster render. */
  static ClusterCrds of(List<ApplicationReport> coreReports) {
    Map<String, ObjectSchemas.CrdSchema> schemas = new TreeMap<>();
    StringBuilder all = new StringBuilder();
    for (ApplicationReport report : coreReports) {
      for (RenderedObject object : report.rendered()) {
        if ("CustomResourceDefinition".equals(object.kind())) {
          schemas.putAll(ObjectSchemas.fromCrd(object.object()));
          all.append(object.object().toString()).append('\n');
        }
      }
    }
    return schemas.isEmpty() ? NONE : new ClusterCrds(schemas, ChartDigest.of(all.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
