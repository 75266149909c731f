package dev.maia.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * One user's guaranteed GPUs of a product on a cluster, from {@code start} (inclusive) to {@code
 * end} (exclusive).
 */
public record Booking(
    String id, String user, String project, String cluster, String product, int gpus, Instant start, Instant end) {

  /**
   * The order in which bookings are judged: by start, then by id. Of two bookings that conflict, the
   * later one in this order is the one at fault.
   */
  public static final Comparator<Booking> BY_START_THEN_ID =
      Comparator.comparing(Booking::start).thenComparing(Booking::id);

  public boolean activeAt(Instant now) {
    return !now.isBefore(start) && now.isBefore(end);
  }

  /** From start to end; negative when the booking ends before it starts. */
  public Duration duration() {
    return Duration.between(start, end);
  }
}
