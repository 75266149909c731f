package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Project;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirementBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The native GPU mode: stock Kubernetes objects only.
 *
 * <ul>
 *   <li>cluster-wide: PriorityClasses {@code maia-booked} (high, preempts) and {@code
 *       maia-opportunistic} (low, never preempts); namespace {@value #SYSTEM_NAMESPACE}, which only
 *       cluster administrators and the GitOps service account can write, holding one params
 *       ConfigMap per project; the {@link BookingAdmissionPolicy} with one binding per project;
 *   <li>per project namespace: ResourceQuotas scoped by PriorityClass: opportunistic GPUs up to
 *       {@code gpu.quota}, booked GPUs up to the project's announced bookings, booked pods without
 *       {@code activeDeadlineSeconds} none, and GPUs under any other priority none.
 * </ul>
 */
final class NativeGpuRenderer {

  static final String SYSTEM_NAMESPACE = "maia-system";

  static final List<String[]> CLUSTER_KINDS =
      List.of(
          new String[] {"scheduling.k8s.io", "PriorityClass"},
          new String[] {"admissionregistration.k8s.io", "ValidatingAdmissionPolicy"},
          new String[] {"admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"});

  private static final String QUOTA_KEY = "requests." + GpuPolicyRenderer.GPU;

  private final GpuPolicyRenderer gpu;

  NativeGpuRenderer(GpuPolicyRenderer gpu) {
    this.gpu = gpu;
  }

  List<JsonNode> namespaceResources(Project project, Cluster cluster) {
    String ns = project.namespace();
    Map<String, String> labels = NamespaceRenderer.labels(project, cluster);
    List<JsonNode> resources = new ArrayList<>();
    resources.add(
        quota(ns, labels, "maia-gpu-opportunistic", GpuPolicyRenderer.quota(project),
            priorityClass("In", GpuPolicyRenderer.OPPORTUNISTIC)));
    resources.add(
        quota(ns, labels, "maia-gpu-booked", gpu.announcedGpus(project, cluster),
            priorityClass("In", GpuPolicyRenderer.BOOKED)));
    resources.add(
        quota(ns, labels, "maia-gpu-booked-must-expire", 0,
            priorityClass("In", GpuPolicyRenderer.BOOKED),
            new ScopedResourceSelectorRequirementBuilder().withScopeName("NotTerminating").withOperator("Exists").build()));
    resources.add(
        quota(ns, labels, "maia-gpu-other", 0,
            priorityClass("NotIn", GpuPolicyRenderer.BOOKED, GpuPolicyRenderer.OPPORTUNISTIC)));
    return resources;
  }

  List<JsonNode> clusterResources(Cluster cluster, List<Project> projects) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Manifests.MANAGED_BY, "maia");
    labels.put(Manifests.CLUSTER_LABEL, cluster.name());
    List<JsonNode> resources = new ArrayList<>();
    resources.add(
        priorityClass(GpuPolicyRenderer.BOOKED, GpuPolicyRenderer.BOOKED_PRIORITY, "PreemptLowerPriority",
            "GPU pods of a user inside an active GPU booking; preempts opportunistic GPU pods", labels));
    resources.add(
        priorityClass(GpuPolicyRenderer.OPPORTUNISTIC, GpuPolicyRenderer.OPPORTUNISTIC_PRIORITY, "Never",
            "GPU pods within a project's GPU quota, without a booking; preempted when a booking needs the GPU", labels));
    Map<String, String> systemLabels = new TreeMap<>(labels);
    systemLabels.put("pod-security.kubernetes.io/enforce", "restricted");
    resources.add(
        Manifests.tree(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(SYSTEM_NAMESPACE)
                .withLabels(systemLabels)
                .addToAnnotations("maia.dev/description", "GPU booking params of the admission policy; written by GitOps only")
                .endMetadata()
                .build()));
    resources.add(BookingAdmissionPolicy.policy(labels));
    resources.addAll(BookingAdmissionPolicy.outsideProjects(projects, labels));
    for (Project project : projects) {
      Map<String, String> projectLabels = NamespaceRenderer.labels(project, cluster);
      resources.add(BookingAdmissionPolicy.binding(project, projectLabels));
      resources.add(
          Manifests.tree(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(BookingAdmissionPolicy.paramsName(project))
                  .withNamespace(SYSTEM_NAMESPACE)
                  .withLabels(projectLabels)
                  .endMetadata()
                  .withData(BookingAdmissionPolicy.params(project, cluster, gpu.schedule().announced(project.name(), cluster.name())))
                  .build()));
    }
    return resources;
  }

  private static ObjectNode priorityClass(String name, int value, String preemption, String description, Map<String, String> labels) {
    ObjectNode priorityClass = Manifests.resource("scheduling.k8s.io/v1", "PriorityClass", name, null);
    Manifests.labels(priorityClass, labels);
    priorityClass.put("value", value);
    priorityClass.put("globalDefault", false);
    priorityClass.put("preemptionPolicy", preemption);
    priorityClass.put("description", description);
    return priorityClass;
  }

  private static ScopedResourceSelectorRequirement priorityClass(String operator, String... classes) {
    return new ScopedResourceSelectorRequirementBuilder()
        .withScopeName("PriorityClass")
        .withOperator(operator)
        .withValues(classes)
        .build();
  }

  private static JsonNode quota(
      String ns, Map<String, String> labels, String name, int gpus, ScopedResourceSelectorRequirement... scopes) {
    return Manifests.tree(
        new ResourceQuotaBuilder()
            .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
            .withNewSpec()
            .withHard(Map.of(QUOTA_KEY, new Quantity(String.valueOf(gpus))))
            .withNewScopeSelector().withMatchExpressions(scopes).endScopeSelector()
            .endSpec()
            .build());
  }
}
