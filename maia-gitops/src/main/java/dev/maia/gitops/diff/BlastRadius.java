package dev.maia.gitops.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a change deletes, per cluster: Applications (ArgoCD then deletes what they deployed),
 * namespaces and AppProjects. A resource belongs to the cluster its {@code maia.dev/cluster} label
 * names; AppProjects live on the ArgoCD cluster and are listed under {@link #ARGOCD}.
 */
public record BlastRadius(SortedMap<String, Removed> perCluster) {

  /** The bucket of resources that carry no cluster label (AppProjects). */
  public static final String ARGOCD = "(ArgoCD)";

  public BlastRadius {
    perCluster = Collections.unmodifiableSortedMap(new TreeMap<>(perCluster));
  }

  /** What is removed on one cluster. */
  public record Removed(List<ResourceKey> applications, List<ResourceKey> namespaces, List<ResourceKey> appProjects) {

    public Removed {
      applications = List.copyOf(applications);
      namespaces = List.copyOf(namespaces);
      appProjects = List.copyOf(appProjects);
    }

    public int total() {
      return applications.size() + namespaces.size() + appProjects.size();
    }
  }

  static BlastRadius of(List<ResourceChange> changes) {
    Map<String, List<List<ResourceKey>>> lists = new TreeMap<>();
    for (ResourceChange change : changes) {
      // an Application whose ApplicationSet element goes is deleted too (applicationsSync: sync), and so is
      // what it ran (the set does not preserve resources): it counts as one written as a file does
      if (change.type() != ResourceChange.Type.REMOVED) {
        continue;
      }
      int slot =
          switch (change.key().kind()) {
            case "Application" -> 0;
            case "Namespace" -> 1;
            case "AppProject" -> 2;
            default -> -1;
          };
      if (slot < 0) {
        continue;
      }
      String cluster = change.before().label("maia.dev/cluster");
      List<List<ResourceKey>> removed =
          lists.computeIfAbsent(cluster.isEmpty() ? ARGOCD : cluster, c -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
      removed.get(slot).add(change.key());
    }
    SortedMap<String, Removed> perCluster = new TreeMap<>();
    lists.forEach((cluster, l) -> perCluster.put(cluster, new Removed(l.get(0), l.get(1), l.get(2))));
    return new BlastRadius(perCluster);
  }

  public boolean isEmpty() {
    return perCluster.isEmpty();
  }

  /** Removed Applications and namespaces, on every cluster: what {@code maia.allowDeletions} limits. */
  public List<ResourceKey> guarded() {
    List<ResourceKey> guarded = new ArrayList<>();
    perCluster.values().forEach(r -> {
      guarded.addAll(r.applications());
      guarded.addAll(r.namespaces());
    });
    return guarded;
  }
}
