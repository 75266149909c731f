package dev.maia.core.plan;

import dev.maia.core.model.Cluster;
import dev.maia.core.model.Cluster.PortRange;
import dev.maia.core.model.Lock;
import dev.maia.core.model.Lock.Range;
import dev.maia.core.model.Lock.Slot;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.WorkspaceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hands out NodePorts from each cluster's {@code ports} ranges, deterministically and stably: a
 * slot that the previous lock gave a port inside the range keeps it; a new slot gets the lowest
 * free port of the range, slots taken in sorted order; a slot that is no longer needed gives its
 * port back. So adding or removing a user or a project never moves anyone else's port.
 */
public final class PortAllocator {

  /** The new lock, what changed against the previous one, and the ranges that ran out. */
  public record Allocation(Lock lock, List<Change> changes, List<Exhaustion> exhausted) {
    public Allocation {
      changes = List.copyOf(changes);
      exhausted = List.copyOf(exhausted);
    }
  }

  /** One slot whose port was allocated, moved or released. */
  public record Change(Slot slot, Optional<Integer> before, Optional<Integer> after) {

    /** {@code allocated ssh port 30001 of ... } for the log. */
    public String describe() {
      if (before.isEmpty()) {
        return "allocated " + slot.describe() + ": " + after.orElseThrow();
      }
      if (after.isEmpty()) {
        return "released " + slot.describe() + ": " + before.get();
      }
      return "moved " + slot.describe() + " from " + before.get() + " to " + after.get() + " (outside the range)";
    }
  }

  /** A range with fewer free ports than slots that need one. */
  public record Exhaustion(int clusterIndex, Cluster cluster, Range range, PortRange ports, int needed) {}

  /** Allocates every port the platform needs, starting from {@code previous}. */
  public Allocation allocate(Platform platform, Lock previous) {
    SortedMap<Slot, Integer> ports = new TreeMap<>();
    List<Exhaustion> exhausted = new ArrayList<>();
    for (int j = 0; j < platform.clusters().size(); j++) {
      Cluster cluster = platform.clusters().get(j);
      for (Range range : Range.values()) {
        PortRange bounds = range == Range.SSH ? cluster.ports().ssh() : cluster.ports().dicom();
        SortedSet<Slot> needed = needed(platform, cluster, range);
        Map<Slot, Integer> kept = new TreeMap<>();
        Set<Integer> used = new TreeSet<>();
        for (Slot slot : needed) {
          Optional<Integer> old = previous.port(slot);
          if (old.isPresent() && inside(old.get(), bounds) && used.add(old.get())) {
            kept.put(slot, old.get());
          }
        }
        int next = bounds.from();
        int missing = 0;
        for (Slot slot : needed) {
          if (kept.containsKey(slot)) {
            continue;
          }
          while (next <= bounds.to() && used.contains(next)) {
            next++;
          }
          if (next > bounds.to()) {
            missing++;
            continue;
          }
          used.add(next);
          kept.put(slot, next);
        }
        if (missing > 0) {
          exhausted.add(new Exhaustion(j, cluster, range, bounds, needed.size()));
        }
        ports.putAll(kept);
      }
    }
    Lock lock = new Lock(ports, previous.charts());
    return new Allocation(lock, changes(previous, lock), exhausted);
  }

  /** The slots of a range of a cluster that need a port (for each project as it is there), sorted. */
  static SortedSet<Slot> needed(Platform platform, Cluster cluster, Range range) {
    SortedSet<Slot> slots = new TreeSet<>();
    for (Project written : platform.projects()) {
      if (!written.clusters().contains(cluster.name())) {
        continue;
      }
      Project project = written.on(cluster.name());
      if (range == Range.SSH && project.tools().containsKey("workspace") && project.tools().get("workspace").flag("ssh")) {
        WorkspaceNames.sshUsers(project).forEach(user -> slots.add(Slot.ssh(cluster.name(), project.name(), user)));
      }
      if (range == Range.DICOM && project.tools().containsKey("orthanc")) {
        slots.add(Slot.dicom(cluster.name(), project.name()));
      }
    }
    return slots;
  }

  private static boolean inside(int port, PortRange range) {
    return port >= range.from() && port <= range.to();
  }

  private static List<Change> changes(Lock before, Lock after) {
    SortedSet<Slot> slots = new TreeSet<>(before.ports().keySet());
    slots.addAll(after.ports().keySet());
    List<Change> changes = new ArrayList<>();
    for (Slot slot : slots) {
      Optional<Integer> b = before.port(slot);
      Optional<Integer> a = after.port(slot);
      if (!b.equals(a)) {
        changes.add(new Change(slot, b, a));
      }
    }
    return changes;
  }
}
