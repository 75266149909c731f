package dev.maia.plugin;

import dev.maia.core.BookResult;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.model.Booking;
import dev.maia.core.plan.BookingPlan;
import dev.maia.core.plan.BookingRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Books GPUs: finds the earliest start at or after {@code maia.book.after} at which the booking
 * satisfies every rule of {@code spec.gpuPolicy} and the cluster's capacity, writes it as {@code
 * bookings/<id>.yaml} next to the platform file and prints it. Commit the file; its pull request is
 * the booking request. Writes nothing, and fails, when no start within {@code maia.book.horizon}
 * is valid, saying why.
 */
@Mojo(name = "book", threadSafe = true)
public final class BookMojo extends AbstractMaiaMojo {

  /** E-mail address of the user the GPUs are for; a user or admin of the project. */
  @Parameter(property = "maia.book.user", required = true)
  String user;

  /** The project the GPUs are used in. */
  @Parameter(property = "maia.book.project", required = true)
  String project;

  /** How many GPUs. */
  @Parameter(property = "maia.book.gpus", defaultValue = "1")
  int gpus;

  /** How many days, from the start. */
  @Parameter(property = "maia.book.days", defaultValue = "7")
  int days;

  /** The GPU product; by default the project's {@code gpu.product}, or its cluster's only product. */
  @Parameter(property = "maia.book.product")
  String product;

  /** The cluster; by default the project's only cluster, or the only one of its clusters with the product. */
  @Parameter(property = "maia.book.cluster")
  String cluster;

  /**
   * The earliest start, an ISO-8601 instant such as {@code 2026-12-01T08:00:00Z}. Default: {@code
   * maia.now} rounded up to the next full hour.
   */
  @Parameter(property = "maia.book.after")
  String after;

  /** How far after {@code maia.book.after} a booking may start at the latest, as an ISO-8601 duration. */
  @Parameter(property = "maia.book.horizon", defaultValue = "P180D")
  String horizon;

  /** Skips this goal only; {@code maia.skip} skips every maia goal. */
  @Parameter(property = "maia.book.skip", defaultValue = "false")
  boolean bookSkip;

  @Override
  String goal() {
    return "book";
  }

  @Override
  boolean goalSkip() {
    return bookSkip;
  }

  @Override
  void run(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    Instant instant = now();
    BookResult result = compiler.book(platform.toPath(), request(), instant);
    if (result.plan() instanceof BookingPlan.NotFound none) {
      throw Failures.noSlot(none, getLog());
    }
    Booking booking = ((BookingPlan.Found) result.plan()).booking();
    String file = paths.relative(platform.toPath().toAbsolutePath().getParent().resolve(result.file().orElseThrow()));
    getLog().info("Booked " + booking.id() + ": " + booking.gpus() + " x " + booking.product() + " on cluster " + booking.cluster()
        + " for " + booking.user() + " in project " + booking.project() + ", from " + booking.start() + " to " + booking.end() + ".");
    getLog().info("Wrote " + file + "; commit it with the platform:");
    result.text().orElseThrow().lines().forEach(line -> getLog().info("  " + line));
  }

  private BookingRequest request() throws MojoFailureException {
    if (gpus < 1) {
      throw Failures.badParameter("maia.book.gpus", String.valueOf(gpus), "a number of GPUs (1 or more)");
    }
    if (days < 1) {
      throw Failures.badParameter("maia.book.days", String.valueOf(days), "a number of days (1 or more)");
    }
    Optional<Instant> start = Optional.empty();
    if (after != null) {
      try {
        start = Optional.of(Instant.parse(after.strip()));
      } catch (DateTimeParseException e) {
        throw Failures.badParameter("maia.book.after", after, "an ISO-8601 instant such as 2026-12-01T08:00:00Z");
      }
    }
    Duration span;
    try {
      span = Duration.parse(horizon.strip());
    } catch (DateTimeParseException e) {
      throw Failures.badParameter("maia.book.horizon", horizon, "an ISO-8601 duration such as P180D");
    }
    if (span.isNegative()) {
      throw Failures.badParameter("maia.book.horizon", horizon, "a duration of zero or more, such as P180D");
    }
    return new BookingRequest(
        user.strip(), project.strip(), gpus, Duration.ofDays(days), optional(product), optional(cluster), start, span);
  }

  private static Optional<String> optional(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
