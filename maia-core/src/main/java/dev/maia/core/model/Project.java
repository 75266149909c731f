package dev.maia.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A research or clinical project: a namespace on each of its clusters with its tools.
 *
 * @param group the OIDC group whose members work in the project
 * @param tools tool id to its settings, sorted by id
 * @param clusterOverrides cluster name to what changes on that cluster ({@code clusterOverrides});
 *     {@link #on(String)} applies them
 */
public record Project(
    String name,
    List<String> clusters,
    String description,
    List<String> users,
    List<String> admins,
    String group,
    Resources resources,
    Optional<ProjectGpu> gpu,
    SortedMap<String, ToolSettings> tools,
    SortedMap<String, ClusterOverride> clusterOverrides) {

  public Project {
    clusters = List.copyOf(clusters);
    users = List.copyOf(users);
    admins = List.copyOf(admins);
    tools = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tools));
    clusterOverrides = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(clusterOverrides));
  }

  /** A project without per-cluster overrides. */
  public Project(
      String name,
      List<String> clusters,
      String description,
      List<String> users,
      List<String> admins,
      String group,
      Resources resources,
      Optional<ProjectGpu> gpu,
      SortedMap<String, ToolSettings> tools) {
    this(name, clusters, description, users, admins, group, resources, gpu, tools, new TreeMap<>());
  }

  /** The people of the project as it lists them: its users, then its admins. */
  public List<String> members() {
    List<String> members = new ArrayList<>(users);
    members.addAll(admins);
    return List.copyOf(members);
  }

  /** The project's host on {@code cluster}, under which its tools are served. */
  public String host(Cluster cluster) {
    return name + "." + cluster.domain();
  }

  /** The namespace of the project on each of its clusters. */
  public String namespace() {
    return name;
  }

  /**
   * The project as it runs on {@code cluster}: its override for that cluster applied to resources,
   * GPUs and tools. The result has no overrides left; a cluster without an override gets the project
   * as it is.
   */
  public Project on(String cluster) {
    ClusterOverride override = clusterOverrides.get(cluster);
    if (override == null) {
      return this;
    }
    SortedMap<String, ToolSettings> effectiveTools = new TreeMap<>(tools);
    override.omitTools().forEach(effectiveTools::remove);
    effectiveTools.putAll(override.tools());
    return new Project(
        name,
        clusters,
        description,
        users,
        admins,
        group,
        override.resources().applyTo(resources),
        override.gpu().map(g -> g.applyTo(gpu)).orElse(gpu),
        effectiveTools,
        new TreeMap<>());
  }

  /**
   * The project's JupyterHub with its defaults applied (one user server's size, how many run at
   * once), or empty without a workspace; {@code on(cluster).workspace()} is the one on a cluster.
   */
  public Optional<Workspace> workspace() {
    return Workspace.of(this);
  }

  /** Compute and storage of the project namespace (Kubernetes quantities, as written). */
  public record Resources(Range cpu, Range memory, String storage) {}

  /** A request and a limit. */
  public record Range(String request, String limit) {}

  /** The project's GPUs: usable at any time without a booking, preemptible. */
  public record ProjectGpu(String product, int quota, int maxPerWorkspace) {}

  /**
   * What changes for a project on one of its clusters. Omitted fields keep the project's values.
   *
   * @param tools tools added on the cluster, or whose settings replace the project's there
   * @param omitTools tools of the project that the cluster does not get
   */
  public record ClusterOverride(
      ResourcesOverride resources, Optional<GpuOverride> gpu, SortedMap<String, ToolSettings> tools, List<String> omitTools) {

    public ClusterOverride {
      tools = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tools));
      omitTools = List.copyOf(omitTools);
    }
  }

  /** The quantities an override sets; each one that is empty keeps the project's. */
  public record ResourcesOverride(
      Optional<String> cpuRequest,
      Optional<String> cpuLimit,
      Optional<String> memoryRequest,
      Optional<String> memoryLimit,
      Optional<String> storage) {

    public static final ResourcesOverride NONE =
        new ResourcesOverride(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    Resources applyTo(Resources base) {
      return new Resources(
          new Range(cpuRequest.orElse(base.cpu().request()), cpuLimit.orElse(base.cpu().limit())),
          new Range(memoryRequest.orElse(base.memory().request()), memoryLimit.orElse(base.memory().limit())),
          storage.orElse(base.storage()));
    }
  }

  /** The GPU fields an override sets; each one that is empty keeps the project's. */
  public record GpuOverride(Optional<String> product, Optional<Integer> quota, Optional<Integer> maxPerWorkspace) {

    /**
     * The project's GPUs with this override applied. Without GPUs of its own, the project gets GPUs
     * on the cluster only when the override names a product (validation requires it).
     */
    Optional<ProjectGpu> applyTo(Optional<ProjectGpu> base) {
      if (base.isEmpty() && product.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new ProjectGpu(
              product.orElseGet(() -> base.orElseThrow().product()),
              quota.orElseGet(() -> base.map(ProjectGpu::quota).orElse(0)),
              maxPerWorkspace.orElseGet(() -> base.map(ProjectGpu::maxPerWorkspace).orElse(Defaults.GPU_MAX_PER_WORKSPACE))));
    }
  }
}
