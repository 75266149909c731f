package dev.maia.core.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for GPUs: who, in which project, how many, for how long, and optionally which product,
 * on which cluster, from when and how far ahead to look.
 *
 * @param product empty: the project's {@code gpu.product}, or the only product of its cluster
 * @param cluster empty: the project's only cluster, or the only one of its clusters with the product
 * @param after the earliest start; empty: the time of the run rounded up to the next full hour
 * @param horizon how far after {@code after} a booking may start at the latest
 */
public record BookingRequest(
    String user,
    String project,
    int gpus,
    Duration duration,
    Optional<String> product,
    Optional<String> cluster,
    Optional<Instant> after,
    Duration horizon) {

  /** How far ahead a slot is looked for unless the request says otherwise. */
  public static final Duration DEFAULT_HORIZON = Duration.ofDays(180);

  public BookingRequest {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(horizon, "horizon");
    if (gpus < 1) {
      throw new IllegalArgumentException("gpus " + gpus + " is less than 1");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration " + duration + " is not positive");
    }
    if (horizon.isNegative()) {
      throw new IllegalArgumentException("horizon " + horizon + " is negative");
    }
  }
}
