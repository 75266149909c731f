package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.HpcSystem;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.render.identity.LoginProxyRenderer;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The resources of one project namespace on one cluster: the Namespace with its labels, quota,
 * limits, ingress policy (the ingress controller reaches the tools' logins, no tool itself) and
 * role bindings. Resources shared by every project namespace are in
 * {@link #base()}; the per-project kustomization sets their namespace.
 */
final class NamespaceRenderer {

  static final String WORKSPACE_SERVICE_ACCOUNT = "maia-workspace";
  static final String GPU = "nvidia.com/gpu";
  static final String NAMESPACE_NAME_LABEL = NetworkPolicies.NAMESPACE_NAME_LABEL;
  private static final String RBAC = "rbac.authorization.k8s.io";

  private final Platform platform;
  private final GpuPolicyRenderer gpu;

  NamespaceRenderer(Platform platform, GpuPolicyRenderer gpu) {
    this.platform = platform;
    this.gpu = gpu;
  }

  /**
   * Shared by every project namespace: default-deny in both directions, traffic within the
   * namespace, DNS, the workspace account.
   */
  static List<JsonNode> base() {
    return BASE;
  }

  /** Rendered once: the base is the same for every platform. */
  private static final List<JsonNode> BASE = renderBase();

  private static List<JsonNode> renderBase() {
    List<JsonNode> resources = new ArrayList<>();
    resources.add(NetworkPolicies.defaultDeny(null));
    resources.add(
        Manifests.tree(
            new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-same-namespace").endMetadata()
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .addNewIngress().addNewFrom().withNewPodSelector().endPodSelector().endFrom().endIngress()
                .addNewEgress().addNewTo().withNewPodSelector().endPodSelector().endTo().endEgress()
                .withPolicyTypes("Ingress", "Egress")
                .endSpec()
                .build()));
    resources.add(NetworkPolicies.allowDns(null));
    resources.add(
        Manifests.tree(
            new ServiceAccountBuilder()
                .withNewMetadata().withName(WORKSPACE_SERVICE_ACCOUNT).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build()));
    return List.copyOf(resources);
  }

  List<JsonNode> render(Project project, Cluster cluster) {
    String ns = project.namespace();
    Map<String, String> labels = labels(project, cluster);
    List<JsonNode> resources = new ArrayList<>();

    Map<String, String> namespaceLabels = new TreeMap<>(labels);
    namespaceLabels.put("pod-security.kubernetes.io/enforce", "baseline");
    namespaceLabels.put("pod-security.kubernetes.io/warn", "restricted");
    namespaceLabels.put("pod-security.kubernetes.io/audit", "restricted");
    Map<String, String> annotations = new TreeMap<>();
    // A namespace holds project data: removing a project from Git never deletes it by itself.
    annotations.put("argocd.argoproj.io/sync-options", "Prune=false,Delete=false");
    if (!project.description().isEmpty()) {
      annotations.put("maia.dev/description", project.description());
    }
    if (project.tools().containsKey("kubeflow")) {
      // Kubeflow's profile controller adopts an existing namespace only when this names the owner.
      ToolResources.profileOwner(project).ifPresent(owner -> annotations.put("owner", owner));
    }
    resources.add(
        Manifests.tree(
            new NamespaceBuilder()
                .withNewMetadata().withName(ns).withLabels(namespaceLabels).withAnnotations(annotations).endMetadata()
                .build()));

    Project.Resources r = project.resources();
    Map<String, Quantity> hard = new TreeMap<>();
    hard.put("requests.cpu", new Quantity(r.cpu().request()));
    hard.put("limits.cpu", new Quantity(r.cpu().limit()));
    hard.put("requests.memory", new Quantity(r.memory().request()));
    hard.put("limits.memory", new Quantity(r.memory().limit()));
    hard.put("requests.storage", new Quantity(r.storage()));
    hard.put("requests." + GPU, new Quantity(String.valueOf(gpu.namespaceGpus(project, cluster))));
    resources.add(
        Manifests.tree(
            new ResourceQuotaBuilder()
                .withNewMetadata().withName("maia-quota").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec().withHard(hard).endSpec()
                .build()));

    Map<String, Quantity> max = new TreeMap<>();
    max.put("cpu", new Quantity(r.cpu().limit()));
    max.put("memory", new Quantity(r.memory().limit()));
    Map<String, Quantity> defaultRequest = new TreeMap<>();
    defaultRequest.put("cpu", new Quantity(Quantities.min("100m", r.cpu().limit())));
    defaultRequest.put("memory", new Quantity(Quantities.min("256Mi", r.memory().limit())));
    Map<String, Quantity> defaultLimit = new TreeMap<>();
    defaultLimit.put("cpu", new Quantity(Quantities.min("1", r.cpu().limit())));
    defaultLimit.put("memory", new Quantity(Quantities.min("1Gi", r.memory().limit())));
    // A max admits only pods that state the resource, so a GPU max per pod needs a default of 0 GPUs
    // for every container that asks for none.
    Optional<Integer> podGpus = gpu.podGpus(project, cluster);
    podGpus.ifPresent(n -> {
      defaultRequest.put(GPU, new Quantity("0"));
      defaultLimit.put(GPU, new Quantity("0"));
    });
    resources.add(
        Manifests.tree(
            new LimitRangeBuilder()
                .withNewMetadata().withName("maia-limits").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                .addNewLimit()
                .withType("Container")
                .withMax(max)
                .withDefaultRequest(defaultRequest)
                .withDefault(defaultLimit)
                .endLimit()
                .addNewLimit()
                .withType("PersistentVolumeClaim")
                .withMax(Map.of("storage", new Quantity(r.storage())))
                .endLimit()
                .addAllToLimits(podGpus
                    .map(n -> List.of(new LimitRangeItemBuilder().withType("Pod").withMax(Map.of(GPU, new Quantity(String.valueOf(n)))).build()))
                    .orElse(List.of()))
                .endSpec()
                .build()));

    resources.add(
        Manifests.tree(
            new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-from-ingress-controller").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                // the logins only: the login proxies, and the front of a tool that logs in itself
                .withNewPodSelector().addToMatchLabels(LoginProxyRenderer.GATE_LABEL, "true").endPodSelector()
                .addNewIngress()
                .addNewFrom()
                .withNewNamespaceSelector()
                .addToMatchLabels(NAMESPACE_NAME_LABEL, ingressNamespace(cluster))
                .endNamespaceSelector()
                .endFrom()
                .endIngress()
                .withPolicyTypes("Ingress")
                .endSpec()
                .build()));

    resources.add(NetworkPolicies.allowOut("allow-egress-identity", ns, labels, Map.of(), platform.identity().issuerPort()));
    if (project.tools().containsKey("workspace")) {
      for (HpcSystem system : platform.hpc()) {
        if (system.projects().contains(project.name())) {
          resources.add(NetworkPolicies.allowOut("allow-egress-hpc-" + system.name(), ns, labels, Map.of("component", "singleuser-server"), system.port()));
        }
      }
    }
    resources.add(roleBinding("maia-members", ns, labels, "edit", List.of(group(project.group()))));
    List<Subject> admins = new ArrayList<>();
    admins.add(group(platform.identity().adminGroup()));
    project.admins().forEach(a -> admins.add(new SubjectBuilder().withKind("User").withApiGroup(RBAC).withName(a).build()));
    resources.add(roleBinding("maia-admins", ns, labels, "admin", admins));
    resources.addAll(gpu.namespaceResources(project, cluster));
    return resources;
  }

  static Map<String, String> labels(Project project, Cluster cluster) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Manifests.MANAGED_BY, "maia");
    labels.put(Manifests.PROJECT_LABEL, project.name());
    labels.put(Manifests.CLUSTER_LABEL, cluster.name());
    return labels;
  }

  /** The namespace the cluster's ingress controller runs in, for the allow-from-ingress policy. */
  static String ingressNamespace(Cluster cluster) {
    return dev.maia.core.clustercore.CorePlan.ingressNamespace(cluster);
  }

  private static Subject group(String name) {
    return new SubjectBuilder().withKind("Group").withApiGroup(RBAC).withName(name).build();
  }

  private static JsonNode roleBinding(String name, String ns, Map<String, String> labels, String clusterRole, List<Subject> subjects) {
    ObjectNode binding =
        (ObjectNode)
            Manifests.tree(
                new RoleBindingBuilder()
                    .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
                    .withNewRoleRef().withApiGroup(RBAC).withKind("ClusterRole").withName(clusterRole).endRoleRef()
                    .withSubjects(subjects)
                    .build());
    return binding;
  }
}
