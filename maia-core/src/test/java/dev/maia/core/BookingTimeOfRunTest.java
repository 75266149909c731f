package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time of the run reaches the booking rules: through {@link GenerateRequest#now()} in {@code
 * generate}, and as the argument of {@code validate}. The example platform gets a second booking of
 * the same user, one cooldown after the first: two future bookings before the first starts, one
 * from its start on.
 */
class BookingTimeOfRunTest {

  private static final Instant BEFORE_FIRST_BOOKING = Instant.parse("2026-11-30T23:59:59Z");
  private static final Instant FIRST_BOOKING_STARTS = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path repo;
  @TempDir Path out;

  private final MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());

  @BeforeEach
  void exampleWithASecondBooking() throws IOException {
    Path example = TestPaths.examplePlatform().getParent();
    try (Stream<Path> files = Files.walk(example)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = repo.resolve(example.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
    Files.writeString(
        repo.resolve("bookings/b-2026-0002.yaml"),
        """
        bookings:
          - id: b-2026-0002
            user: phd.student@kth.se
            project: brain-mets
            product: NVIDIA-A100-SXM4-80GB
            gpus: 1
            start: 2026-12-22T00:00:00Z
            end: 2026-12-29T00:00:00Z
        """,
        StandardCharsets.UTF_8);
  }

  @Test
  void generateJudgesFutureBookingsAtTheRequestsNow() {
    // given
    GenerateRequest before = new GenerateRequest(repo.resolve("platform.yaml"), out, BEFORE_FIRST_BOOKING);
    GenerateRequest atStart = new GenerateRequest(repo.resolve("platform.yaml"), out, FIRST_BOOKING_STARTS);

    // when
    InvalidPlatformException tooMany = catchThrowableOfType(InvalidPlatformException.class, () -> compiler.generate(before));
    GenerateResult result = compiler.generate(atStart);

    // then
    assertThat(tooMany).isNotNull();
    assertThat(tooMany.problems())
        .extracting(Problem::format)
        .containsExactly(
            "bookings/b-2026-0002.yaml:7:5 /spec/bookings/1/start: booking 'b-2026-0002' breaks the future-bookings"
                + " rule: user 'phd.student@kth.se' already has 1 booking that starts after now (2026-11-30T23:59:59Z),"
                + " the most gpuPolicy.maxFutureBookings allows: 'b-2026-0001' (bookings/b-2026-0001.yaml:3:5)"
                + " (remove it, and add it again once 'b-2026-0001' has started, at 2026-12-01T00:00:00Z)");
    assertThat(result.written()).isNotEmpty();
  }

  @Test
  void validateTakesTheTimeOfTheRun() {
    // given
    Path platform = repo.resolve("platform.yaml");

    // when
    ValidPlatform valid = compiler.validate(platform, FIRST_BOOKING_STARTS);

    // then
    assertThat(valid.platform().bookings()).hasSize(2);
    assertThat(catchThrowableOfType(InvalidPlatformException.class, () -> compiler.validate(platform, BEFORE_FIRST_BOOKING)))
        .isNotNull();
  }
}
