package dev.maia.plugin;

import dev.maia.core.load.SourceLocation;
import dev.maia.core.problem.Problem;
import java.nio.file.Path;

/**
 * Paths as log lines show them: relative to the project's base directory, with {@code /}
 * separators on every system, so a message reads the same on a laptop and in CI.
 */
final class ProjectPaths {

  private final Path basedir;

  ProjectPaths(Path basedir) {
    this.basedir = basedir.toAbsolutePath().normalize();
  }

  /** {@code target/gitops} for {@code <basedir>/target/gitops}; {@code .} for the basedir itself. */
  String relative(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    if (absolute.equals(basedir)) {
      return ".";
    }
    if (absolute.getRoot() == null || !absolute.getRoot().equals(basedir.getRoot())) {
      return slashes(absolute); // another drive: nothing to be relative to
    }
    return slashes(basedir.relativize(absolute));
  }

  /**
   * The core locates a problem relative to the platform file's folder; the same problem with its
   * file relative to the project instead (unchanged when the platform file sits in the basedir).
   */
  Problem relocate(Problem problem, Path platformFile) {
    return relocateInto(problem, platformFile.toAbsolutePath().normalize().getParent());
  }

  /** A problem located relative to {@code folder}, with its file relative to the project instead. */
  Problem relocateInto(Problem problem, Path folder) {
    String prefix = relative(folder);
    if (prefix.equals(".") || problem.location().builtIn()) {
      return problem;
    }
    SourceLocation at = problem.location();
    SourceLocation moved = new SourceLocation(prefix + "/" + at.file(), at.line(), at.column());
    return new Problem(moved, problem.pointer(), problem.message(), problem.hint());
  }

  private static String slashes(Path path) {
    StringBuilder text = new StringBuilder(path.isAbsolute() ? path.getRoot().toString() : "");
    for (int i = 0; i < path.getNameCount(); i++) {
      if (i > 0) {
        text.append('/');
      }
      text.append(path.getName(i));
    }
    return text.toString();
  }
}
