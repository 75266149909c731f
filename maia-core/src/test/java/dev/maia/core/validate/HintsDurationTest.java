package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HintsDurationTest {

  @ParameterizedTest(name = "{0} reads {1}")
  @CsvSource({
    "PT336H, P14D",
    "PT336H1S, P14DT1S",
    "PT23H59M59S, PT23H59M59S",
    "PT24H30M, P1DT30M",
    "PT0.5S, PT0.5S",
    "PT1.000000001S, PT1.000000001S",
    "PT0S, PT0S",
    "-PT36H, -P1DT12H",
  })
  void durationsAreWrittenWithDaysAsGpuPolicyWritesThem(String iso, String expected) {
    // given
    Duration duration = Duration.parse(iso);

    // when
    String text = Hints.duration(duration);

    // then
    assertThat(text).isEqualTo(expected);
  }
}
