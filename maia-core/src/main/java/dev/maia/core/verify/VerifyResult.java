package dev.maia.core.verify;

import dev.maia.core.model.ChartRef;
import dev.maia.core.problem.Problem;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What {@code maia:verify} did.
 *
 * @param problems every finding, located in the platform (empty when everything holds)
 * @param reports one report per chart Application, in name order
 * @param charts the digest of every chart rendered
 * @param lockCharts the charts {@code maia.lock} records after this run: those the Applications
 *     use, with the digest recorded when each was first pulled
 * @param lockChanges the chart digests recorded in, or removed from, {@code maia.lock}
 * @param helmVersion the version of Helm that rendered; empty when every report came from the cache
 */
public record VerifyResult(
    List<Problem> problems,
    List<ApplicationReport> reports,
    SortedMap<ChartRef, String> charts,
    SortedMap<ChartRef, String> lockCharts,
    List<String> lockChanges,
    Optional<String> helmVersion) {

  public VerifyResult {
    problems = List.copyOf(problems);
    reports = List.copyOf(reports);
    charts = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(charts));
    lockCharts = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(lockCharts));
    lockChanges = List.copyOf(lockChanges);
  }

  /** How many reports were made in this run (the rest came from the cache). */
  public long rendered() {
    return reports.stream().filter(r -> !r.cached()).count();
  }
}
