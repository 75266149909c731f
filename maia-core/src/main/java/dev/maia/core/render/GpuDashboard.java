package dev.maia.core.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import java.util.Map;

/**
 * The GPU dashboard of a cluster's Grafana, one project (namespace) at a time: the GPUs its quota
 * allows without a booking and with its announced bookings, the GPUs its pods hold, and what they
 * do with them (the GPU operator's DCGM exporter, labelled with the pod's namespace). A ConfigMap
 * labelled {@code grafana_dashboard}, which Grafana's sidecar loads.
 */
final class GpuDashboard {

  static final String NAME = "maia-gpu-dashboard";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUOTA = "kube_resourcequota{namespace=\"$namespace\", resource=\"requests.nvidia.com/gpu\"";

  private GpuDashboard() {}

  static ObjectNode configMap(Cluster cluster, String namespace) {
    ObjectNode map = Manifests.resource("v1", "ConfigMap", NAME, namespace);
    Manifests.labels(map, Map.of(Manifests.MANAGED_BY, "maia", Manifests.CLUSTER_LABEL, cluster.name(), "grafana_dashboard", "1"));
    try {
      map.putObject("data").put("maia-gpu.json", JSON.writeValueAsString(dashboard(cluster)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return map;
  }

  static ObjectNode dashboard(Cluster cluster) {
    ObjectNode dashboard = Manifests.object();
    dashboard.put("title", "MAIA GPUs: " + cluster.name());
    dashboard.put("uid", "maia-gpu-" + cluster.name());
    dashboard.put("schemaVersion", 39);
    dashboard.putArray("tags").add("maia").add("gpu");
    dashboard.put("refresh", "1m");
    dashboard.putObject("time").put("from", "now-7d").put("to", "now");
    ArrayNode variables = dashboard.putObject("templating").putArray("list");
    ObjectNode project = variables.addObject();
    project.put("name", "namespace");
    project.put("label", "project");
    project.put("type", "query");
    project.putObject("datasource").put("type", "prometheus").put("uid", "prometheus");
    project.put("query", "label_values(kube_namespace_labels{label_maia_dev_project!=\"\"}, namespace)");
    project.put("refresh", 2);
    ArrayNode panels = dashboard.putArray("panels");
    panel(panels, 0, "GPUs: quota, announced bookings and in use",
        new String[][] {
          {QUOTA + ", resourcequota=\"maia-gpu-opportunistic\", type=\"hard\"}", "quota without a booking"},
          {QUOTA + ", resourcequota=\"maia-gpu-booked\", type=\"hard\"}", "announced bookings"},
          {QUOTA + ", resourcequota=\"maia-quota\", type=\"used\"}", "requested by running pods"}});
    panel(panels, 1, "GPU utilisation (%)",
        new String[][] {{"avg by (exported_pod) (DCGM_FI_DEV_GPU_UTIL{exported_namespace=\"$namespace\"})", "{{exported_pod}}"}});
    panel(panels, 2, "GPU memory used (MiB)",
        new String[][] {{"sum by (exported_pod) (DCGM_FI_DEV_FB_USED{exported_namespace=\"$namespace\"})", "{{exported_pod}}"}});
    return dashboard;
  }

  private static void panel(ArrayNode panels, int index, String title, String[][] queries) {
    ObjectNode panel = panels.addObject();
    panel.put("id", index + 1);
    panel.put("type", "timeseries");
    panel.put("title", title);
    panel.putObject("datasource").put("type", "prometheus").put("uid", "prometheus");
    panel.putObject("gridPos").put("h", 9).put("w", 24).put("x", 0).put("y", index * 9);
    ArrayNode targets = panel.putArray("targets");
    char ref = 'A';
    for (String[] query : queries) {
      targets.addObject().put("refId", String.valueOf(ref++)).put("expr", query[0]).put("legendFormat", query[1]);
    }
  }
}
