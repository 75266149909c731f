package dev.maia.core.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A research or clinical project: a namespace on each of its clusters with its tools.
 *
 * @param group the OIDC group whose members work in the project
 * @param tools tool id to its settings, sorted by id
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
    SortedMap<String, ToolSettings> tools) {

  public Project {
    clusters = List.copyOf(clusters);
    users = List.copyOf(users);
    admins = List.copyOf(admins);
    tools = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tools));
  }

  /** The namespace of the project on each of its clusters. */
  public String namespace() {
    return name;
  }

  /** Compute and storage of the project namespace (Kubernetes quantities, as written). */
  public record Resources(Range cpu, Range memory, String storage) {}

  /** A request and a limit. */
  public record Range(String request, String limit) {}

  /** The project's GPUs: usable at any time without a booking, preemptible. */
  public record ProjectGpu(String product, int quota, int maxPerWorkspace) {}
}
