package dev.maia.core.plan;

import dev.maia.core.model.Cluster;
import dev.maia.core.model.Project;
import java.util.List;

/**
 * An independent piece of the output: rendered alone (in parallel with the others), and owning a
 * disjoint set of files. Changing one project changes only the units that name it.
 */
public sealed interface Unit {

  /** Shared files: the project base, the platform AppProject and the ArgoCD kustomization. */
  record Federation(List<Cluster> clusters, List<Project> projects) implements Unit {
    public Federation {
      clusters = List.copyOf(clusters);
      projects = List.copyOf(projects);
    }
  }

  /**
   * Per cluster: its overlay, its Applications folder, its root Application and registration;
   * {@code projects} as they are on this cluster.
   */
  record ClusterUnit(Cluster cluster, List<Project> projects) implements Unit {
    public ClusterUnit {
      projects = List.copyOf(projects);
    }
  }

  /** Per project: its AppProject. */
  record ProjectUnit(Project project, List<Cluster> clusters) implements Unit {
    public ProjectUnit {
      clusters = List.copyOf(clusters);
    }
  }

  /**
   * Per project and cluster: the project namespace and the project's tool Applications there;
   * {@code project} as it is on this cluster.
   */
  record Placement(Project project, Cluster cluster) implements Unit {}
}
