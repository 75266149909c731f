package dev.maia.gitops.report;

import dev.maia.core.problem.Problem;
import dev.maia.gitops.DiffResult;
import java.util.List;

/**
 * What a report is about: the platform's problems (when it is invalid) or its diff against the
 * GitOps branch, and the deletion limit the diff is judged by.
 *
 * @param platform the platform file, relative to the project, or the platform's name
 * @param problems every problem of an invalid platform (locations relative to the project)
 * @param diff the comparison with the branch, or null when there is none (an invalid platform)
 */
public record ReportInput(String platform, String version, List<Problem> problems, DiffResult diff, int allowDeletions) {

  public ReportInput {
    problems = List.copyOf(problems);
  }

  /** Whether the deletions in the diff exceed the limit. */
  public boolean deletionsBlocked() {
    return diff != null && diff.diff().deletions().size() > allowDeletions;
  }
}
