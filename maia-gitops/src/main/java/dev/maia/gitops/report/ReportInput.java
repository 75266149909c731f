package dev.maia.gitops.report;

import dev.maia.core.problem.Problem;
import dev.maia.gitops.DiffResult;
import dev.maia.gitops.diff.RenderedDiff;
import java.util.List;

/**
 * What a report is about: the platform's problems (when it is invalid) or its diff against the
 * GitOps branch, what rendering its charts found and changes, and the deletion limit the diff is
 * judged by.
 *
 * @param platform the platform file, relative to the project, or the platform's name
 * @param problems every problem of an invalid platform (locations relative to the project)
 * @param diff the comparison with the branch, or null when there is none (an invalid platform)
 * @param findings what {@code maia:verify}'s checks found in the generated tree's charts
 * @param rendered what the change does to the objects the charts make, or null when the charts
 *     were not rendered
 */
public record ReportInput(
    String platform, String version, List<Problem> problems, DiffResult diff, int allowDeletions, List<Problem> findings,
    RenderedDiff rendered) {

  public ReportInput {
    problems = List.copyOf(problems);
    findings = List.copyOf(findings);
  }

  /** A report without rendered charts. */
  public ReportInput(String platform, String version, List<Problem> problems, DiffResult diff, int allowDeletions) {
    this(platform, version, problems, diff, allowDeletions, List.of(), null);
  }

  /** Whether the deletions in the diff exceed the limit. */
  public boolean deletionsBlocked() {
    return diff != null && diff.diff().deletions().size() > allowDeletions;
  }
}
