package dev.maia.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.TestPaths;
import dev.maia.core.model.Booking;
import dev.maia.core.model.GpuPolicy;
import dev.maia.core.model.Platform;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The example's booking b-2026-0001: 2026-12-01 to 2026-12-08, announced 24 hours ahead. */
class GpuScheduleTest {

  private static final Platform EXAMPLE =
      new MaiaCompiler(MaiaLog.silent()).validate(TestPaths.examplePlatform(), Instant.parse("2026-11-26T00:00:00Z")).platform();
  private static final Booking BOOKING = EXAMPLE.bookings().get(0);

  private static Platform kueue(Platform p) {
    GpuPolicy g = p.gpuPolicy();
    return new Platform(p.name(), p.gitops(), p.argocd(), p.identity(), p.secrets(), p.catalog(), p.clusters(),
        new GpuPolicy(g.minDuration(), g.maxDuration(), g.cooldown(), g.maxFutureBookings(), GpuPolicy.Scheduling.KUEUE),
        p.projects(), p.bookings(), p.hpc(), p.rollout());
  }

  @Test
  void aBookingIsAnnouncedFromTheLookAheadBeforeItsStartUntilItsEnd() {
    // when / then: half-open, [start - 24h, end)
    assertThat(GpuSchedule.of(EXAMPLE, Instant.parse("2026-11-29T23:59:59Z")).announced(BOOKING)).isFalse();
    assertThat(GpuSchedule.of(EXAMPLE, Instant.parse("2026-11-30T00:00:00Z")).announced(BOOKING)).isTrue();
    assertThat(GpuSchedule.of(EXAMPLE, Instant.parse("2026-12-07T23:59:59Z")).announced(BOOKING)).isTrue();
    assertThat(GpuSchedule.of(EXAMPLE, Instant.parse("2026-12-08T00:00:00Z")).announced(BOOKING)).isFalse();
    assertThat(GpuSchedule.of(EXAMPLE, Instant.parse("2026-11-30T00:00:00Z")).active("brain-mets", "ki-hospital")).isEmpty();
    assertThat(GpuSchedule.of(EXAMPLE, Instant.parse("2026-12-01T00:00:00Z")).active("brain-mets", "ki-hospital")).containsExactly(BOOKING);
  }

  @Test
  void nativeModeChangesAtAnnouncementAndEndKueueAlsoAtTheStart() {
    // when
    GpuSchedule nativeMode = GpuSchedule.of(EXAMPLE, Instant.parse("2026-11-30T00:00:00Z"));
    GpuSchedule kueueMode = GpuSchedule.of(kueue(EXAMPLE), Instant.parse("2026-11-30T00:00:00Z"));

    // then
    assertThat(nativeMode.changes()).containsExactly(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-08T00:00:00Z"));
    assertThat(nativeMode.previousChange()).contains(Instant.parse("2026-11-30T00:00:00Z"));
    assertThat(nativeMode.nextChange()).contains(Instant.parse("2026-12-08T00:00:00Z"));
    assertThat(kueueMode.changes())
        .containsExactly(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-08T00:00:00Z"));
    assertThat(kueueMode.nextChange()).contains(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void theNextFullHourIsNowOnTheHour() {
    // then
    assertThat(BookingPlanner.nextFullHour(Instant.parse("2026-11-26T10:00:00Z"))).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    assertThat(BookingPlanner.nextFullHour(Instant.parse("2026-11-26T10:00:01Z"))).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
  }
}
