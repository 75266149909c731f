package dev.maia.plugin;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.maven.plugin.MojoFailureException;

/** Reads {@code maia.now}: the instant that decides which GPU bookings are active. */
final class NowParameter {

  static final String PROPERTY = "maia.now";

  private static final String EXPECTED =
      "an ISO-8601 instant; write it like 2026-11-26T00:00:00Z (UTC) or 2026-11-26T01:00:00+01:00";

  private NowParameter() {}

  /**
   * The instant {@code value} names, or the clock's current instant when it is not set. An empty
   * value is an error rather than "now": it usually comes from an unset CI variable, and silently
   * using the current time would make the build depend on when it ran.
   */
  static Instant parse(String value, Clock clock) throws MojoFailureException {
    if (value == null) {
      return clock.instant();
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw Failures.badParameter(PROPERTY, value, EXPECTED);
    }
  }
}
