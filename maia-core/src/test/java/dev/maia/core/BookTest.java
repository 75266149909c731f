package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.model.Booking;
import dev.maia.core.plan.BookingPlan;
import dev.maia.core.plan.BookingRequest;
import dev.maia.core.problem.Problem;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MaiaCompiler#book}: the earliest valid start, the file it writes, and why it writes none.
 * A lab with one GPU of one product; ana and bo hold it back to back from 2026-12-01 to 2026-12-22.
 */
class BookTest {

  private static final String PLATFORM =
      """
      apiVersion: maia/v1alpha1
      kind: Platform
      metadata:
        name: lab
      spec:
        gitops:
          repoURL: https://git.example.org/maia/lab-gitops.git
        argocd:
          cluster: lab
        identity:
          issuer: https://iam.example.org/realms/lab
        secrets:
          store: {kind: ClusterSecretStore, name: vault}
        include:
          - bookings/*.yaml
        clusters:
          - name: lab
            server: https://kubernetes.default.svc
            domain: lab.example.org
            gpus:
              - product: NVIDIA-L40S
                count: 1
        projects:
          - name: seg
            cluster: lab
            users: [ana@lab.example.org, bo@lab.example.org, cy@lab.example.org]
            gpu: {product: NVIDIA-L40S, quota: 1}
      """;

  private static final Instant NOW = Instant.parse("2026-11-26T10:30:00Z");

  @TempDir Path repo;

  private final MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());

  @BeforeEach
  void lab() throws IOException {
    Files.writeString(repo.resolve("platform.yaml"), PLATFORM, StandardCharsets.UTF_8);
    Files.createDirectories(repo.resolve("bookings"));
    booking("b-2026-0001", "ana@lab.example.org", "2026-12-01T00:00:00Z", "2026-12-15T00:00:00Z");
    booking("b-2026-0002", "bo@lab.example.org", "2026-12-15T00:00:00Z", "2026-12-22T00:00:00Z");
  }

  private void booking(String id, String user, String start, String end) throws IOException {
    Files.writeString(
        repo.resolve("bookings/" + id + ".yaml"),
        "bookings:\n  - {id: " + id + ", user: " + user + ", project: seg, product: NVIDIA-L40S, gpus: 1, start: " + start
            + ", end: " + end + "}\n",
        StandardCharsets.UTF_8);
  }

  private static BookingRequest request(String user, int days, Optional<Instant> after, Duration horizon) {
    return new BookingRequest(user, "seg", 1, Duration.ofDays(days), Optional.empty(), Optional.empty(), after, horizon);
  }

  private BookResult book(BookingRequest request, Instant now) {
    return compiler.book(repo.resolve("platform.yaml"), request, now);
  }

  @Test
  void aFreeSlotStartsAtTheNextFullHourAndIsWrittenAsItsOwnBooking() throws IOException {
    // when: 3 days fit before ana's booking
    BookResult result = book(request("cy@lab.example.org", 3, Optional.empty(), BookingRequest.DEFAULT_HORIZON), NOW);

    // then
    assertThat(result.plan()).isInstanceOf(BookingPlan.Found.class);
    Booking booking = ((BookingPlan.Found) result.plan()).booking();
    assertThat(booking.start()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
    assertThat(booking.end()).isEqualTo(Instant.parse("2026-11-29T11:00:00Z"));
    assertThat(booking.id()).isEqualTo("b-2026-0003");
    assertThat(result.file()).contains("bookings/b-2026-0003.yaml");
    assertThat(repo.resolve("bookings/b-2026-0003.yaml"))
        .hasContent(
            """
            # A GPU booking, written by maia:book. Commit it with the platform; edit or remove it like any booking.
            bookings:
            - cluster: lab
              end: "2026-11-29T11:00:00Z"
              gpus: 1
              id: b-2026-0003
              product: NVIDIA-L40S
              project: seg
              start: "2026-11-26T11:00:00Z"
              user: cy@lab.example.org""");
    assertThat(result.text()).contains(Files.readString(repo.resolve("bookings/b-2026-0003.yaml")));
    assertThat(compiler.validate(repo.resolve("platform.yaml"), NOW).platform().bookings()).hasSize(3);
  }

  @Test
  void aSlotThatDoesNotFitBeforeTheOthersGoesAfterThem() {
    // when: 7 days do not fit before ana's booking on 2026-12-01
    BookResult result = book(request("cy@lab.example.org", 7, Optional.empty(), BookingRequest.DEFAULT_HORIZON), NOW);

    // then
    assertThat(((BookingPlan.Found) result.plan()).booking().start()).isEqualTo(Instant.parse("2026-12-22T00:00:00Z"));
  }

  @Test
  void theCooldownAfterTheUsersLastBookingIsRespected() {
    // given: during ana's booking, so it is no longer a future booking
    Instant during = Instant.parse("2026-12-02T00:00:00Z");

    // when
    BookResult result = book(request("ana@lab.example.org", 2, Optional.empty(), BookingRequest.DEFAULT_HORIZON), during);

    // then: the end of her booking plus the 14-day cooldown, although the GPU is free from 2026-12-22
    assertThat(((BookingPlan.Found) result.plan()).booking().start()).isEqualTo(Instant.parse("2026-12-29T00:00:00Z"));
  }

  @Test
  void theEarliestStartAfterARequestedInstantIsUsedAndTheYearNamesTheId() {
    // when
    BookResult result =
        book(request("cy@lab.example.org", 2, Optional.of(Instant.parse("2027-01-04T08:00:00Z")), BookingRequest.DEFAULT_HORIZON), NOW);

    // then
    Booking booking = ((BookingPlan.Found) result.plan()).booking();
    assertThat(booking.start()).isEqualTo(Instant.parse("2027-01-04T08:00:00Z"));
    assertThat(booking.id()).isEqualTo("b-2027-0001");
  }

  @Test
  void aFullPoolWithinTheHorizonWritesNothingAndSaysWhy() throws IOException {
    // when: from 2026-12-01 the GPU is booked for 21 days; the horizon is 20
    BookResult result =
        book(request("cy@lab.example.org", 7, Optional.of(Instant.parse("2026-12-01T00:00:00Z")), Duration.ofDays(20)), NOW);

    // then
    assertThat(result.plan()).isInstanceOf(BookingPlan.NotFound.class);
    BookingPlan.NotFound none = (BookingPlan.NotFound) result.plan();
    assertThat(none.reason())
        .isEqualTo("No booking of 1 x NVIDIA-L40S for cy@lab.example.org in project 'seg' for 7 days on cluster 'lab'"
            + " starting from 2026-12-01T00:00:00Z to 2026-12-21T00:00:00Z satisfies every rule; at the earliest start,"
            + " 2026-12-01T00:00:00Z:");
    assertThat(none.problems())
        .singleElement()
        .asString()
        .contains("breaks the capacity rule")
        .contains("the earliest start at which it fits is 2026-12-22T00:00:00Z");
    assertThat(result.file()).isEmpty();
    try (Stream<Path> files = Files.list(repo.resolve("bookings"))) {
      assertThat(files).hasSize(2);
    }
  }

  @Test
  void aUserWithAFutureBookingGetsNoSecondOne() {
    // when: ana's booking has not started yet
    BookResult result = book(request("ana@lab.example.org", 2, Optional.empty(), BookingRequest.DEFAULT_HORIZON), NOW);

    // then
    assertThat(((BookingPlan.NotFound) result.plan()).problems())
        .anyMatch(p -> p.contains("breaks the future-bookings rule"));
  }

  @Test
  void aFileThatTheIncludesWouldNotReadIsRemovedAgain() throws IOException {
    // given
    Files.writeString(
        repo.resolve("platform.yaml"),
        PLATFORM.replace("bookings/*.yaml", "bookings/b-2026-0001.yaml\n    - bookings/b-2026-0002.yaml"));

    // when
    BookResult result = book(request("cy@lab.example.org", 3, Optional.empty(), BookingRequest.DEFAULT_HORIZON), NOW);

    // then
    assertThat(((BookingPlan.NotFound) result.plan()).reason())
        .isEqualTo("bookings/b-2026-0003.yaml would not be read: no pattern of spec.include matches it");
    assertThat(repo.resolve("bookings/b-2026-0003.yaml")).doesNotExist();
  }

  @Test
  void theFirstBookingGoesIntoAFolderThatTheIncludeFindsEmptySoFar() throws IOException {
    // given: no booking yet; for generate, a pattern that matches no file is a problem
    TestPaths.deleteTree(repo.resolve("bookings"));
    assertThat(catchThrowableOfType(InvalidPlatformException.class, () -> compiler.validate(repo.resolve("platform.yaml"), NOW)).problems())
        .extracting(Problem::message)
        .containsExactly("include 'bookings/*.yaml' matches no file");

    // when
    BookResult result = book(request("cy@lab.example.org", 3, Optional.empty(), BookingRequest.DEFAULT_HORIZON), NOW);

    // then: written, and read with the platform from now on
    assertThat(result.file()).contains("bookings/b-2026-0001.yaml");
    assertThat(compiler.validate(repo.resolve("platform.yaml"), NOW).platform().bookings()).hasSize(1);
  }

  @Test
  void aBookingsFolderThatIsALinkIsRefusedBeforeAnythingIsWritten() throws IOException {
    // given: the bookings are read from another folder; bookings/ is a link, which a write would follow
    Files.writeString(repo.resolve("platform.yaml"), PLATFORM.replace("bookings/*.yaml", "more/*.yaml"));
    Files.createDirectories(repo.resolve("more"));
    Files.move(repo.resolve("bookings/b-2026-0001.yaml"), repo.resolve("more/b-2026-0001.yaml"));
    Files.move(repo.resolve("bookings/b-2026-0002.yaml"), repo.resolve("more/b-2026-0002.yaml"));
    Files.delete(repo.resolve("bookings"));
    Path outside = Files.createDirectories(repo.resolve("elsewhere"));
    Files.createSymbolicLink(repo.resolve("bookings"), outside);

    // when
    InvalidPlatformException e = catchThrowableOfType(InvalidPlatformException.class,
        () -> book(request("cy@lab.example.org", 3, Optional.empty(), BookingRequest.DEFAULT_HORIZON), NOW));

    // then
    assertThat(e.problems()).extracting(Problem::format).containsExactly(
        "bookings:1:1 /: bookings is a symbolic link; maia:book writes each booking into the folder bookings/ of the platform repo,"
            + " never through a link (replace it with a folder)");
    try (Stream<Path> files = Files.list(outside)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anIdWhoseFileExistsIsSkipped() throws IOException {
    // given: a file the includes do not read, but which holds the next number
    Files.writeString(repo.resolve("bookings/b-2026-0003.yaml"), "bookings: []\n");

    // when
    BookResult result = book(request("cy@lab.example.org", 3, Optional.empty(), BookingRequest.DEFAULT_HORIZON), NOW);

    // then
    assertThat(((BookingPlan.Found) result.plan()).booking().id()).isEqualTo("b-2026-0004");
  }
}
