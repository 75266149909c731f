package dev.maia.core.model;

import java.util.List;
import java.util.Optional;

/**
 * A staged rollout ({@code spec.rollout}): clusters are updated in waves, in the order listed, each
 * wave selecting its clusters by their labels. Validation makes sure that every cluster is in
 * exactly one wave and every wave selects a cluster. No waves means no staging: every cluster at
 * once.
 */
public record Rollout(List<Wave> waves) {

  /** No staged rollout. */
  public static final Rollout NONE = new Rollout(List.of());

  public Rollout {
    waves = List.copyOf(waves);
  }

  public boolean staged() {
    return !waves.isEmpty();
  }

  /** The first wave that selects the cluster; empty without rollout or when none does. */
  public Optional<Wave> waveOf(Cluster cluster) {
    return waves.stream().filter(w -> w.clusters().matches(cluster.selectorLabels())).findFirst();
  }

  /** The position of the cluster's wave (from 0); 0 without rollout. */
  public int indexOf(Cluster cluster) {
    return waveOf(cluster).map(waves::indexOf).orElse(0);
  }

  /** One wave: a name and the clusters it updates. */
  public record Wave(String name, ClusterSelector clusters) {}
}
