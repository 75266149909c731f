package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookingRulesTest {

  @TempDir Path dir;

  @Test
  void aBookingEndsAfterItStarts() {
    // given
    String yaml =
        """
        spec:
          bookings:
            - id: b-1
              start: 2026-12-08T00:00:00Z
              end: 2026-12-01T00:00:00Z
            - id: b-2
              start: 2026-12-01T00:00:00Z
              end: 2026-12-01T00:00:00Z
            - id: b-3
              start: 2026-12-01T00:00:00Z
              end: 2026-12-01T00:00:01Z
        """;

    // when
    var problems = new RuleFixture(dir).check(new BookingRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:5:7 /spec/bookings/0/end: booking 'b-1' ends at 2026-12-01T00:00:00Z, before it starts at"
                + " 2026-12-08T00:00:00Z (end must be later than start)",
            "platform.yaml:8:7 /spec/bookings/1/end: booking 'b-2' ends at 2026-12-01T00:00:00Z when it starts"
                + " (end must be later than start)");
  }
}
