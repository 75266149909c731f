package dev.maia.core.plan;

import dev.maia.core.model.Booking;
import java.util.List;

/** What {@link BookingPlanner} found for a request: a booking, or why there is none. */
public sealed interface BookingPlan {

  /** The booking at the earliest start that satisfies every rule and the capacity. */
  record Found(Booking booking) implements BookingPlan {}

  /**
   * No start within the horizon is valid.
   *
   * @param reason one sentence: the request and the span searched
   * @param problems what is wrong with the booking at the earliest start tried, as the rules say it
   */
  record NotFound(String reason, List<String> problems) implements BookingPlan {

    public NotFound {
      problems = List.copyOf(problems);
    }
  }
}
