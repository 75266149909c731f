package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pods of one kind a namespace runs: a pod template of a workload object (Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod) or a user server, with how many of them
 * run at once.
 *
 * @param origin what makes them, e.g. {@code Deployment/mlflow} or {@code user server (CPU only)}
 * @param tool the tool they belong to (empty for the namespace's own)
 * @param metadata the pod (template) metadata
 * @param spec the pod spec
 * @param count how many run at once
 * @param claims the volume claim templates each pod gets (a StatefulSet's)
 */
public record Workload(String origin, String tool, JsonNode metadata, JsonNode spec, int count, List<JsonNode> claims) {

  public Workload {
    claims = List.copyOf(claims);
  }

  /** The workloads of an object, none when it runs no pods. */
  public static List<Workload> of(JsonNode object, String tool) {
    String kind = object.path("kind").asText();
    String origin = kind + "/" + object.path("metadata").path("name").asText();
    JsonNode spec = object.path("spec");
    List<JsonNode> claims = new ArrayList<>();
    spec.path("volumeClaimTemplates").forEach(claims::add);
    return switch (kind) {
      case "Pod" -> List.of(new Workload(origin, tool, object.path("metadata"), spec, 1, List.of()));
      case "Deployment", "ReplicaSet", "StatefulSet" -> {
        int replicas = spec.has("replicas") ? spec.path("replicas").asInt() : 1;
        yield replicas <= 0 ? List.of() : List.of(template(origin, tool, spec.path("template"), replicas, claims));
      }
      // one per node; counted once, the node count being the cluster's
      case "DaemonSet" -> List.of(template(origin, tool, spec.path("template"), 1, List.of()));
      case "Job" -> List.of(template(origin, tool, spec.path("template"), Math.max(1, spec.path("parallelism").asInt(1)), List.of()));
      case "CronJob" -> {
        JsonNode job = spec.path("jobTemplate").path("spec");
        yield List.of(template(origin, tool, job.path("template"), Math.max(1, job.path("parallelism").asInt(1)), List.of()));
      }
      default -> List.of();
    };
  }

  /** {@code count} user servers, each the pod KubeSpawner would create. */
  static Workload user(JsonNode pod, int count, String origin) {
    return new Workload(origin, "workspace", pod.path("metadata"), pod.path("spec"), count, List.of());
  }

  private static Workload template(String origin, String tool, JsonNode template, int count, List<JsonNode> claims) {
    return new Workload(origin, tool, template.path("metadata"), template.path("spec"), count, claims);
  }

  /** The pod's labels. */
  public Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    metadata.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** Every container of the pod: init containers first. */
  List<JsonNode> containers() {
    List<JsonNode> all = new ArrayList<>();
    spec.path("initContainers").forEach(all::add);
    spec.path("containers").forEach(all::add);
    return all;
  }
}
