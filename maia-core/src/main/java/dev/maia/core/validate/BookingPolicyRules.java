package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Booking;
import dev.maia.core.model.BookingCalendar;
import dev.maia.core.model.BookingCalendar.Overbooking;
import dev.maia.core.model.Cluster.GpuPool;
import dev.maia.core.model.GpuPolicy;
import dev.maia.core.model.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * MAIA's booking policy ({@code spec.gpuPolicy}) over all bookings at once:
 *
 * <ol>
 *   <li>duration: a booking lasts from {@code minDuration} to {@code maxDuration}, both included;
 *   <li>future bookings: a user has at most {@code maxFutureBookings} bookings that start after
 *       {@code now}, counted across projects;
 *   <li>overlap: a user's bookings never overlap;
 *   <li>cooldown: a user's next booking starts at least {@code cooldown} after their previous one
 *       ends;
 *   <li>capacity: at no instant do the bookings of a product on a cluster hold more GPUs than it
 *       has (cards x replicas); exactly full is fine.
 * </ol>
 *
 * <p>Bookings are judged in {@link Booking#BY_START_THEN_ID} order. When two conflict, the later one
 * is reported, naming the earlier one; a reported booking is then left out when the bookings after
 * it are judged, so one misplaced booking gives one problem. Each problem gives the earliest start
 * that would satisfy its rule. Users are the same person when their e-mails are equal ignoring case.
 *
 * <p>Left to other rules, one problem per value: a window that does not end after it starts ({@link
 * BookingRules}), an unknown cluster or product ({@link ReferenceRules}), and a booking of more GPUs
 * than its pool has at all ({@link GpuRules}); such bookings take no part in the rules they would
 * only repeat.
 */
final class BookingPolicyRules implements SemanticRule {

  private final Instant now;

  /** @param now decides which bookings are in the future; the other rules do not depend on it */
  BookingPolicyRules(Instant now) {
    this.now = Objects.requireNonNull(now, "now");
  }

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    Judging judging = new Judging(platform.gpuPolicy(), sources, problems);
    List<Booking> bookings = new ArrayList<>();
    for (int k = 0; k < platform.bookings().size(); k++) {
      Booking booking = platform.bookings().get(k);
      if (booking.start().isBefore(booking.end())) {
        judging.index.put(booking, k);
        bookings.add(booking);
      }
    }
    bookings.sort(Booking.BY_START_THEN_ID); // stable: equal ids at equal starts keep document order

    if (policyIsSatisfiable(platform.gpuPolicy(), problems)) {
      bookings.forEach(judging::duration);
    }
    Map<String, List<Booking>> byUser = new TreeMap<>();
    bookings.forEach(b -> byUser.computeIfAbsent(Emails.key(b.user()), u -> new ArrayList<>()).add(b));
    for (List<Booking> ofUser : byUser.values()) {
      judging.futureBookings(ofUser, now);
      judging.separation(ofUser);
    }
    Map<Pool, List<Booking>> byPool = new LinkedHashMap<>();
    for (Booking booking : bookings) {
      Optional<GpuPool> pool = platform.cluster(booking.cluster()).flatMap(c -> c.gpu(booking.product()));
      if (pool.isPresent() && booking.gpus() >= 1 && booking.gpus() <= pool.get().capacity()) {
        byPool.computeIfAbsent(new Pool(booking.cluster(), pool.get()), p -> new ArrayList<>()).add(booking);
      }
    }
    byPool.forEach(judging::capacity);
  }

  /** A product on a cluster. */
  private record Pool(String cluster, GpuPool gpus) {}

  /** A minimum longer than the maximum would fail every booking; it is reported once instead. */
  private static boolean policyIsSatisfiable(GpuPolicy policy, Problems problems) {
    if (policy.minDuration().compareTo(policy.maxDuration()) > 0) {
      problems.add(
          "/spec/gpuPolicy/minDuration",
          "gpuPolicy.minDuration "
              + Hints.duration(policy.minDuration())
              + " is longer than gpuPolicy.maxDuration "
              + Hints.duration(policy.maxDuration())
              + ", so no booking can be valid",
          "lower minDuration or raise maxDuration");
      return false;
    }
    return true;
  }

  /** One run of the rules: the policy, where each booking was written, and the problems found. */
  private static final class Judging {

    private final GpuPolicy policy;
    private final SourceMap sources;
    private final Problems problems;

    /**
     * Each judged booking to its index in {@code spec.bookings}. By identity: two bookings may be
     * equal in every field (a copy-paste), and each must keep its own place.
     */
    private final Map<Booking, Integer> index = new IdentityHashMap<>();

    Judging(GpuPolicy policy, SourceMap sources, Problems problems) {
      this.policy = policy;
      this.sources = sources;
      this.problems = problems;
    }

    void duration(Booking booking) {
      Duration length = booking.duration();
      if (length.compareTo(policy.minDuration()) < 0) {
        report(
            booking,
            "/end",
            "duration",
            "it lasts " + Hints.duration(length) + ", less than gpuPolicy.minDuration " + Hints.duration(policy.minDuration()),
            "end it at or after " + booking.start().plus(policy.minDuration()) + ", "
                + Hints.duration(policy.minDuration()) + " after its start");
      } else if (length.compareTo(policy.maxDuration()) > 0) {
        report(
            booking,
            "/end",
            "duration",
            "it lasts " + Hints.duration(length) + ", more than gpuPolicy.maxDuration " + Hints.duration(policy.maxDuration()),
            "end it at or before " + booking.start().plus(policy.maxDuration()) + ", "
                + Hints.duration(policy.maxDuration()) + " after its start");
      }
    }

    /** The first {@code maxFutureBookings} future bookings of a user are fine, the later ones not. */
    void futureBookings(List<Booking> ofUser, Instant now) {
      List<Booking> future = ofUser.stream().filter(b -> b.start().isAfter(now)).toList();
      int allowed = Math.max(0, policy.maxFutureBookings()); // the schema refuses a negative count
      if (future.size() <= allowed) {
        return;
      }
      List<Booking> kept = future.subList(0, allowed);
      for (Booking booking : future.subList(allowed, future.size())) {
        if (kept.isEmpty()) {
          report(
              booking,
              "/start",
              "future-bookings",
              "it starts after now (" + now + ") and gpuPolicy.maxFutureBookings is 0",
              "add it once it has started, at or after " + booking.start());
        } else {
          report(
              booking,
              "/start",
              "future-bookings",
              "user '" + booking.user() + "' already has " + kept.size()
                  + (kept.size() == 1 ? " booking that starts" : " bookings that start") + " after now (" + now
                  + "), the most gpuPolicy.maxFutureBookings allows: " + located(kept),
              "remove it, and add it again once '" + kept.get(0).id() + "' has started, at "
                  + kept.get(0).start());
        }
      }
    }

    /**
     * Overlap and cooldown. The user's bookings that passed so far never overlap, so the one that
     * ends last is the only one the next booking can collide with.
     */
    void separation(List<Booking> ofUser) {
      Booking previous = null;
      for (Booking booking : ofUser) {
        if (previous == null) {
          previous = booking;
          continue;
        }
        Instant earliest = previous.end().plus(policy.cooldown());
        if (booking.start().isBefore(previous.end())) {
          report(
              booking,
              "/start",
              "overlap",
              "user '" + booking.user() + "' already has booking " + located(List.of(previous)) + " from "
                  + previous.start() + " to " + previous.end() + ", and a user's bookings must not overlap",
              "start it at or after " + earliest + ", the end of '" + previous.id() + "' plus gpuPolicy.cooldown "
                  + Hints.duration(policy.cooldown()));
        } else if (booking.start().isBefore(earliest)) {
          report(
              booking,
              "/start",
              "cooldown",
              "it starts " + Hints.duration(Duration.between(previous.end(), booking.start())) + " after booking "
                  + located(List.of(previous)) + " of user '" + previous.user() + "' ends at " + previous.end()
                  + ", less than gpuPolicy.cooldown " + Hints.duration(policy.cooldown()),
              "start it at or after " + earliest);
        } else {
          previous = booking;
        }
      }
    }

    /**
     * The capacity sweep of one pool, and for each booking that does not fit, the earliest start at
     * which it would, with every other booking where it is.
     */
    void capacity(Pool where, List<Booking> ofPool) {
      GpuPool pool = where.gpus();
      for (Overbooking over : BookingCalendar.overbookings(pool.capacity(), ofPool)) {
        Booking booking = over.booking();
        List<Booking> others = ofPool.stream().filter(b -> b != booking).toList();
        String alternative =
            BookingCalendar.of(pool.capacity(), others)
                .earliestStart(booking.start(), booking.duration(), booking.gpus())
                .map(Instant::toString)
                .orElseThrow(); // it asks for no more than the pool has, so it fits once the others end
        report(
            booking,
            "/start",
            "capacity",
            "at its start " + booking.start() + ", " + located(over.holders()) + " already "
                + (over.holders().size() == 1 ? "holds " : "hold ") + over.booked() + " of the " + pool.capacity()
                + " '" + pool.product() + "' GPUs of cluster '" + where.cluster() + "', so its "
                + booking.gpus() + " more would make " + (over.booked() + booking.gpus()),
            "the earliest start at which it fits is " + alternative);
      }
    }

    /** {@code booking 'b-2' breaks the overlap rule: ...} at the booking's {@code field}. */
    private void report(Booking booking, String field, String rule, String what, String hint) {
      problems.add(
          Pointers.booking(index.get(booking)) + field,
          "booking '" + booking.id() + "' breaks the " + rule + " rule: " + what,
          hint);
    }

    /** {@code 'b-1' (bookings/a.yaml:3:5) and 'b-2' (platform.yaml:70:7)}, at most a few of them. */
    private String located(List<Booking> bookings) {
      List<String> named = new ArrayList<>();
      int shown = Math.min(bookings.size(), Hints.MAX_LISTED);
      for (Booking b : bookings.subList(0, shown)) {
        named.add("'" + b.id() + "' (" + sources.locate(Pointers.booking(index.get(b))) + ")");
      }
      int more = bookings.size() - shown;
      if (more > 0) {
        return String.join(", ", named) + " and " + more + " more";
      }
      if (named.size() == 1) {
        return named.get(0);
      }
      return String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
    }
  }
}
