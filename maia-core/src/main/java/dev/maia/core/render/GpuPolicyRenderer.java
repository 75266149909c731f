package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.Booking;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Cluster.GpuPool;
import dev.maia.core.model.GpuPolicy.Scheduling;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.plan.GpuSchedule;
import java.util.List;
import java.util.Optional;

/**
 * How a cluster with GPUs enforces the GPU policy ({@code spec.gpuPolicy.scheduling}): the numbers
 * the project namespace's quota and limits take, the extra resources of each project namespace, and
 * the cluster-wide resources of the cluster overlay. {@link NativeGpuRenderer} renders the native
 * mode (PriorityClasses, scoped ResourceQuotas, a ValidatingAdmissionPolicy), {@link KueueRenderer}
 * the Kueue mode. A cluster without GPUs gets none of it.
 */
final class GpuPolicyRenderer {

  static final String GPU = NamespaceRenderer.GPU;
  /** The node label of a GPU node's product (NVIDIA GPU feature discovery). */
  static final String PRODUCT_LABEL = "nvidia.com/gpu.product";
  static final String BOOKED = "maia-booked";
  static final String OPPORTUNISTIC = "maia-opportunistic";
  /** Priority (PriorityClass or WorkloadPriorityClass) of a pod inside a booking. */
  static final int BOOKED_PRIORITY = 100_000;
  /**
   * Priority of a GPU pod outside a booking: above the default 0, so ordinary pods never preempt
   * it, and never preempting anything itself; only booked pods preempt it.
   */
  static final int OPPORTUNISTIC_PRIORITY = 1_000;
  /** The annotation that marks a workspace pod as spawned for a booking (its id). */
  static final String BOOKING_ANNOTATION = "maia.dev/booking";
  /** The file of the cluster overlay that holds the cluster-wide GPU resources. */
  static final String CLUSTER_FILE = "gpu-policy.yaml";

  private final Platform platform;
  private final GpuSchedule schedule;
  private final NativeGpuRenderer nativeMode;
  private final KueueRenderer kueue;

  GpuPolicyRenderer(Platform platform, GpuSchedule schedule) {
    this.platform = platform;
    this.schedule = schedule;
    this.nativeMode = new NativeGpuRenderer(this);
    this.kueue = new KueueRenderer(this);
  }

  Platform platform() {
    return platform;
  }

  GpuSchedule schedule() {
    return schedule;
  }

  boolean kueue() {
    return schedule.scheduling() == Scheduling.KUEUE;
  }

  /** Whether the cluster has GPUs, and so enforces the GPU policy. */
  static boolean enforced(Cluster cluster) {
    return !cluster.gpus().isEmpty();
  }

  /** GPUs the project may use without a booking on the cluster: its {@code gpu.quota}. */
  static int quota(Project project) {
    return project.gpu().map(Project.ProjectGpu::quota).orElse(0);
  }

  /** GPUs of the project's announced bookings on the cluster. */
  int announcedGpus(Project project, Cluster cluster) {
    return schedule.announced(project.name(), cluster.name()).stream().mapToInt(Booking::gpus).sum();
  }

  /** GPUs of the project's active bookings of {@code product} on the cluster. */
  int activeGpus(Project project, Cluster cluster, String product) {
    return schedule.active(project.name(), cluster.name()).stream()
        .filter(b -> b.product().equals(product))
        .mapToInt(Booking::gpus)
        .sum();
  }

  /**
   * {@code requests.nvidia.com/gpu} of the namespace's overall quota ({@code maia-quota}). Native:
   * the quota plus the announced bookings, so the two scoped quotas are what really limits. Kueue:
   * the most Kueue may admit (nominal quota plus borrowing limit), so that pods waiting in the queue,
   * which count against the quota from their creation, are not refused before Kueue decides.
   */
  int namespaceGpus(Project project, Cluster cluster) {
    if (!enforced(cluster)) {
      return quota(project);
    }
    return kueue() ? kueue.admissibleGpus(project, cluster) : quota(project) + announcedGpus(project, cluster);
  }

  /**
   * The most GPUs one pod of the namespace may ask for (its LimitRange): {@code maxPerWorkspace},
   * or more while a booking of more GPUs is announced; empty for a project with neither.
   */
  Optional<Integer> podGpus(Project project, Cluster cluster) {
    Optional<Integer> perWorkspace = project.gpu().map(Project.ProjectGpu::maxPerWorkspace);
    int booked =
        enforced(cluster)
            ? schedule.announced(project.name(), cluster.name()).stream().mapToInt(Booking::gpus).max().orElse(0)
            : 0;
    if (perWorkspace.isEmpty() && booked == 0) {
      return Optional.empty();
    }
    return Optional.of(Math.max(perWorkspace.orElse(0), booked));
  }

  /** Extra resources of the project namespace on the cluster (scoped quotas, or a LocalQueue). */
  List<JsonNode> namespaceResources(Project project, Cluster cluster) {
    if (!enforced(cluster)) {
      return List.of();
    }
    return kueue() ? kueue.namespaceResources(project, cluster) : nativeMode.namespaceResources(project, cluster);
  }

  /** The cluster-wide resources of a cluster with GPUs; empty for one without. */
  List<JsonNode> clusterResources(Cluster cluster, List<Project> projects) {
    if (!enforced(cluster)) {
      return List.of();
    }
    return kueue() ? kueue.clusterResources(cluster, projects) : nativeMode.clusterResources(cluster, projects);
  }

  /** The cluster-scoped kinds the overlays may create, as {group, kind}, for the platform AppProject. */
  List<String[]> clusterKinds() {
    if (platform.clusters().stream().noneMatch(GpuPolicyRenderer::enforced)) {
      return List.of();
    }
    return kueue() ? KueueRenderer.CLUSTER_KINDS : NativeGpuRenderer.CLUSTER_KINDS;
  }

  /** The {@value #PRODUCT_LABEL} of the nodes of a product on a cluster ({@link GpuPool#nodeLabel()}). */
  static String nodeLabel(Cluster cluster, String product) {
    return cluster.gpu(product).map(GpuPool::nodeLabel).orElse(product);
  }

  /** The GPUs of a product on a cluster (validation guarantees it exists). */
  static GpuPool pool(Cluster cluster, String product) {
    return cluster.gpu(product).orElseThrow();
  }
}
