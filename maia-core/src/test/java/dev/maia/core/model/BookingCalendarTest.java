package dev.maia.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.model.BookingCalendar.Overbooking;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookingCalendarTest {

  private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");

  /** A booking on the one pool of these tests, from day {@code from} to day {@code to} of December. */
  private static Booking booking(String id, int gpus, int from, int to) {
    return new Booking(id, id + "@kth.se", "p", "c", "A100", gpus, day(from), day(to));
  }

  private static Instant day(int dayOfDecember) {
    return DEC_1.plus(Duration.ofDays(dayOfDecember - 1L));
  }

  @Test
  void windowsAreHalfOpenSoBackToBackBookingsNeverMeet() {
    // given
    BookingCalendar calendar = BookingCalendar.of(2, List.of(booking("a", 2, 1, 8), booking("b", 2, 8, 15)));

    // when
    int atTheSeam = calendar.bookedAt(day(8));
    int justBefore = calendar.bookedAt(day(8).minusSeconds(1));
    int afterAll = calendar.bookedAt(day(15));

    // then
    assertThat(atTheSeam).isEqualTo(2);
    assertThat(justBefore).isEqualTo(2);
    assertThat(afterAll).isZero();
    assertThat(calendar.peak(day(1), day(15))).isEqualTo(2);
    assertThat(calendar.fits(day(15), day(16), 2)).isTrue();
    assertThat(calendar.fits(day(14), day(16), 1)).isFalse();
  }

  @Test
  void peakIsTheMostBookedAtAnyInstantOfTheWindow() {
    // given
    BookingCalendar calendar =
        BookingCalendar.of(8, List.of(booking("a", 1, 1, 10), booking("b", 3, 3, 5), booking("c", 2, 4, 6)));

    // when
    int peak = calendar.peak(day(2), day(9));

    // then
    assertThat(peak).isEqualTo(6); // a + b + c on day 4
    assertThat(calendar.peak(day(5), day(6))).isEqualTo(3);
    assertThat(calendar.peak(day(6), day(6))).isZero();
    assertThat(calendar.peak(day(10), day(20))).isZero();
  }

  @Test
  void theEarliestStartIsTheRequestedOneWhenItFitsThereExactlyFull() {
    // given
    BookingCalendar calendar = BookingCalendar.of(4, List.of(booking("a", 3, 1, 8)));

    // when
    var start = calendar.earliestStart(day(2), Duration.ofDays(7), 1);

    // then
    assertThat(start).contains(day(2));
  }

  @Test
  void theEarliestStartWaitsForTheEndOfABookingAndSkipsGapsTooShort() {
    // given: one GPU, free on [5, 6) and from 10 on
    BookingCalendar calendar = BookingCalendar.of(1, List.of(booking("a", 1, 1, 5), booking("b", 1, 6, 10)));

    // when
    var oneDay = calendar.earliestStart(day(2), Duration.ofDays(1), 1);
    var oneDayAndASecond = calendar.earliestStart(day(2), Duration.ofDays(1).plusSeconds(1), 1);
    var beforeAll = calendar.earliestStart(day(1).minusSeconds(86_400), Duration.ofDays(1), 1);

    // then
    assertThat(oneDay).contains(day(5));
    assertThat(oneDayAndASecond).contains(day(10));
    assertThat(beforeAll).contains(day(1).minusSeconds(86_400));
  }

  @Test
  void moreGpusThanThePoolHasNeverFit() {
    // given
    BookingCalendar calendar = BookingCalendar.of(2, List.of());

    // when
    var start = calendar.earliestStart(DEC_1, Duration.ofDays(1), 3);

    // then
    assertThat(start).isEmpty();
    assertThat(calendar.earliestStart(DEC_1, Duration.ofDays(1), 2)).contains(DEC_1);
  }

  @Test
  void overbookingsJudgeInStartThenIdOrderAndLeaveTheReportedOnesOut() {
    // given: one GPU. 'b' and 'a' start together, so 'b' is the later one; 'c' overlaps only 'b'
    Booking a = booking("a", 1, 1, 3);
    Booking b = booking("b", 1, 1, 5);
    Booking c = booking("c", 1, 4, 6);

    // when
    List<Overbooking> over = BookingCalendar.overbookings(1, List.of(c, b, a));

    // then
    assertThat(over).containsExactly(new Overbooking(b, 1, List.of(a)));
  }

  @Test
  void overbookingsNameEveryHolderAtTheStart() {
    // given
    Booking a = booking("a", 2, 1, 8);
    Booking b = booking("b", 1, 2, 3);
    Booking c = booking("c", 1, 2, 9);
    Booking d = booking("d", 1, 3, 4);

    // when
    List<Overbooking> over = BookingCalendar.overbookings(3, List.of(a, b, c, d));

    // then: 'c' finds a and b holding 3; at day 3, 'b' has ended and 'd' fits
    assertThat(over).containsExactly(new Overbooking(c, 3, List.of(a, b)));
  }

  @Test
  void bookingsOfAnotherPoolOrWithoutAWindowAreRefused() {
    // given
    Booking other = new Booking("x", "x@kth.se", "p", "c", "H100", 1, day(1), day(2));
    Booking empty = booking("e", 1, 3, 3);

    // when / then
    assertThatThrownBy(() -> BookingCalendar.of(4, List.of(booking("a", 1, 1, 2), other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("booking 'x' is of another pool than booking 'a'");
    assertThatThrownBy(() -> BookingCalendar.overbookings(4, List.of(empty)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("booking 'e' does not end after it starts");
  }

  @Test
  void bookingsThatAddUpPastTheLargestIntAreStillCountedInFull() {
    // given: three bookings of 10^9 GPUs at once; their sum does not fit in an int
    int huge = 1_000_000_000;
    BookingCalendar calendar =
        BookingCalendar.of(huge, List.of(booking("a", huge, 1, 8), booking("b", huge, 1, 8), booking("c", huge, 1, 8)));

    // when
    int booked = calendar.bookedAt(day(2));

    // then: counted as more than any pool holds, never wrapped around to a negative count
    assertThat(booked).isEqualTo(Integer.MAX_VALUE);
    assertThat(calendar.peak(day(1), day(8))).isEqualTo(Integer.MAX_VALUE);
    assertThat(calendar.fits(day(1), day(8), huge)).isFalse();
    assertThat(calendar.earliestStart(day(1), Duration.ofDays(1), 1)).contains(day(8));
  }
}
