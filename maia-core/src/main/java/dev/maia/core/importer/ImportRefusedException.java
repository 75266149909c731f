package dev.maia.core.importer;

import dev.maia.core.problem.Problem;
import java.util.List;

/**
 * The import cannot be done as asked, and nothing was written: a target file exists already, the
 * source folder holds no MAIA configuration, or values of the configuration can not be imported
 * (each a problem located in its upstream file). A problem of the input, not of the environment.
 */
public final class ImportRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public ImportRefusedException(String message) {
    this(message, List.of());
  }

  public ImportRefusedException(String message, List<Problem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** The values that stopped the import, located in the files of the source folder; may be empty. */
  public List<Problem> problems() {
    return problems;
  }
}
