package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.load.PlatformLoader;
import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Booking;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Cluster.GpuPool;
import dev.maia.core.model.GpuPolicy;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Rollout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Random booking sets on a small cluster (4 shares of one product, 1 of another), random policies
 * and random times of the run, judged twice: by {@link BookingPolicyRules}, and by the plain
 * brute-force checks below, which look at every pair of a user's bookings and count the GPUs at
 * every booking's start. The two must agree, rule family by rule family.
 */
class BookingPolicyPropertyTest {

  private static final Instant BASE = Instant.parse("2026-12-01T00:00:00Z");

  private static final Map<String, Integer> CAPACITY = Map.of("A100", 4, "T4", 1);

  private static final Cluster LAB =
      new Cluster(
          "lab",
          "https://lab.example.org:6443",
          "lab.example.org",
          "1.36",
          Map.of(),
          Optional.empty(),
          new Cluster.Ingress("nginx", ""),
          new Cluster.Storage("", ""),
          new Cluster.Ports(new Cluster.PortRange(30000, 30999), new Cluster.PortRange(31000, 31099)),
          List.of(new GpuPool("A100", 2, 2), new GpuPool("T4", 1, 1)),
          dev.maia.core.model.Core.DEFAULTS);

  private static final Pattern ALTERNATIVE = Pattern.compile("the earliest start at which it fits is (\\S+)\\)$");

  private static final Pattern RULE = Pattern.compile("breaks the ([a-z-]+) rule");

  private static final Pattern ID = Pattern.compile("booking '([^']+)' breaks");

  private static final Pattern NAMED = Pattern.compile("(?:already has booking|after booking) '([^']+)'");

  /** Locations are not what these properties are about; any source map will do. */
  private static SourceMap sources;

  @BeforeContainer
  static void loadAnySourceMap() throws IOException {
    Path dir = Files.createTempDirectory("booking-properties");
    Path file = dir.resolve("platform.yaml");
    Files.writeString(file, "spec: {}\n", StandardCharsets.UTF_8);
    sources = new PlatformLoader().load(file).sources();
    Files.delete(file);
    Files.delete(dir);
  }

  /** A booking set, the policy and the time of the run. */
  record Scenario(List<Booking> bookings, GpuPolicy policy, Instant now) {}

  /**
   * Starts and lengths are whole half-days, so bookings often meet exactly: one ends as the next
   * starts, or starts exactly one cooldown later. Lengths are weighted towards the limits: exactly 1
   * and 14 days, and half a day either side.
   */
  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Integer> halfDays =
        Arbitraries.frequencyOf(
            List.of(
                Tuple.of(2, Arbitraries.just(2)),
                Tuple.of(2, Arbitraries.just(28)),
                Tuple.of(1, Arbitraries.just(1)),
                Tuple.of(1, Arbitraries.just(29)),
                Tuple.of(6, Arbitraries.integers().between(2, 28))));
    Arbitrary<Booking> booking =
        Combinators.combine(
                Arbitraries.of("a@kth.se", "b@kth.se", "c@kth.se", "A@KTH.se"),
                Arbitraries.of("A100", "A100", "T4"),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 60),
                halfDays)
            .as(
                (user, product, gpus, start, length) ->
                    new Booking(
                        "",
                        user,
                        "p",
                        "lab",
                        product,
                        Math.min(gpus, CAPACITY.get(product)),
                        BASE.plus(Duration.ofHours(12L * start)),
                        BASE.plus(Duration.ofHours(12L * (start + length)))));
    Arbitrary<List<Booking>> bookings =
        booking
            .list()
            .ofMaxSize(7)
            .map(
                list -> {
                  List<Booking> named = new ArrayList<>();
                  for (int i = 0; i < list.size(); i++) {
                    Booking b = list.get(i);
                    String id = "b-" + i;
                    named.add(new Booking(id, b.user(), b.project(), b.cluster(), b.product(), b.gpus(), b.start(), b.end()));
                  }
                  return named;
                });
    Arbitrary<GpuPolicy> policy =
        Combinators.combine(
                Arbitraries.of(Duration.ZERO, Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(14)),
                Arbitraries.integers().between(0, 2))
            .as(
                (cooldown, maxFuture) ->
                    new GpuPolicy(Duration.ofDays(1), Duration.ofDays(14), cooldown, maxFuture, GpuPolicy.Scheduling.NATIVE));
    Arbitrary<Instant> now = Arbitraries.integers().between(-2, 64).map(halfDay -> BASE.plus(Duration.ofHours(12L * halfDay)));
    return Combinators.combine(bookings, policy, now).as(Scenario::new);
  }

  @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
  @StatisticsReport(StatisticsReportMode.OFF)
  void theRulesAcceptABookingSetExactlyWhenBruteForceFindsNoViolation(@ForAll("scenarios") Scenario scenario) {
    // given
    Platform platform = platform(scenario);

    // when
    List<String> problems = check(platform, scenario.now());

    // then
    Set<String> expected = bruteForceViolations(scenario);
    Set<String> reported = new TreeSet<>();
    problems.forEach(p -> reported.add(family(p)));
    assertThat(reported).as("rule families reported for %s", problems).isEqualTo(expected);
    if (problems.isEmpty()) {
      for (String product : CAPACITY.keySet()) {
        assertThat(mostBooked(scenario.bookings(), product)).isLessThanOrEqualTo(CAPACITY.get(product));
      }
    }
    Statistics.label("verdict").collect(problems.isEmpty() ? "accepted" : "rejected");
    Statistics.label("verdict").coverage(c -> c.check("accepted").percentage(p -> p >= 5));
    Statistics.label("capacity").collect(expected.contains("capacity") ? "oversubscribed" : "fits");
    Statistics.label("capacity").coverage(c -> c.check("oversubscribed").percentage(p -> p >= 5));
  }

  @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
  void eachReportedBookingIsReallyAtFaultAndTheOthersNeverOversubscribe(@ForAll("scenarios") Scenario scenario) {
    // given
    Platform platform = platform(scenario);
    Map<String, Booking> byId = new HashMap<>();
    scenario.bookings().forEach(b -> byId.put(b.id(), b));

    // when
    List<String> problems = check(platform, scenario.now());

    // then
    Set<String> overbooked = new HashSet<>();
    for (String problem : problems) {
      Booking booking = byId.get(bookingId(problem));
      switch (rule(problem)) {
        case "capacity" -> {
          overbooked.add(booking.id());
          List<Booking> others = scenario.bookings().stream().filter(b -> b != booking).toList();
          assertThat(mostBooked(scenario.bookings(), booking.product(), booking.start()))
              .as("GPUs booked at the start of %s", booking.id())
              .isGreaterThan(CAPACITY.get(booking.product()));
          Instant alternative = alternative(problem);
          assertThat(alternative).isAfterOrEqualTo(booking.start());
          assertThat(fitsAt(booking, alternative, others)).as("%s fits at %s", booking.id(), alternative).isTrue();
          for (Instant t = booking.start(); t.isBefore(alternative); t = t.plus(Duration.ofHours(1))) {
            assertThat(fitsAt(booking, t, others)).as("%s does not fit earlier, at %s", booking.id(), t).isFalse();
          }
        }
        case "overlap" -> {
          Booking other = byId.get(named(problem));
          assertThat(sameUser(booking, other) && overlap(booking, other)).isTrue();
          assertThat(Booking.BY_START_THEN_ID.compare(other, booking)).isNegative();
          assertThat(problem).contains("at or after " + other.end().plus(scenario.policy().cooldown()));
        }
        case "cooldown" -> {
          Booking other = byId.get(named(problem));
          Instant earliest = other.end().plus(scenario.policy().cooldown());
          assertThat(sameUser(booking, other)).isTrue();
          assertThat(booking.start()).isAfterOrEqualTo(other.end()).isBefore(earliest);
          assertThat(problem).endsWith("(start it at or after " + earliest + ")");
        }
        default -> {
          // duration and future bookings concern one booking; the first property covers them
        }
      }
    }
    List<Booking> kept = scenario.bookings().stream().filter(b -> !overbooked.contains(b.id())).toList();
    for (String product : CAPACITY.keySet()) {
      assertThat(mostBooked(kept, product)).isLessThanOrEqualTo(CAPACITY.get(product));
    }
  }

  // The brute-force checker: every rule written out directly, on every pair and every start.

  private static Set<String> bruteForceViolations(Scenario scenario) {
    Set<String> violations = new TreeSet<>();
    GpuPolicy policy = scenario.policy();
    List<Booking> bookings = scenario.bookings();
    for (Booking b : bookings) {
      Duration d = Duration.between(b.start(), b.end());
      if (d.compareTo(policy.minDuration()) < 0 || d.compareTo(policy.maxDuration()) > 0) {
        violations.add("duration");
      }
      long future = bookings.stream().filter(o -> sameUser(o, b) && o.start().isAfter(scenario.now())).count();
      if (future > policy.maxFutureBookings()) {
        violations.add("future-bookings");
      }
    }
    for (int i = 0; i < bookings.size(); i++) {
      for (int j = i + 1; j < bookings.size(); j++) {
        Booking x = bookings.get(i);
        Booking y = bookings.get(j);
        if (!sameUser(x, y)) {
          continue;
        }
        Booking first = x.start().isAfter(y.start()) ? y : x;
        Booking second = first == x ? y : x;
        if (overlap(x, y) || second.start().isBefore(first.end().plus(policy.cooldown()))) {
          violations.add("separation");
        }
      }
    }
    for (String product : CAPACITY.keySet()) {
      if (mostBooked(bookings, product) > CAPACITY.get(product)) {
        violations.add("capacity");
      }
    }
    return violations;
  }

  private static boolean sameUser(Booking a, Booking b) {
    return a.user().toLowerCase(Locale.ROOT).equals(b.user().toLowerCase(Locale.ROOT));
  }

  private static boolean overlap(Booking a, Booking b) {
    return a.start().isBefore(b.end()) && b.start().isBefore(a.end());
  }

  /** The most GPUs of {@code product} booked at once: the count only rises at a start. */
  private static int mostBooked(List<Booking> bookings, String product) {
    int most = 0;
    for (Booking b : bookings) {
      if (b.product().equals(product)) {
        most = Math.max(most, mostBooked(bookings, product, b.start()));
      }
    }
    return most;
  }

  private static int mostBooked(List<Booking> bookings, String product, Instant at) {
    int sum = 0;
    for (Booking b : bookings) {
      if (b.product().equals(product) && !at.isBefore(b.start()) && at.isBefore(b.end())) {
        sum += b.gpus();
      }
    }
    return sum;
  }

  /** Whether {@code booking}, moved to start at {@code start}, fits beside {@code others}. */
  private static boolean fitsAt(Booking booking, Instant start, List<Booking> others) {
    Instant end = start.plus(Duration.between(booking.start(), booking.end()));
    List<Instant> checkpoints = new ArrayList<>(List.of(start));
    others.stream().map(Booking::start).filter(t -> t.isAfter(start) && t.isBefore(end)).forEach(checkpoints::add);
    for (Instant t : checkpoints) {
      if (mostBooked(others, booking.product(), t) + booking.gpus() > CAPACITY.get(booking.product())) {
        return false;
      }
    }
    return true;
  }

  // Plumbing.

  private static Platform platform(Scenario scenario) {
    return new Platform(
        "lab",
        new Platform.GitOps("https://git.example.org/gitops.git", "gitops", ""),
        new Platform.ArgoCd("argocd", "lab"),
        new Platform.Identity("https://iam.example.org", "MAIA:admin", "MAIA:"),
        new Platform.Secrets("external-secrets", new Platform.StoreRef("ClusterSecretStore", "vault")),
        Map.of(),
        List.of(LAB),
        scenario.policy(),
        List.of(),
        scenario.bookings(),
        List.of(),
        Rollout.NONE);
  }

  private static List<String> check(Platform platform, Instant now) {
    Problems problems = new Problems(sources);
    new BookingPolicyRules(now).check(platform, sources, problems);
    return problems.list().stream().map(Problem::format).toList();
  }

  private static String rule(String problem) {
    Matcher m = RULE.matcher(problem);
    return m.find() ? m.group(1) : problem;
  }

  /** {@code overlap} and {@code cooldown} are one family for the brute force: a user's bookings kept apart. */
  private static String family(String problem) {
    String rule = rule(problem);
    return rule.equals("overlap") || rule.equals("cooldown") ? "separation" : rule;
  }

  private static String bookingId(String problem) {
    Matcher m = ID.matcher(problem);
    return m.find() ? m.group(1) : problem;
  }

  private static String named(String problem) {
    Matcher m = NAMED.matcher(problem);
    return m.find() ? m.group(1) : problem;
  }

  private static Instant alternative(String problem) {
    Matcher m = ALTERNATIVE.matcher(problem);
    assertThat(m.find()).as("an earliest start in %s", problem).isTrue();
    return Instant.parse(m.group(1));
  }
}
