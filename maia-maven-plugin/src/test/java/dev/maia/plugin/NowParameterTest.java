package dev.maia.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NowParameterTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2031-02-03T04:05:06Z"), ZoneId.of("Europe/Stockholm"));

  @Test
  void unsetMeansTheClocksCurrentInstant() throws MojoFailureException {
    // given // when
    Instant now = NowParameter.parse(null, CLOCK);

    // then
    assertThat(now).isEqualTo(Instant.parse("2031-02-03T04:05:06Z"));
  }

  @Test
  void readsAnInstantInUtc() throws MojoFailureException {
    // given // when
    Instant now = NowParameter.parse("2026-11-26T00:00:00Z", CLOCK);

    // then
    assertThat(now).isEqualTo(Instant.ofEpochSecond(1_795_651_200L));
  }

  @Test
  void readsAnInstantWithAnOffsetAsTheSameMoment() throws MojoFailureException {
    // given // when
    Instant now = NowParameter.parse("2026-11-26T01:00:00+01:00", CLOCK);

    // then
    assertThat(now).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
  }

  @Test
  void ignoresSurroundingWhitespace() throws MojoFailureException {
    // given // when
    Instant now = NowParameter.parse(" 2026-11-26T00:00:00Z\n", CLOCK);

    // then
    assertThat(now).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-11-26", "2026-11-26T00:00:00", "26/11/2026 00:00", "", "  "})
  void aValueThatIsNotAnInstantFailsNamingTheValueAndTheExpectedForm(String value) {
    // given // when // then
    assertThatThrownBy(() -> NowParameter.parse(value, CLOCK))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "maia.now '"
                + value
                + "' is not an ISO-8601 instant; write it like 2026-11-26T00:00:00Z (UTC) or 2026-11-26T01:00:00+01:00");
  }
}
