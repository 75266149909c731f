package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Cluster.GpuPool;
import dev.maia.core.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kueue GPU mode ({@code kueue.x-k8s.io/v1beta2}), for clusters that run Kueue:
 *
 * <ul>
 *   <li>a ResourceFlavor per GPU product (node label {@code nvidia.com/gpu.product}) and {@value
 *       #DEFAULT_FLAVOR} for CPU and memory;
 *   <li>a Cohort per cluster, in which the projects' ClusterQueues lend and borrow;
 *   <li>a ClusterQueue per project: nominal GPU quota = {@code gpu.quota} plus the project's active
 *       bookings; it may borrow the rest of its product's GPUs while others leave them idle
 *       (opportunistic use), and reclaims what it lent by preempting borrowers ({@code
 *       reclaimWithinCohort: Any}); within the queue, booked workloads preempt opportunistic ones;
 *   <li>WorkloadPriorityClasses {@code maia-booked} and {@code maia-opportunistic};
 *   <li>a LocalQueue {@value #LOCAL_QUEUE} per project namespace. It is not named {@code default}:
 *       Kueue would then queue every pod of the namespace (the hub, the tools), not only the GPU
 *       workspaces that ask for it with the label {@code kueue.x-k8s.io/queue-name}.
 * </ul>
 *
 * <p>No PriorityClass and no admission policy: Kueue decides admission and preemption.
 */
final class KueueRenderer {

  static final String API_VERSION = "kueue.x-k8s.io/v1beta2";
  static final String LOCAL_QUEUE = "maia-gpu";
  static final String DEFAULT_FLAVOR = "maia-default";
  static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";
  static final String PRIORITY_LABEL = "kueue.x-k8s.io/priority-class";

  static final List<String[]> CLUSTER_KINDS =
      List.of(
          new String[] {"kueue.x-k8s.io", "ClusterQueue"},
          new String[] {"kueue.x-k8s.io", "Cohort"},
          new String[] {"kueue.x-k8s.io", "ResourceFlavor"},
          new String[] {"kueue.x-k8s.io", "WorkloadPriorityClass"});

  private final GpuPolicyRenderer gpu;

  KueueRenderer(GpuPolicyRenderer gpu) {
    this.gpu = gpu;
  }

  /** The ResourceFlavor name of a GPU product: lower case, other characters than [a-z0-9.-] as '-'. */
  static String flavor(String product) {
    return product.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
  }

  static String cohort(Cluster cluster) {
    return "maia-" + cluster.name();
  }

  /** Nominal GPU quota of the project's ClusterQueue for one product. */
  int nominal(Project project, Cluster cluster, String product) {
    int quota = project.gpu().filter(g -> g.product().equals(product)).map(Project.ProjectGpu::quota).orElse(0);
    return quota + gpu.activeGpus(project, cluster, product);
  }

  /** How many more GPUs of one product the project may borrow: the rest of its own product's pool. */
  int borrowing(Project project, Cluster cluster, GpuPool pool) {
    boolean own = project.gpu().filter(g -> g.product().equals(pool.product())).isPresent();
    return own ? Math.max(0, pool.capacity() - nominal(project, cluster, pool.product())) : 0;
  }

  /** The most GPUs Kueue may admit for the project on the cluster, over all products. */
  int admissibleGpus(Project project, Cluster cluster) {
    return cluster.gpus().stream().mapToInt(p -> nominal(project, cluster, p.product()) + borrowing(project, cluster, p)).sum();
  }

  List<JsonNode> namespaceResources(Project project, Cluster cluster) {
    ObjectNode queue = Manifests.resource(API_VERSION, "LocalQueue", LOCAL_QUEUE, project.namespace());
    Manifests.labels(queue, NamespaceRenderer.labels(project, cluster));
    queue.putObject("spec").put("clusterQueue", project.name());
    return List.of(queue);
  }

  List<JsonNode> clusterResources(Cluster cluster, List<Project> projects) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Manifests.MANAGED_BY, "maia");
    labels.put(Manifests.CLUSTER_LABEL, cluster.name());
    List<JsonNode> resources = new ArrayList<>();
    ObjectNode defaultFlavor = Manifests.resource(API_VERSION, "ResourceFlavor", DEFAULT_FLAVOR, null);
    Manifests.labels(defaultFlavor, labels);
    defaultFlavor.putObject("spec");
    resources.add(defaultFlavor);
    for (GpuPool pool : cluster.gpus()) {
      ObjectNode flavor = Manifests.resource(API_VERSION, "ResourceFlavor", flavor(pool.product()), null);
      Manifests.labels(flavor, labels);
      flavor.putObject("spec").putObject("nodeLabels").put(GpuPolicyRenderer.PRODUCT_LABEL, pool.nodeLabel());
      resources.add(flavor);
    }
    ObjectNode cohort = Manifests.resource(API_VERSION, "Cohort", cohort(cluster), null);
    Manifests.labels(cohort, labels);
    cohort.putObject("spec");
    resources.add(cohort);
    resources.add(priorityClass(GpuPolicyRenderer.BOOKED, GpuPolicyRenderer.BOOKED_PRIORITY,
        "GPU workloads of a user inside an active GPU booking", labels));
    resources.add(priorityClass(GpuPolicyRenderer.OPPORTUNISTIC, GpuPolicyRenderer.OPPORTUNISTIC_PRIORITY,
        "GPU workloads within a project's GPU quota or borrowed, without a booking", labels));
    for (Project project : projects) {
      resources.add(clusterQueue(project, cluster));
    }
    return resources;
  }

  private ObjectNode clusterQueue(Project project, Cluster cluster) {
    ObjectNode queue = Manifests.resource(API_VERSION, "ClusterQueue", project.name(), null);
    Manifests.labels(queue, NamespaceRenderer.labels(project, cluster));
    ObjectNode spec = queue.putObject("spec");
    spec.put("cohortName", cohort(cluster));
    spec.putObject("namespaceSelector").putObject("matchLabels").put("kubernetes.io/metadata.name", project.namespace());
    spec.put("queueingStrategy", "BestEffortFIFO");
    ArrayNode groups = spec.putArray("resourceGroups");

    ObjectNode compute = groups.addObject();
    compute.set("coveredResources", Manifests.strings(List.of("cpu", "memory")));
    ObjectNode computeFlavor = compute.putArray("flavors").addObject();
    computeFlavor.put("name", DEFAULT_FLAVOR);
    ArrayNode computeResources = computeFlavor.putArray("resources");
    computeResources.add(resource("cpu", project.resources().cpu().request(), "0"));
    computeResources.add(resource("memory", project.resources().memory().request(), "0"));

    ObjectNode gpus = groups.addObject();
    gpus.set("coveredResources", Manifests.strings(List.of(GpuPolicyRenderer.GPU)));
    ArrayNode flavors = gpus.putArray("flavors");
    for (GpuPool pool : cluster.gpus()) {
      ObjectNode flavor = flavors.addObject();
      flavor.put("name", flavor(pool.product()));
      flavor.putArray("resources").add(resource(GpuPolicyRenderer.GPU,
          String.valueOf(nominal(project, cluster, pool.product())),
          String.valueOf(borrowing(project, cluster, pool))));
    }

    ObjectNode preemption = spec.putObject("preemption");
    preemption.put("reclaimWithinCohort", "Any");
    preemption.put("withinClusterQueue", "LowerPriority");
    ObjectNode borrow = preemption.putObject("borrowWithinCohort");
    borrow.put("policy", "LowerPriority");
    borrow.put("maxPriorityThreshold", GpuPolicyRenderer.OPPORTUNISTIC_PRIORITY);
    return queue;
  }

  private static ObjectNode resource(String name, String nominal, String borrowingLimit) {
    ObjectNode resource = Manifests.object();
    resource.put("name", name);
    resource.put("nominalQuota", nominal);
    resource.put("borrowingLimit", borrowingLimit);
    return resource;
  }

  private static ObjectNode priorityClass(String name, int value, String description, Map<String, String> labels) {
    ObjectNode priorityClass = Manifests.resource(API_VERSION, "WorkloadPriorityClass", name, null);
    Manifests.labels(priorityClass, labels);
    priorityClass.put("value", value);
    priorityClass.put("description", description);
    return priorityClass;
  }
}
