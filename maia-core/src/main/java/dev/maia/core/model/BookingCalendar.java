package dev.maia.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The GPUs of one pool (one product on one cluster) booked over time: a step function built with
 * one sort of the bookings' start and end instants, in O(n log n). It tells how many GPUs are booked
 * at an instant or at most during a window, and the earliest start at which a new booking fits;
 * {@link #overbookings} finds the bookings that do not fit beside the ones judged before them.
 *
 * <p>Windows are half-open, {@code [start, end)}: a booking that ends at noon and one that starts at
 * noon never hold GPUs at the same time. Filling the pool exactly is allowed.
 *
 * <p>Shared by validation (the capacity rule) and by anything that schedules a new booking, which
 * asks {@link #earliestStart} for the first free slot.
 */
public final class BookingCalendar {

  private final int capacity;

  /** The instants at which the booked count changes, ascending. */
  private final Instant[] changes;

  /**
   * {@code booked[i]} GPUs are booked on {@code [changes[i], changes[i + 1])}; none before the first
   * change, none from the last one on.
   */
  private final int[] booked;

  private BookingCalendar(int capacity, Instant[] changes, int[] booked) {
    this.capacity = capacity;
    this.changes = changes;
    this.booked = booked;
  }

  /**
   * The calendar of a pool of {@code capacity} GPUs holding {@code bookings}, which must all be of
   * one cluster and product, each with a non-empty window and at least one GPU.
   *
   * @throws IllegalArgumentException if a booking is of another pool, empty, or has no GPU
   */
  public static BookingCalendar of(int capacity, Collection<Booking> bookings) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity " + capacity + " is negative");
    }
    Map<Instant, Long> deltas = new TreeMap<>(); // long: many large bookings may add up past an int
    Booking first = null;
    for (Booking booking : bookings) {
      requireWindow(booking);
      if (first == null) {
        first = booking;
      } else if (!first.cluster().equals(booking.cluster()) || !first.product().equals(booking.product())) {
        throw new IllegalArgumentException(
            "booking '" + booking.id() + "' is of another pool than booking '" + first.id() + "'");
      }
      deltas.merge(booking.start(), (long) booking.gpus(), Long::sum);
      deltas.merge(booking.end(), -(long) booking.gpus(), Long::sum);
    }
    Instant[] changes = new Instant[deltas.size()];
    int[] booked = new int[deltas.size()];
    int i = 0;
    long count = 0;
    for (Map.Entry<Instant, Long> delta : deltas.entrySet()) {
      count += delta.getValue();
      changes[i] = delta.getKey();
      booked[i] = (int) Math.min(count, Integer.MAX_VALUE); // more than any pool holds either way
      i++;
    }
    return new BookingCalendar(capacity, changes, booked);
  }

  public int capacity() {
    return capacity;
  }

  /** GPUs booked at {@code instant}. */
  public int bookedAt(Instant instant) {
    int i = segment(instant);
    return i < 0 ? 0 : booked[i];
  }

  /** The most GPUs booked at any instant of {@code [from, to)}; 0 for an empty window. */
  public int peak(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return 0;
    }
    int i = segment(from);
    int peak = i < 0 ? 0 : booked[i];
    for (int j = i + 1; j < changes.length && changes[j].isBefore(to); j++) {
      peak = Math.max(peak, booked[j]);
    }
    return peak;
  }

  /** Whether {@code gpus} more GPUs fit from {@code start} (inclusive) to {@code end} (exclusive). */
  public boolean fits(Instant start, Instant end, int gpus) {
    return (long) peak(start, end) + gpus <= capacity;
  }

  /**
   * The earliest instant at or after {@code notBefore} from which {@code gpus} more GPUs fit for
   * {@code duration}: {@code notBefore} itself, or the end of a booking. Empty only when {@code gpus}
   * is more than the pool has. One binary search and one pass over the later changes.
   */
  public Optional<Instant> earliestStart(Instant notBefore, Duration duration, int gpus) {
    Objects.requireNonNull(notBefore, "notBefore");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration " + duration + " is not positive");
    }
    if (gpus > capacity) {
      return Optional.empty();
    }
    Instant start = notBefore;
    for (int j = segment(notBefore); j < changes.length; j++) {
      if (j >= 0 && !changes[j].isBefore(start.plus(duration))) {
        break; // this segment begins after the window: the window is free
      }
      int count = j < 0 ? 0 : booked[j];
      if ((long) count + gpus > capacity) {
        start = changes[j + 1]; // exists: nothing is booked from the last change on
      }
    }
    return Optional.of(start);
  }

  /**
   * The bookings that do not fit. Bookings are judged in {@link Booking#BY_START_THEN_ID} order, each
   * against the ones judged before it that fit: a booking that would raise the count above capacity
   * at some instant of its window is an overbooking, and is left out of the calendar that judges the
   * next ones, so one misplaced booking is reported once and not again for every later booking it
   * overlaps. The result is empty exactly when the count never exceeds capacity, and the bookings it
   * does not name never exceed it. One sort and one sweep: O(n log n).
   *
   * @param bookings of one pool, with non-empty windows
   */
  public static List<Overbooking> overbookings(int capacity, Collection<Booking> bookings) {
    List<Booking> ordered = new ArrayList<>(bookings);
    ordered.forEach(BookingCalendar::requireWindow);
    ordered.sort(Booking.BY_START_THEN_ID);
    // The bookings that fit and have not ended at the current start. Every one of them started at or
    // before it, so over the window of the booking being judged their count only falls: the count at
    // its start is the most it meets.
    PriorityQueue<Booking> holding =
        new PriorityQueue<>(Comparator.comparing(Booking::end).thenComparing(Booking.BY_START_THEN_ID));
    int held = 0;
    List<Overbooking> result = new ArrayList<>();
    for (Booking booking : ordered) {
      while (!holding.isEmpty() && !holding.peek().end().isAfter(booking.start())) {
        held -= holding.poll().gpus();
      }
      if ((long) held + booking.gpus() > capacity) {
        List<Booking> holders = new ArrayList<>(holding);
        holders.sort(Booking.BY_START_THEN_ID);
        result.add(new Overbooking(booking, held, holders));
      } else {
        holding.add(booking);
        held += booking.gpus();
      }
    }
    return List.copyOf(result);
  }

  /**
   * A booking that does not fit: at its start, {@code holders} (bookings judged before it) already
   * hold {@code booked} GPUs, and its own GPUs would raise that above capacity.
   */
  public record Overbooking(Booking booking, int booked, List<Booking> holders) {

    public Overbooking {
      holders = List.copyOf(holders);
    }
  }

  /** Index of the segment holding {@code instant}: the last change at or before it, or -1. */
  private int segment(Instant instant) {
    int found = Arrays.binarySearch(changes, instant);
    return found >= 0 ? found : -found - 2;
  }

  private static void requireWindow(Booking booking) {
    if (!booking.start().isBefore(booking.end())) {
      throw new IllegalArgumentException("booking '" + booking.id() + "' does not end after it starts");
    }
    if (booking.gpus() < 1) {
      throw new IllegalArgumentException("booking '" + booking.id() + "' books " + booking.gpus() + " GPUs");
    }
  }
}
