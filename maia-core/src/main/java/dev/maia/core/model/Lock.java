package dev.maia.core.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The allocation lock ({@code maia.lock} next to {@code platform.yaml}): every NodePort handed out,
 * by what it was handed out to. Output is a pure function of the platform, this lock and the
 * instant; the lock changes only where the platform asks for a port it does not have yet, or no
 * longer needs one it has.
 */
public record Lock(SortedMap<Slot, Integer> ports) {

  public static final Lock EMPTY = new Lock(new TreeMap<>());

  public Lock {
    ports = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(ports));
  }

  public Optional<Integer> port(Slot slot) {
    return Optional.ofNullable(ports.get(slot));
  }

  /** The ports of one range of one cluster, by slot. */
  public SortedMap<Slot, Integer> ports(String cluster, Range range) {
    SortedMap<Slot, Integer> result = new TreeMap<>();
    ports.forEach((slot, port) -> {
      if (slot.cluster().equals(cluster) && slot.range() == range) {
        result.put(slot, port);
      }
    });
    return result;
  }

  /** The NodePort ranges of a cluster ({@code spec.clusters[].ports}). */
  public enum Range {
    /** SSH into a user's workspace: one port per user of a project with {@code workspace.ssh}. */
    SSH("ssh"),
    /** DICOM into a project's Orthanc: one port per project with {@code orthanc}. */
    DICOM("dicom");

    private final String key;

    Range(String key) {
      this.key = key;
    }

    /** The name of the range in the platform and the lock file. */
    public String key() {
      return key;
    }

    public static Optional<Range> of(String key) {
      for (Range r : values()) {
        if (r.key.equals(key)) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * What a port is handed out to: a user's SSH into a project's workspace on a cluster, or a
   * project's DICOM endpoint on a cluster ({@code user} empty). Users are lower-case e-mails.
   */
  public record Slot(String cluster, Range range, String project, String user) implements Comparable<Slot> {

    private static final Comparator<Slot> ORDER =
        Comparator.comparing(Slot::cluster)
            .thenComparing(Slot::range)
            .thenComparing(Slot::project)
            .thenComparing(Slot::user);

    public Slot {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(user, "user");
    }

    public static Slot ssh(String cluster, String project, String user) {
      return new Slot(cluster, Range.SSH, project, user);
    }

    public static Slot dicom(String cluster, String project) {
      return new Slot(cluster, Range.DICOM, project, "");
    }

    @Override
    public int compareTo(Slot other) {
      return ORDER.compare(this, other);
    }

    /** {@code ssh port of pi@kth.se in project 'brain-mets' on cluster 'ki-hospital'}. */
    public String describe() {
      String owner = user.isEmpty() ? "" : " of " + user;
      return range.key() + " port" + owner + " in project '" + project + "' on cluster '" + cluster + "'";
    }
  }
}
