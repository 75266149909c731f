package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Rollout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The traps of a staged rollout ({@code spec.rollout}), caught before anything is written:
 *
 * <ul>
 *   <li>a cluster that no wave selects: its root Application has no place in the order, and in
 *       applicationset mode no RollingSync step selects its Applications, so they would never sync;
 *   <li>a cluster that two waves select: its place in the order is ambiguous;
 *   <li>a wave that selects no cluster, almost always a misspelt label;
 *   <li>two waves of one name.
 * </ul>
 */
final class RolloutRules implements SemanticRule {

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    Rollout rollout = platform.rollout();
    if (!rollout.staged()) {
      return;
    }
    Map<String, Integer> names = new HashMap<>();
    List<List<String>> selected = new ArrayList<>();
    for (int w = 0; w < rollout.waves().size(); w++) {
      Rollout.Wave wave = rollout.waves().get(w);
      Integer earlier = names.putIfAbsent(wave.name(), w);
      if (earlier != null) {
        problems.add(
            Pointers.wave(w) + "/name",
            "wave '" + wave.name() + "' is already defined at " + sources.locate(Pointers.wave(earlier) + "/name"),
            "give each wave its own name");
      }
      List<String> clusters = new ArrayList<>();
      for (Cluster cluster : platform.clusters()) {
        if (wave.clusters().matches(cluster.selectorLabels())) {
          clusters.add(cluster.name());
        }
      }
      selected.add(clusters);
      if (clusters.isEmpty()) {
        problems.add(
            Pointers.wave(w) + "/clusters",
            "wave '" + wave.name() + "' selects no cluster",
            "the clusters' labels are " + labels(platform));
      }
    }
    for (int j = 0; j < platform.clusters().size(); j++) {
      Cluster cluster = platform.clusters().get(j);
      List<Integer> waves = new ArrayList<>();
      for (int w = 0; w < selected.size(); w++) {
        if (selected.get(w).contains(cluster.name())) {
          waves.add(w);
        }
      }
      if (waves.isEmpty()) {
        problems.add(
            Pointers.cluster(j) + "/name",
            "cluster '" + cluster.name() + "' is in no wave of spec.rollout: its root Application has no place in the order,"
                + " and in applicationset mode no RollingSync step would select its Applications, so they would never sync",
            "add a wave that selects it, for example by matchLabels {" + Cluster.NAME_LABEL + ": " + cluster.name() + "}");
      }
      for (int k = 1; k < waves.size(); k++) {
        int first = waves.get(0);
        int second = waves.get(k);
        problems.add(
            Pointers.wave(second) + "/clusters",
            "cluster '" + cluster.name() + "' is selected by wave '" + rollout.waves().get(second).name() + "' and already by wave '"
                + rollout.waves().get(first).name() + "' at " + sources.locate(Pointers.wave(first) + "/clusters"),
            "a cluster belongs to one wave; narrow one of the selectors");
      }
    }
  }

  /** Every {@code key=value} the clusters have, for a hint. */
  private static String labels(Platform platform) {
    TreeSet<String> all = new TreeSet<>();
    platform.clusters().forEach(c -> c.labels().forEach((k, v) -> all.add(k + "=" + v)));
    return all.isEmpty() ? "none: give the clusters labels such as env: research" : Hints.list(all);
  }
}
