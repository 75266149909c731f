package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Booking;
import dev.maia.core.model.Platform;

/** A booking's time window is not empty: it starts before it ends. */
final class BookingRules implements SemanticRule {

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    for (int k = 0; k < platform.bookings().size(); k++) {
      Booking booking = platform.bookings().get(k);
      if (!booking.start().isBefore(booking.end())) {
        String when = booking.start().equals(booking.end()) ? " when it starts" : ", before it starts at " + booking.start();
        problems.add(
            Pointers.booking(k) + "/end",
            "booking '" + booking.id() + "' ends at " + booking.end() + when,
            "end must be later than start");
      }
    }
  }
}
