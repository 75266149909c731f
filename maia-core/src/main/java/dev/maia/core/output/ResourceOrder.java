package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;

/**
 * The total order of resources in a file: kinds in the order Helm installs them (unknown kinds
 * after, by name), then apiVersion, namespace and name.
 */
public final class ResourceOrder {

  /** Helm's install order (pkg/release/util/kind_sorter.go), plus the kinds this project emits. */
  private static final List<String> KINDS =
      List.of(
          "PriorityClass",
          "Namespace",
          "NetworkPolicy",
          "ResourceQuota",
          "LimitRange",
          "PodSecurityPolicy",
          "PodDisruptionBudget",
          "ServiceAccount",
          "Secret",
          "SecretList",
          "ConfigMap",
          "StorageClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleList",
          "ClusterRoleBinding",
          "ClusterRoleBindingList",
          "Role",
          "RoleList",
          "RoleBinding",
          "RoleBindingList",
          "Service",
          "DaemonSet",
          "Pod",
          "ReplicationController",
          "ReplicaSet",
          "Deployment",
          "HorizontalPodAutoscaler",
          "StatefulSet",
          "Job",
          "CronJob",
          "IngressClass",
          "Ingress",
          "APIService");

  public static final Comparator<JsonNode> COMPARATOR =
      Comparator.<JsonNode>comparingInt(n -> rank(n.path("kind").asText()))
          .thenComparing(n -> n.path("kind").asText())
          .thenComparing(n -> n.path("apiVersion").asText())
          .thenComparing(n -> n.path("metadata").path("namespace").asText())
          .thenComparing(n -> n.path("metadata").path("name").asText());

  private ResourceOrder() {}

  static int rank(String kind) {
    int index = KINDS.indexOf(kind);
    return index < 0 ? KINDS.size() : index;
  }
}
