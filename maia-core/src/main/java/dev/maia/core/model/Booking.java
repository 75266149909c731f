package dev.maia.core.model;

import java.time.Instant;

/**
 * One user's guaranteed GPUs of a product on a cluster, from {@code start} (inclusive) to {@code
 * end} (exclusive).
 */
public record Booking(
    String id, String user, String project, String cluster, String product, int gpus, Instant start, Instant end) {

  public boolean activeAt(Instant now) {
    return !now.isBefore(start) && now.isBefore(end);
  }
}
