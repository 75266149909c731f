package dev.maia.core.importer;

import dev.maia.core.problem.Problem;
import java.util.List;

/**
 * What {@code maia:import} did.
 *
 * @param written files written, relative to the target folder, in the order they were written
 * @param notes what could not be carried over or was changed on the way, one sentence each; never a
 *     credential's value
 * @param read upstream files that were understood, relative to the source folder
 * @param problems what makes the written platform invalid; empty when it validates
 */
public record ImportResult(List<String> written, List<String> notes, List<String> read, List<Problem> problems) {

  public ImportResult {
    written = List.copyOf(written);
    notes = List.copyOf(notes);
    read = List.copyOf(read);
    problems = List.copyOf(problems);
  }

  /** The same result, with the problems validation found in the written platform. */
  public ImportResult withProblems(List<Problem> found) {
    return new ImportResult(written, notes, read, found);
  }
}
