package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import dev.maia.core.load.LockReader;
import dev.maia.core.load.RepoFiles;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Lock.Slot;
import dev.maia.core.plan.PortAllocator.Allocation;
import dev.maia.core.plan.PortAllocator.Change;
import dev.maia.core.plan.PortAllocator.Exhaustion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Problems of the allocation lock: a port range too small for the ports the platform needs, and,
 * when the lock is frozen (CI), any change the platform would make to it.
 */
public final class LockRules {

  private LockRules() {}

  /** One problem per exhausted range, at the range (or its cluster, when the range is the default). */
  public static List<Problem> exhausted(Allocation allocation, SourceMap sources) {
    Problems problems = new Problems(sources);
    for (Exhaustion e : allocation.exhausted()) {
      String range = e.range().key();
      String pointer = Pointers.cluster(e.clusterIndex()) + "/ports/" + range;
      int size = e.ports().to() - e.ports().from() + 1;
      problems.add(
          pointer,
          "the " + range + " port range " + e.ports() + " of cluster '" + e.cluster().name() + "' is exhausted: "
              + e.needed() + " ports are needed, it has " + Math.max(0, size),
          "widen spec.clusters[" + e.clusterIndex() + "].ports." + range + (sources.contains(pointer) ? "" : " (the default is used)")
              + (range.equals("ssh") ? ", or turn ssh off in some projects" : ", or remove orthanc from some projects"));
    }
    return problems.list();
  }

  /** One problem per change a frozen lock would need, located in the lock file where it can be. */
  public static List<Problem> frozen(Allocation allocation, Optional<RepoFiles.Document> lockFile) {
    List<Problem> problems = new ArrayList<>();
    for (Change change : allocation.changes()) {
      String pointer = pointer(change.slot());
      SourceLocation at = lockFile.map(d -> d.locate(pointer)).orElse(SourceLocation.startOf(LockReader.FILE));
      problems.add(
          new Problem(
              at,
              pointer,
              LockReader.FILE + " is out of date: it would have " + change.describe(),
              "run maia:generate without maia.lock.frozen and commit " + LockReader.FILE));
    }
    return problems;
  }

  /** The pointer of a slot in the lock file. */
  static String pointer(Slot slot) {
    String base = "/ports/" + LockReader.escape(slot.cluster()) + "/" + slot.range().key() + "/" + LockReader.escape(slot.project());
    return slot.user().isEmpty() ? base : base + "/" + LockReader.escape(slot.user());
  }
}
