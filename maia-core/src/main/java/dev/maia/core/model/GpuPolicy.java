package dev.maia.core.model;

import java.time.Duration;

/** MAIA's booking rules, and how they are enforced on the clusters. */
public record GpuPolicy(
    Duration minDuration, Duration maxDuration, Duration cooldown, int maxFutureBookings, Scheduling scheduling) {

  /** How GPU policy is enforced. */
  public enum Scheduling {
    /** PriorityClasses, scoped ResourceQuotas and a ValidatingAdmissionPolicy. */
    NATIVE,
    /** Kueue queues, flavors and cohorts. */
    KUEUE;

    public static Scheduling of(String value) {
      return "kueue".equals(value) ? KUEUE : NATIVE;
    }
  }
}
