package dev.maia.plugin;

import dev.maia.core.MaiaCompiler;
import dev.maia.core.VerifyOutcome;
import dev.maia.core.verify.ApplicationReport;
import dev.maia.core.verify.ChartApplication;
import dev.maia.core.verify.VerifyOptions;
import dev.maia.core.verify.helm.RenderedObject;
import dev.maia.gitops.diff.Diff;
import dev.maia.gitops.diff.RenderedDiff;
import dev.maia.gitops.diff.ResourceChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rendered side of a diff: the chart Applications the change touches, rendered as they are on
 * the GitOps branch (through the core, which takes unchanged ones from earlier runs) and as the
 * generated tree has them (rendered by the verify run already).
 */
final class ChartChanges {

  private ChartChanges() {}

  static RenderedDiff of(MaiaCompiler compiler, VerifyOutcome outcome, Diff diff, VerifyOptions options) {
    List<ChartApplication> before = new ArrayList<>();
    Set<String> shown = new HashSet<>();
    for (ResourceChange change : diff.changes()) {
      RenderedDiff.chartApplication(change).ifPresent(a -> shown.add(a.name()));
      RenderedDiff.chartApplication(change.key(), change.before()).ifPresent(before::add);
    }
    Map<String, List<RenderedObject>> was = new TreeMap<>();
    Map<String, String> notRendered = new TreeMap<>();
    if (!before.isEmpty()) {
      List<ApplicationReport> reports = compiler.verify(outcome, before, options).reports();
      reports.forEach(r -> was.put(r.application().name(), r.rendered()));
      before.stream().filter(a -> !was.containsKey(a.name()))
          .forEach(a -> notRendered.put(a.name(), "the branch's chart " + a.chart().describe() + " could not be pulled"));
    }
    // a report's objects are read from the verify cache: only those of the Applications the diff shows
    Map<String, List<RenderedObject>> is = new TreeMap<>();
    outcome.verified().reports().stream().filter(r -> shown.contains(r.application().name()))
        .forEach(r -> is.put(r.application().name(), r.rendered()));
    return RenderedDiff.of(diff.changes(), was, is, notRendered);
  }
}
