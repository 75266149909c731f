package dev.maia.core.plan;

import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decides what exists where: the units of the output, in a stable order. */
public final class Planner {

  /**
   * The units of a valid platform: one federation unit, one per cluster, project and placement. A
   * placement, and a cluster's list of projects, hold each project as it is on that cluster (its
   * {@code clusterOverrides} applied); a project unit holds the project as written.
   */
  public List<Unit> plan(Platform platform) {
    List<Cluster> clusters = platform.clusters().stream().sorted(Comparator.comparing(Cluster::name)).toList();
    List<Project> projects = platform.projects().stream().sorted(Comparator.comparing(Project::name)).toList();
    Map<String, Cluster> byName = new LinkedHashMap<>();
    clusters.forEach(c -> byName.put(c.name(), c));
    Map<String, List<Project>> projectsPerCluster = new LinkedHashMap<>();
    clusters.forEach(c -> projectsPerCluster.put(c.name(), new ArrayList<>()));

    List<Unit> units = new ArrayList<>();
    units.add(new Unit.Federation(clusters, projects));
    for (Project project : projects) {
      List<Cluster> placed = project.clusters().stream().map(byName::get).sorted(Comparator.comparing(Cluster::name)).toList();
      units.add(new Unit.ProjectUnit(project, placed));
      for (Cluster cluster : placed) {
        Project there = project.on(cluster.name());
        units.add(new Unit.Placement(there, cluster));
        projectsPerCluster.get(cluster.name()).add(there);
      }
    }
    for (Cluster cluster : clusters) {
      units.add(new Unit.ClusterUnit(cluster, projectsPerCluster.get(cluster.name())));
    }
    return List.copyOf(units);
  }
}
