package dev.maia.core.plan;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Booking;
import dev.maia.core.model.BookingCalendar;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Cluster.GpuPool;
import dev.maia.core.model.Platform;
import dev.maia.core.model.PlatformReader;
import dev.maia.core.model.Project;
import dev.maia.core.problem.Problem;
import dev.maia.core.validate.SemanticValidator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the earliest start for a new booking. A start is valid exactly when the platform with the
 * new booking passes validation at the time of the run: the same rules, in the same code, as a
 * booking written by hand (duration, future bookings, overlap, cooldown, capacity, and every
 * reference).
 *
 * <p>Only a few starts need trying. Each rule that depends on the start allows a union of spans
 * whose first instants are {@code after}, the end of a booking of the same pool (the capacity, as
 * in {@link BookingCalendar#earliestStart}) or the end of one of the user's bookings plus the
 * cooldown; a rule that limits how late a booking may end only cuts spans short. So the earliest
 * valid start, if there is one, is the first of those instants that validates. Starts at which the
 * pool's calendar already shows no room are skipped without validating.
 */
public final class BookingPlanner {

  private static final Pattern ID = Pattern.compile("b-(\\d{4})-(\\d+)");

  private final SemanticValidator validator = new SemanticValidator();

  /**
   * The earliest valid booking for {@code request} in {@code platform} (which must be valid at
   * {@code now}), with the next free id {@code b-<year of its start>-<nnnn>}.
   *
   * @param sources where the platform's nodes were written, for the problems of other bookings
   * @param takenIds ids that are not free although no booking has them (files already there)
   */
  public BookingPlan plan(Platform platform, SourceMap sources, BookingRequest request, Instant now, Set<String> takenIds) {
    Instant after = request.after().orElse(nextFullHour(now));
    Instant last = after.plus(request.horizon());
    Optional<Project> project = platform.projects().stream().filter(p -> p.name().equals(request.project())).findFirst();
    Optional<String> product =
        request.product().or(() -> project.flatMap(p -> defaultProduct(platform, request.cluster().map(p::on).orElse(p))));
    String what = request.gpus() + " x " + product.orElse("GPU") + " for " + request.user() + " in project '"
        + request.project() + "' for " + describe(request.duration());
    String span = " starting from " + after + " to " + last;
    if (product.isEmpty()) {
      return new BookingPlan.NotFound(
          "No booking of " + what + ": the request names no GPU product, and the project has no one gpu.product on its"
              + " clusters and no single product on its cluster (set maia.book.product, or maia.book.cluster)",
          List.of());
    }
    String cluster =
        request.cluster().orElse(project.map(p -> PlatformReader.defaultBookingCluster(p, product.get(), platform.clusters())).orElse(""));
    Optional<GpuPool> pool = platform.cluster(cluster).flatMap(c -> c.gpu(product.get()));
    Optional<BookingCalendar> calendar =
        pool.filter(p -> request.gpus() <= p.capacity())
            .map(p -> BookingCalendar.of(p.capacity(), platform.bookings().stream()
                .filter(b -> b.cluster().equals(cluster) && b.product().equals(product.get()))
                .toList()));

    TreeSet<Instant> starts = new TreeSet<>();
    starts.add(after);
    for (Booking booking : platform.bookings()) {
      if (booking.cluster().equals(cluster) && booking.product().equals(product.get())) {
        starts.add(booking.end());
      }
      if (booking.user().equalsIgnoreCase(request.user())) {
        starts.add(booking.end().plus(platform.gpuPolicy().cooldown()));
      }
    }
    List<String> firstProblems = null;
    for (Instant start : starts.subSet(after, true, last, true)) {
      Instant end = start.plus(request.duration());
      if (firstProblems != null && calendar.isPresent() && !calendar.get().fits(start, end, request.gpus())) {
        continue;
      }
      Booking candidate =
          new Booking(nextId(platform, takenIds, start), request.user(), request.project(), cluster, product.get(),
              request.gpus(), start, end);
      List<Problem> problems = validator.validate(platform.withBooking(candidate), sources, now);
      if (problems.isEmpty()) {
        return new BookingPlan.Found(candidate);
      }
      if (firstProblems == null) {
        firstProblems = describe(problems, platform.bookings().size());
      }
    }
    return new BookingPlan.NotFound(
        "No booking of " + what + (cluster.isEmpty() ? "" : " on cluster '" + cluster + "'") + span
            + " satisfies every rule; at the earliest start, " + after + ":",
        firstProblems == null ? List.of() : firstProblems);
  }

  /** {@code now} if it is a full hour, else the next full hour. */
  public static Instant nextFullHour(Instant now) {
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    return hour.equals(now) ? hour : hour.plus(Duration.ofHours(1));
  }

  /**
   * {@code b-<year>-<nnnn>}: one more than the highest number of that year among the platform's
   * booking ids, skipping taken ids.
   */
  static String nextId(Platform platform, Set<String> takenIds, Instant start) {
    int year = start.atOffset(ZoneOffset.UTC).getYear();
    Set<String> taken = new TreeSet<>(takenIds);
    platform.bookings().forEach(b -> taken.add(b.id()));
    long highest = 0;
    for (String id : taken) {
      Matcher m = ID.matcher(id);
      if (m.matches() && Integer.parseInt(m.group(1)) == year && m.group(2).length() <= 9) {
        highest = Math.max(highest, Long.parseLong(m.group(2)));
      }
    }
    String id;
    long n = highest + 1;
    do {
      id = String.format(java.util.Locale.ROOT, "b-%04d-%04d", year, n++);
    } while (taken.contains(id));
    return id;
  }

  /**
   * The project's GPU product (the same on all of its clusters once their overrides apply), or the
   * only product of its only cluster with GPUs.
   */
  private static Optional<String> defaultProduct(Platform platform, Project project) {
    List<String> own =
        project.clusters().stream().map(c -> project.on(c).gpu()).flatMap(Optional::stream).map(Project.ProjectGpu::product).distinct().toList();
    if (own.size() == 1) {
      return Optional.of(own.get(0));
    }
    if (own.size() > 1) {
      return Optional.empty();
    }
    List<String> products =
        project.clusters().stream()
            .map(platform::cluster)
            .flatMap(Optional::stream)
            .map(Cluster::gpus)
            .flatMap(List::stream)
            .map(GpuPool::product)
            .distinct()
            .toList();
    return products.size() == 1 ? Optional.of(products.get(0)) : Optional.empty();
  }

  /** The new booking's problems by message and hint (it has no place in a file yet); others as located. */
  private static List<String> describe(List<Problem> problems, int candidateIndex) {
    String candidate = "/spec/bookings/" + candidateIndex;
    List<String> lines = new ArrayList<>();
    for (Problem problem : problems) {
      if (problem.pointer().equals(candidate) || problem.pointer().startsWith(candidate + "/")) {
        String hint = problem.hint() == null || problem.hint().isEmpty() ? "" : " (" + problem.hint() + ")";
        lines.add(problem.message() + hint);
      } else {
        lines.add(problem.format());
      }
    }
    return lines;
  }

  private static String describe(Duration duration) {
    long days = duration.toDays();
    return duration.equals(Duration.ofDays(days)) ? days + (days == 1 ? " day" : " days") : duration.toString();
  }
}
