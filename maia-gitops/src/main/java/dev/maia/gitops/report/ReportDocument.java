package dev.maia.gitops.report;

import dev.maia.core.problem.Problem;
import dev.maia.gitops.diff.BlastRadius;
import dev.maia.gitops.diff.Diff;
import dev.maia.gitops.diff.RenderedDiff;
import dev.maia.gitops.diff.ResourceChange;
import dev.maia.gitops.diff.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The content shared by the Markdown and HTML reports: a summary (what a reviewer must read) and
 * details folded away (every manifest that changes, with its diff), in that order.
 */
record ReportDocument(String title, List<Block> summary, List<Block> details) {

  static ReportDocument of(ReportInput input) {
    if (input.diff() == null || !input.problems().isEmpty()) {
      return invalid(input);
    }
    Diff diff = input.diff().diff();
    String title = "maia diff of " + input.platform() + " against " + input.diff().against();
    List<Block> summary = new ArrayList<>();
    if (!input.findings().isEmpty()) {
      summary.add(new Block.Alert("maia:verify found " + input.findings().size()
          + (input.findings().size() == 1 ? " problem" : " problems") + " in what the charts make; the build fails until they are fixed."));
      summary.add(new Block.Bullets(input.findings().stream().map(Problem::format).toList()));
    }
    if (diff.isEmpty()) {
      summary.add(new Block.Text("No change: the generated tree equals the branch."));
      return new ReportDocument(title, summary, List.of());
    }
    summary.add(new Block.Text(diff.summary() + " (" + diff.changes().size() + " manifests)."));
    if (input.deletionsBlocked()) {
      summary.add(new Block.Alert("Blocked: " + diff.deletions().size() + " Applications and namespaces would be deleted, more than"
          + " maia.allowDeletions=" + input.allowDeletions() + " allows. Check the deletions below; if they are intended,"
          + " run with -Dmaia.allowDeletions=" + diff.deletions().size() + "."));
    }
    summary.add(new Block.Heading("Platform changes"));
    summary.add(diff.platformChanges().isEmpty()
        ? new Block.Text("No cluster, project, tool or GPU quota changes; see the manifests below.")
        : new Block.Bullets(diff.platformChanges()));
    summary.add(new Block.Heading("Deletions (blast radius)"));
    summary.add(blastRadius(diff.blastRadius()));
    List<Block> details = new ArrayList<>();
    if (input.rendered() != null) {
      rendered(input.rendered(), summary, details);
    }
    List<List<String>> rows = diff.changes().stream()
        .map(c -> List.of(c.type().word(), c.key().file(), c.key().kind(), c.key().namespace(), c.key().name()))
        .toList();
    details.add(new Block.Details("Manifests: " + diff.summary(),
        List.of(new Block.Table(List.of("change", "file", "kind", "namespace", "name"), rows))));
    for (ResourceChange change : diff.changes()) {
      if (change.type() == ResourceChange.Type.CHANGED) {
        details.add(new Block.Details("changed: " + change.key().describe() + " in " + change.key().file(),
            List.of(new Block.Code("diff", change.unifiedDiff()))));
      }
    }
    return new ReportDocument(title, summary, details);
  }

  /** What the charts make: a summary per cluster, and each changed object's diff folded away. */
  private static void rendered(RenderedDiff rendered, List<Block> summary, List<Block> details) {
    summary.add(new Block.Heading("What the charts make"));
    if (rendered.isEmpty()) {
      summary.add(new Block.Text("No object any chart makes changes."));
      return;
    }
    summary.add(new Block.Text(rendered.summary() + ", rendered with Helm from the pinned charts as ArgoCD renders them."));
    List<List<String>> rows = new ArrayList<>();
    List<String> data = new ArrayList<>();
    rendered.blastRadius().forEach((cluster, radius) -> {
      rows.add(List.of(cluster, Long.toString(radius.added()), Long.toString(radius.changed()), Long.toString(radius.removed())));
      data.addAll(radius.dataRemoved().stream().map(d -> cluster + ": " + d).toList());
    });
    summary.add(new Block.Table(List.of("cluster", "objects added", "objects changed", "objects removed"), rows));
    if (!data.isEmpty()) {
      summary.add(new Block.Alert("Data at risk: these objects that hold data are removed: " + String.join("; ", data) + "."));
    }
    List<String> notes = rendered.applications().stream().filter(a -> !a.note().isEmpty())
        .map(a -> a.application() + ": " + a.note()).toList();
    if (!notes.isEmpty()) {
      summary.add(new Block.Bullets(notes));
    }
    for (RenderedDiff.ApplicationChange app : rendered.applications()) {
      List<Block> body = new ArrayList<>();
      List<List<String>> objects = app.changes().stream().map(c -> List.of(c.type().word(), c.object())).toList();
      if (!objects.isEmpty()) {
        body.add(new Block.Table(List.of("change", "object"), objects));
      }
      app.changes().stream().filter(c -> c.type() == ResourceChange.Type.CHANGED)
          .forEach(c -> body.add(new Block.Code("diff", c.unifiedDiff())));
      details.add(new Block.Details("objects of " + app.application() + ": " + app.count(ResourceChange.Type.ADDED) + " added, "
          + app.count(ResourceChange.Type.CHANGED) + " changed, " + app.count(ResourceChange.Type.REMOVED) + " removed", body));
    }
  }

  private static Block blastRadius(BlastRadius radius) {
    if (radius.isEmpty()) {
      return new Block.Text("Nothing is deleted: no Application, namespace or AppProject is removed.");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, BlastRadius.Removed> cluster : radius.perCluster().entrySet()) {
      BlastRadius.Removed removed = cluster.getValue();
      rows.add(List.of(cluster.getKey(), names(removed.applications()), names(removed.namespaces()), names(removed.appProjects())));
    }
    return new Block.Table(List.of("cluster", "Applications removed", "namespaces removed", "AppProjects removed"), rows);
  }

  private static String names(List<ResourceKey> keys) {
    return keys.isEmpty() ? "-" : keys.stream().map(ResourceKey::name).collect(Collectors.joining(", "));
  }

  private static ReportDocument invalid(ReportInput input) {
    List<Problem> problems = input.problems();
    String title = "maia diff: " + input.platform() + " is invalid";
    List<Block> summary = new ArrayList<>();
    summary.add(new Block.Alert(input.platform() + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + "; nothing was generated or compared."));
    summary.add(new Block.Bullets(problems.stream().map(Problem::format).toList()));
    return new ReportDocument(title, summary, List.of());
  }
}
