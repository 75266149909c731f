package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Booking;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Cluster.GpuPool;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GPUs: a cluster lists each product once; a project's GPU product exists on every cluster it runs
 * on, and its quota and per-workspace maximum fit that cluster's capacity (cards x replicas); a
 * booking asks for no more GPUs than its cluster has of the product.
 */
final class GpuRules implements SemanticRule {

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    for (int j = 0; j < platform.clusters().size(); j++) {
      uniqueProducts(platform.clusters().get(j), j, sources, problems);
    }
    for (int i = 0; i < platform.projects().size(); i++) {
      projectGpu(platform, platform.projects().get(i), i, problems);
    }
    for (int k = 0; k < platform.bookings().size(); k++) {
      bookingGpus(platform, platform.bookings().get(k), k, problems);
    }
  }

  private static void uniqueProducts(Cluster cluster, int j, SourceMap sources, Problems problems) {
    Map<String, String> first = new HashMap<>();
    for (int g = 0; g < cluster.gpus().size(); g++) {
      String product = cluster.gpus().get(g).product();
      String pointer = Pointers.cluster(j) + "/gpus/" + g + "/product";
      String earlier = first.putIfAbsent(product, pointer);
      if (earlier != null) {
        problems.add(
            pointer,
            "GPU product '" + product + "' is already listed for cluster '" + cluster.name() + "' at " + sources.locate(earlier),
            "list each product once, with the total count");
      }
    }
  }

  /**
   * The project's GPUs on each of its clusters, with that cluster's override applied; each problem
   * is reported where the value in force on that cluster is written (the override, else the
   * project's gpu).
   */
  private static void projectGpu(Platform platform, Project project, int i, Problems problems) {
    for (String clusterName : project.clusters().stream().distinct().toList()) {
      Optional<Cluster> cluster = platform.cluster(clusterName);
      Optional<Project.ProjectGpu> effective = project.on(clusterName).gpu();
      if (cluster.isEmpty() || effective.isEmpty()) {
        continue; // an unknown cluster is reported by ReferenceRules
      }
      Project.ProjectGpu gpu = effective.get();
      Optional<Project.GpuOverride> override =
          Optional.ofNullable(project.clusterOverrides().get(clusterName)).flatMap(Project.ClusterOverride::gpu);
      String projectGpu = Pointers.project(i) + "/gpu";
      String overrideGpu = Pointers.override(i, clusterName) + "/gpu";
      String productAt = override.flatMap(Project.GpuOverride::product).isPresent() ? overrideGpu : projectGpu;
      String quotaAt = override.flatMap(Project.GpuOverride::quota).isPresent() ? overrideGpu : projectGpu;
      String maxAt = override.flatMap(Project.GpuOverride::maxPerWorkspace).isPresent() ? overrideGpu : projectGpu;
      Optional<GpuPool> pool = cluster.get().gpu(gpu.product());
      if (pool.isEmpty()) {
        List<String> products = cluster.get().gpus().stream().map(GpuPool::product).toList();
        problems.add(
            productAt + "/product",
            "'" + gpu.product() + "' is not a GPU product of cluster '" + clusterName + "'",
            Hints.didYouMean(
                gpu.product(), products, "its products are", "cluster '" + clusterName + "' has no GPUs; add them to its gpus"));
        continue;
      }
      int capacity = pool.get().capacity();
      if (gpu.quota() > capacity) {
        problems.add(
            quotaAt + "/quota",
            "GPU quota " + gpu.quota() + " is more than " + describe(clusterName, pool.get()),
            "lower the quota to at most " + capacity);
      }
      if (gpu.maxPerWorkspace() > capacity) {
        problems.add(
            maxAt + "/maxPerWorkspace",
            "maxPerWorkspace " + gpu.maxPerWorkspace() + " is more than " + describe(clusterName, pool.get()),
            "lower it to at most " + capacity);
      }
    }
  }

  private static void bookingGpus(Platform platform, Booking booking, int k, Problems problems) {
    Optional<GpuPool> pool = platform.cluster(booking.cluster()).flatMap(c -> c.gpu(booking.product()));
    if (pool.isPresent() && booking.gpus() > pool.get().capacity()) {
      problems.add(
          Pointers.booking(k) + "/gpus",
          "booking '" + booking.id() + "' asks for " + booking.gpus() + " GPUs, more than "
              + describe(booking.cluster(), pool.get()),
          "book at most " + pool.get().capacity());
    }
  }

  /** {@code the 8 'X' of cluster 'c' (8 cards x 1 replica)}. */
  private static String describe(String cluster, GpuPool pool) {
    return "the "
        + pool.capacity()
        + " '"
        + pool.product()
        + "' of cluster '"
        + cluster
        + "' ("
        + pool.count()
        + (pool.count() == 1 ? " card x " : " cards x ")
        + pool.replicas()
        + (pool.replicas() == 1 ? " replica)" : " replicas)");
  }
}
