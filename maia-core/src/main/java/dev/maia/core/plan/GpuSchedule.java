package dev.maia.core.plan;

import dev.maia.core.model.Booking;
import dev.maia.core.model.GpuPolicy.Scheduling;
import dev.maia.core.model.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one place where time enters the output: which GPU bookings are in force at {@code now}, and
 * the instants at which that changes. Everything time-dependent that is rendered (booked quotas,
 * admission-policy params, the workspaces' booked profiles, Kueue quotas, the calendar's "now")
 * asks this class, so the output changes exactly at {@link #changes()} and nowhere else.
 *
 * <p>A booking is <em>announced</em> from {@link #LOOK_AHEAD} before its start until its end:
 * {@code [start - LOOK_AHEAD, end)}. Announced bookings are written where the cluster enforces the
 * window itself (the admission policy compares the pod's creation time with the booking), so a
 * scheduled CI run at any time in the day before a start is early enough. A booking is
 * <em>active</em> on {@code [start, end)}; Kueue's quotas have no clock, so in Kueue mode they follow
 * the active bookings and change at the start too.
 */
public final class GpuSchedule {

  /**
   * How long before its start a booking reaches the clusters. 24 hours: a daily CI run is enough
   * to be on time, and a booking added less than a day ahead is enforced as soon as it is merged.
   */
  public static final Duration LOOK_AHEAD = Duration.ofHours(24);

  private final List<Booking> bookings;
  /** The bookings of each project on each cluster ({@code project + " " + cluster}), by start then id. */
  private final Map<String, List<Booking>> byPlacement;
  private final Scheduling scheduling;
  private final Instant now;
  private final NavigableSet<Instant> changes;

  private GpuSchedule(List<Booking> bookings, Scheduling scheduling, Instant now) {
    this.bookings = bookings.stream().sorted(Booking.BY_START_THEN_ID).toList();
    this.byPlacement = this.bookings.stream()
        .collect(Collectors.groupingBy(b -> placement(b.project(), b.cluster()), Collectors.toList()));
    this.scheduling = scheduling;
    this.now = Objects.requireNonNull(now, "now");
    TreeSet<Instant> instants = new TreeSet<>();
    for (Booking booking : this.bookings) {
      instants.add(booking.start().minus(LOOK_AHEAD));
      instants.add(booking.end());
      if (scheduling == Scheduling.KUEUE) {
        instants.add(booking.start());
      }
    }
    this.changes = java.util.Collections.unmodifiableNavigableSet(instants);
  }

  /** The schedule of a valid platform at {@code now}. */
  public static GpuSchedule of(Platform platform, Instant now) {
    return new GpuSchedule(platform.bookings(), platform.gpuPolicy().scheduling(), now);
  }

  public Instant now() {
    return now;
  }

  public Scheduling scheduling() {
    return scheduling;
  }

  /** Whether {@code booking} is announced at now: {@code start - LOOK_AHEAD <= now < end}. */
  public boolean announced(Booking booking) {
    return !now.isBefore(booking.start().minus(LOOK_AHEAD)) && now.isBefore(booking.end());
  }

  /** The announced bookings of a project on a cluster, by start then id. */
  public List<Booking> announced(String project, String cluster) {
    return byPlacement.getOrDefault(placement(project, cluster), List.of()).stream().filter(this::announced).toList();
  }

  /** The bookings of a project on a cluster that are active at now, by start then id. */
  public List<Booking> active(String project, String cluster) {
    return byPlacement.getOrDefault(placement(project, cluster), List.of()).stream().filter(b -> b.activeAt(now)).toList();
  }

  private static String placement(String project, String cluster) {
    return project + " " + cluster;
  }

  /** Every booking of one product on one cluster, past ones included, by start then id. */
  public List<Booking> pool(String cluster, String product) {
    return bookings.stream().filter(b -> b.cluster().equals(cluster) && b.product().equals(product)).toList();
  }

  /** Every instant at which the output changes, ascending. */
  public NavigableSet<Instant> changes() {
    return changes;
  }

  /** The first instant after now at which the output changes; empty when it never will. */
  public Optional<Instant> nextChange() {
    return Optional.ofNullable(changes.higher(now));
  }

  /** The last instant at or before now at which the output changed; empty before the first change. */
  public Optional<Instant> previousChange() {
    return Optional.ofNullable(changes.floor(now));
  }
}
