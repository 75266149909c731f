package dev.maia.core.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The lock ({@code maia.lock} next to {@code platform.yaml}): every NodePort handed out, by what it
 * was handed out to, and the digest of every chart {@code maia:verify} pulled. Output is a pure
 * function of the platform, this lock and the instant; the ports change only where the platform
 * asks for a port it does not have yet, or no longer needs one it has, and a chart's digest is
 * written once, when it is first pulled, and checked on every later pull.
 */
public record Lock(SortedMap<Slot, Integer> ports, SortedMap<ChartRef, String> charts) {

  public static final Lock EMPTY = new Lock(new TreeMap<>());

  /** How a chart digest is written: {@code sha256:} and 64 lower-case hex digits, as OCI writes it. */
  public static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("sha256:[0-9a-f]{64}");

  public Lock {
    ports = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(ports));
    charts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(charts));
  }

  /** A lock of ports and no chart digests. */
  public Lock(SortedMap<Slot, Integer> ports) {
    this(ports, new TreeMap<>());
  }

  /** This lock with {@code charts} as its chart digests. */
  public Lock withCharts(SortedMap<ChartRef, String> charts) {
    return new Lock(ports, charts);
  }

  /** The digest recorded for a chart, if {@code maia:verify} has pulled it. */
  public Optional<String> digest(ChartRef chart) {
    return Optional.ofNullable(charts.get(chart));
  }

  public boolean isEmpty() {
    return ports.isEmpty() && charts.isEmpty();
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
