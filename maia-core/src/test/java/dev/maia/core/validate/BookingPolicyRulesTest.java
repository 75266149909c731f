package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BookingPolicyRulesTest {

  /** Before every booking of these tests: all of them are future bookings. */
  private static final Instant BEFORE_ALL = Instant.parse("2026-11-26T00:00:00Z");

  /** After every booking of these tests: none of them is a future booking. */
  private static final Instant AFTER_ALL = Instant.parse("2027-06-01T00:00:00Z");

  /** One pool of 4 GPUs (2 cards x 2 replicas) and one of 1; the default policy. */
  private static final String CLUSTERS =
      """
      spec:
        clusters:
          - name: ki-hospital
            gpus: [{product: A100, count: 2, replicas: 2}]
          - name: kth-main
            gpus: [{product: A100, count: 1}]
      """;

  @TempDir Path dir;

  private List<String> check(Instant now, String yaml) {
    return new RuleFixture(dir).check(new BookingPolicyRules(now), yaml);
  }

  @Test
  void aBookingLastsFromOneDayToFourteenDaysBothIncluded() {
    // given
    String yaml =
        CLUSTERS
            + """
              bookings:
                - {id: one-day, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-02T00:00:00Z}
                - {id: two-weeks, user: b@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-15T00:00:00Z}
                - {id: too-long, user: c@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-15T00:00:01Z}
                - {id: too-short, user: d@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-01T23:59:59Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:10:113 /spec/bookings/2/end: booking 'too-long' breaks the duration rule: it lasts P14DT1S,"
                + " more than gpuPolicy.maxDuration P14D (end it at or before 2026-12-15T00:00:00Z, P14D after its start)",
            "platform.yaml:11:114 /spec/bookings/3/end: booking 'too-short' breaks the duration rule: it lasts"
                + " PT23H59M59S, less than gpuPolicy.minDuration P1D (end it at or after 2026-12-02T00:00:00Z, P1D after"
                + " its start)");
  }

  @Test
  void theDurationLimitsComeFromTheGpuPolicy() {
    // given
    String yaml =
        CLUSTERS
            + """
              gpuPolicy: {minDuration: PT12H, maxDuration: P2D}
              bookings:
                - {id: half-day, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-01T12:00:00Z}
                - {id: three-days, user: b@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-04T00:00:00Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:10:115 /spec/bookings/1/end: booking 'three-days' breaks the duration rule: it lasts P3D,"
                + " more than gpuPolicy.maxDuration P2D (end it at or before 2026-12-03T00:00:00Z, P2D after its start)");
  }

  @Test
  void aMinimumLongerThanTheMaximumIsReportedOnceNotForEveryBooking() {
    // given
    String yaml =
        CLUSTERS
            + """
              gpuPolicy: {minDuration: P14D, maxDuration: P1D}
              bookings:
                - {id: week, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:15 /spec/gpuPolicy/minDuration: gpuPolicy.minDuration P14D is longer than"
                + " gpuPolicy.maxDuration P1D, so no booking can be valid (lower minDuration or raise maxDuration)");
  }

  /**
   * One user's three bookings, each exactly one cooldown after the previous one. A booking is a future
   * booking while it has not started: at its start it is active, and no longer counts.
   */
  @ParameterizedTest(name = "now {0}: {1}")
  @CsvSource({
    "2026-11-30T23:59:59Z, dec-22 jan-12",
    "2026-12-01T00:00:00Z, jan-12",
    "2026-12-21T23:59:59Z, jan-12",
    "2026-12-22T00:00:00Z, ''",
    "2027-06-01T00:00:00Z, ''",
  })
  void atMostOneFutureBookingPerUserAtTheTimeOfTheRun(String now, String reported) {
    // given
    String yaml =
        CLUSTERS
            + """
              bookings:
                - {id: dec-01, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: dec-22, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-22T00:00:00Z, end: 2026-12-29T00:00:00Z}
                - {id: jan-12, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2027-01-12T00:00:00Z, end: 2027-01-19T00:00:00Z}
            """;

    // when
    var problems = check(Instant.parse(now), yaml);

    // then
    assertThat(problems).extracting(BookingPolicyRulesTest::bookingId).containsExactlyElementsOf(ids(reported));
    assertThat(problems).allSatisfy(p -> assertThat(p).contains("breaks the future-bookings rule"));
  }

  @Test
  void aSecondFutureBookingNamesTheFirstAndWhenItCanBeAdded() {
    // given
    String yaml =
        CLUSTERS
            + """
              bookings:
                - {id: dec-01, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: dec-22, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-22T00:00:00Z, end: 2026-12-29T00:00:00Z}
            """;

    // when
    var problems = check(BEFORE_ALL, yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:9:82 /spec/bookings/1/start: booking 'dec-22' breaks the future-bookings rule: user"
                + " 'a@kth.se' already has 1 booking that starts after now (2026-11-26T00:00:00Z), the most"
                + " gpuPolicy.maxFutureBookings allows: 'dec-01' (platform.yaml:8:7) (remove it, and add it again once"
                + " 'dec-01' has started, at 2026-12-01T00:00:00Z)");
  }

  @Test
  void futureBookingsAreCountedPerUserAcrossProjectsAndClustersIgnoringCaseOfTheAddress() {
    // given
    String yaml =
        CLUSTERS
            + """
              gpuPolicy: {maxFutureBookings: 2}
              bookings:
                - {id: b-1, user: a@kth.se, project: lung, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: b-2, user: A@KTH.se, project: brain, cluster: kth-main, product: A100, gpus: 1, start: 2026-12-22T00:00:00Z, end: 2026-12-29T00:00:00Z}
                - {id: b-3, user: a@kth.se, project: liver, cluster: ki-hospital, product: A100, gpus: 1, start: 2027-01-12T00:00:00Z, end: 2027-01-19T00:00:00Z}
                - {id: b-4, user: other@kth.se, project: lung, cluster: ki-hospital, product: A100, gpus: 1, start: 2027-01-12T00:00:00Z, end: 2027-01-19T00:00:00Z}
            """;

    // when
    var problems = check(BEFORE_ALL, yaml);

    // then
    assertThat(problems).extracting(BookingPolicyRulesTest::bookingId).containsExactly("b-3");
    assertThat(problems.get(0))
        .contains("already has 2 bookings that start after now (2026-11-26T00:00:00Z)")
        .contains("'b-1' (platform.yaml:9:7) and 'b-2' (platform.yaml:10:7)");
  }

  @Test
  void withNoFutureBookingsAllowedABookingIsAddedWhenItStarts() {
    // given
    String yaml =
        CLUSTERS
            + """
              gpuPolicy: {maxFutureBookings: 0}
              bookings:
                - {id: now-on, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-11-26T00:00:00Z, end: 2026-12-03T00:00:00Z}
                - {id: later, user: b@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-11-26T00:00:01Z, end: 2026-12-03T00:00:00Z}
            """;

    // when
    var problems = check(BEFORE_ALL, yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:10:81 /spec/bookings/1/start: booking 'later' breaks the future-bookings rule: it starts"
                + " after now (2026-11-26T00:00:00Z) and gpuPolicy.maxFutureBookings is 0 (add it once it has started,"
                + " at or after 2026-11-26T00:00:01Z)");
  }

  @Test
  void aUsersBookingsNeverOverlapTheLaterOneInStartThenIdOrderIsReported() {
    // given: two overlapping bookings written in the opposite order, and two with the same start
    String yaml =
        CLUSTERS
            + """
              bookings:
                - {id: second, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-07T23:59:59Z, end: 2026-12-10T00:00:00Z}
                - {id: first, user: a@kth.se, cluster: kth-main, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: x-b, user: b@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: x-a, user: b@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-02T00:00:00Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:8:82 /spec/bookings/0/start: booking 'second' breaks the overlap rule: user 'a@kth.se'"
                + " already has booking 'first' (platform.yaml:9:7) from 2026-12-01T00:00:00Z to 2026-12-08T00:00:00Z,"
                + " and a user's bookings must not overlap (start it at or after 2026-12-22T00:00:00Z, the end of"
                + " 'first' plus gpuPolicy.cooldown P14D)",
            "platform.yaml:10:79 /spec/bookings/2/start: booking 'x-b' breaks the overlap rule: user 'b@kth.se'"
                + " already has booking 'x-a' (platform.yaml:11:7) from 2026-12-01T00:00:00Z to 2026-12-02T00:00:00Z,"
                + " and a user's bookings must not overlap (start it at or after 2026-12-16T00:00:00Z, the end of"
                + " 'x-a' plus gpuPolicy.cooldown P14D)");
  }

  @Test
  void theNextBookingStartsAtLeastTheCooldownAfterThePreviousEndsToTheSecond() {
    // given
    String yaml =
        CLUSTERS
            + """
              bookings:
                - {id: a-1, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: a-2, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-22T00:00:00Z, end: 2026-12-29T00:00:00Z}
                - {id: b-1, user: b@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: b-2, user: b@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-21T23:59:59Z, end: 2026-12-29T00:00:00Z}
                - {id: c-1, user: c@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: c-2, user: c@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-08T00:00:00Z, end: 2026-12-15T00:00:00Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:11:79 /spec/bookings/3/start: booking 'b-2' breaks the cooldown rule: it starts"
                + " P13DT23H59M59S after booking 'b-1' (platform.yaml:10:7) of user 'b@kth.se' ends at"
                + " 2026-12-08T00:00:00Z, less than gpuPolicy.cooldown P14D (start it at or after 2026-12-22T00:00:00Z)",
            "platform.yaml:13:79 /spec/bookings/5/start: booking 'c-2' breaks the cooldown rule: it starts PT0S after"
                + " booking 'c-1' (platform.yaml:12:7) of user 'c@kth.se' ends at 2026-12-08T00:00:00Z, less than"
                + " gpuPolicy.cooldown P14D (start it at or after 2026-12-22T00:00:00Z)");
  }

  @Test
  void withoutCooldownBackToBackBookingsOfOneUserAreFine() {
    // given
    String yaml =
        CLUSTERS
            + """
              gpuPolicy: {cooldown: PT0S}
              bookings:
                - {id: a-1, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: a-2, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-08T00:00:00Z, end: 2026-12-15T00:00:00Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void aReportedBookingIsLeftOutWhenTheNextOnesAreJudged() {
    // given: 'misplaced' overlaps 'first'; 'third' is one cooldown after 'first', though not after 'misplaced'
    String yaml =
        CLUSTERS
            + """
              bookings:
                - {id: first, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: misplaced, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-05T00:00:00Z, end: 2026-12-12T00:00:00Z}
                - {id: third, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-22T00:00:00Z, end: 2026-12-29T00:00:00Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then
    assertThat(problems).extracting(BookingPolicyRulesTest::bookingId).containsExactly("misplaced");
  }

  @Test
  void aPoolMayBeExactlyFullAndOneMoreGpuGivesTheEarliestStartAtWhichItFits() {
    // given: 4 GPUs; 'a' and 'b' fill them from Dec 3 to Dec 8, 'c' asks for one more on Dec 5
    String yaml =
        CLUSTERS
            + """
              bookings:
                - {id: a, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 2, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: b, user: b@kth.se, cluster: ki-hospital, product: A100, gpus: 2, start: 2026-12-03T00:00:00Z, end: 2026-12-10T00:00:00Z}
                - {id: c, user: c@kth.se, cluster: ki-hospital, product: A100, gpus: 1, start: 2026-12-05T00:00:00Z, end: 2026-12-06T00:00:00Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:10:77 /spec/bookings/2/start: booking 'c' breaks the capacity rule: at its start"
                + " 2026-12-05T00:00:00Z, 'a' (platform.yaml:8:7) and 'b' (platform.yaml:9:7) already hold 4 of the 4"
                + " 'A100' GPUs of cluster 'ki-hospital', so its 1 more would make 5 (the earliest start at which it"
                + " fits is 2026-12-08T00:00:00Z)");
  }

  @Test
  void theEarliestStartSkipsGapsShorterThanTheBooking() {
    // given: the single GPU of kth-main is free for one day between 'a' and 'b'; 'c' needs two days
    String yaml =
        CLUSTERS
            + """
              bookings:
                - {id: a, user: a@kth.se, cluster: kth-main, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-05T00:00:00Z}
                - {id: b, user: b@kth.se, cluster: kth-main, product: A100, gpus: 1, start: 2026-12-06T00:00:00Z, end: 2026-12-10T00:00:00Z}
                - {id: c, user: c@kth.se, cluster: kth-main, product: A100, gpus: 1, start: 2026-12-02T00:00:00Z, end: 2026-12-04T00:00:00Z}
                - {id: d, user: d@kth.se, cluster: kth-main, product: A100, gpus: 1, start: 2026-12-05T00:00:00Z, end: 2026-12-06T00:00:00Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then: 'd' fills the gap exactly; 'c' fits only once 'b' has ended
    assertThat(problems).extracting(BookingPolicyRulesTest::bookingId).containsExactly("c");
    assertThat(problems.get(0))
        .contains("'a' (platform.yaml:8:7) already holds 1 of the 1 'A100' GPUs of cluster 'kth-main'")
        .endsWith("(the earliest start at which it fits is 2026-12-10T00:00:00Z)");
  }

  @Test
  void poolsAreCountedApartAndBookingsOtherRulesReportAreLeftOut() {
    // given: 4 + 1 GPUs of one product on two clusters; bookings of an unknown product, of more GPUs
    // than the pool has, and one that ends before it starts
    String yaml =
        CLUSTERS
            + """
              bookings:
                - {id: a, user: a@kth.se, cluster: ki-hospital, product: A100, gpus: 4, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: b, user: b@kth.se, cluster: kth-main, product: A100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: c, user: c@kth.se, cluster: ki-hospital, product: H100, gpus: 1, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: d, user: d@kth.se, cluster: kth-main, product: A100, gpus: 2, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
                - {id: e, user: a@kth.se, cluster: kth-main, product: A100, gpus: 1, start: 2026-12-08T00:00:00Z, end: 2026-12-01T00:00:00Z}
            """;

    // when
    var problems = check(AFTER_ALL, yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void bookingsInIncludedFilesAreLocatedInThoseFiles() {
    // given
    RuleFixture fixture =
        new RuleFixture(dir)
            .file(
                "platform.yaml",
                CLUSTERS
                    + """
                      include: [bookings/*.yaml]
                    """)
            .file(
                "bookings/2026-12.yaml",
                """
                bookings:
                  - id: dec-full
                    user: a@kth.se
                    cluster: kth-main
                    product: A100
                    gpus: 1
                    start: 2026-12-01T00:00:00Z
                    end: 2026-12-08T00:00:00Z
                """)
            .file(
                "bookings/2026-12-late.yaml",
                """
                # read before 2026-12.yaml: includes expand in sorted path order, and '-' sorts before '.'
                bookings:
                  - id: dec-again
                    user: a@kth.se
                    cluster: ki-hospital
                    product: A100
                    gpus: 1
                    start: 2026-12-15T00:00:00Z
                    end: 2026-12-22T00:00:00Z
                  - id: dec-overlap
                    user: b@kth.se
                    cluster: kth-main
                    product: A100
                    gpus: 1
                    start: 2026-12-07T00:00:00Z
                    end: 2026-12-09T00:00:00Z
                """);

    // when
    var problems = fixture.check(new BookingPolicyRules(AFTER_ALL));

    // then
    assertThat(problems)
        .containsExactly(
            "bookings/2026-12-late.yaml:8:5 /spec/bookings/0/start: booking 'dec-again' breaks the cooldown rule:"
                + " it starts P7D after booking 'dec-full' (bookings/2026-12.yaml:2:5) of user 'a@kth.se' ends at"
                + " 2026-12-08T00:00:00Z, less than gpuPolicy.cooldown P14D (start it at or after 2026-12-22T00:00:00Z)",
            "bookings/2026-12-late.yaml:15:5 /spec/bookings/1/start: booking 'dec-overlap' breaks the capacity rule:"
                + " at its start 2026-12-07T00:00:00Z, 'dec-full' (bookings/2026-12.yaml:2:5) already holds 1 of the 1"
                + " 'A100' GPUs of cluster 'kth-main', so its 1 more would make 2 (the earliest start at which it fits"
                + " is 2026-12-08T00:00:00Z)");
  }

  private static final Pattern BOOKING_ID = Pattern.compile("booking '([^']+)' breaks");

  private static String bookingId(String problem) {
    Matcher m = BOOKING_ID.matcher(problem);
    return m.find() ? m.group(1) : problem;
  }

  private static List<String> ids(String spaceSeparated) {
    return spaceSeparated.isBlank() ? List.of() : Arrays.asList(spaceSeparated.split(" "));
  }
}
