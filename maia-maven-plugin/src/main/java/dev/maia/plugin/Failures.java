package dev.maia.plugin;

import dev.maia.core.importer.ImportRefusedException;
import dev.maia.core.output.UnsafeOutputException;
import dev.maia.core.plan.BookingPlan;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.verify.chart.ChartUnavailableException;
import dev.maia.core.problem.Problem;
import dev.maia.gitops.GitOpsException;
import dev.maia.gitops.PushRefusedException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * The one translation point from the core's exceptions to Maven's. A problem in the user's input
 * fails the build (BUILD FAILURE); anything else is a broken environment or a bug (BUILD ERROR).
 */
final class Failures {

  private Failures() {}

  /**
   * Logs every problem at ERROR, one line each, and returns a failure whose message lists them all,
   * so the summary at the end of the build is complete on its own. The core's exception is not
   * kept as the cause: Maven would append its message, the same problems located differently.
   */
  static MojoFailureException invalidPlatform(
      InvalidPlatformException e, Path platformFile, ProjectPaths paths, Log log) {
    return invalidPlatform(e.problems(), platformFile, paths, log);
  }

  /** As {@link #invalidPlatform(InvalidPlatformException, Path, ProjectPaths, Log)}, for problems in the order reported. */
  static MojoFailureException invalidPlatform(List<Problem> problems, Path platformFile, ProjectPaths paths, Log log) {
    List<String> lines = problems.stream().map(p -> paths.relocate(p, platformFile)).map(Problem::format).toList();
    lines.forEach(log::error);
    String noun = lines.size() == 1 ? "problem" : "problems";
    String message =
        paths.relative(platformFile)
            + " has "
            + lines.size()
            + " "
            + noun
            + ":\n  "
            + String.join("\n  ", lines);
    return new MojoFailureException(message);
  }

  /**
   * The output would be unsafe (a credential, an unpinned chart, a too-wide AppProject, ...):
   * caused by the platform or a site template, so a build failure. Nothing was written.
   */
  static MojoFailureException unsafeOutput(UnsafeOutputException e, Log log) {
    List<String> lines = e.findings().stream().map(Object::toString).toList();
    lines.forEach(log::error);
    return new MojoFailureException(
        "the generated tree would be unsafe, so nothing was written ("
            + lines.size()
            + (lines.size() == 1 ? " finding" : " findings")
            + "):\n  "
            + String.join("\n  ", lines));
  }

  /**
   * No booking fits the request: the user's input (the request, or the bookings already there), so
   * a build failure. Logs what the rules say at ERROR, one line each, and lists it in the message.
   */
  static MojoFailureException noSlot(BookingPlan.NotFound none, Log log) {
    none.problems().forEach(log::error);
    String details = none.problems().isEmpty() ? "" : "\n  " + String.join("\n  ", none.problems());
    return new MojoFailureException(none.reason() + details);
  }

  /**
   * The output folder cannot be written: read-only, a full disk, held by another run, or a file the
   * plugin did not write in the way. The environment, not the input, so a build error. The core's
   * message names the folder, the step, the cause and the state the folder is in, and is the whole
   * message: no exception class and no stack trace (the cause goes to the DEBUG log).
   */
  static MojoExecutionException outputFolder(String goal, RuntimeException e, Log log) {
    log.debug("maia:" + goal + " could not write its output folder", e);
    return new MojoExecutionException("maia:" + goal + " could not write its output: " + e.getMessage());
  }

  /**
   * A chart could not be pulled (its repository unreachable, or serving bytes other than it
   * announced) or Helm could not run here: the environment, so a build error, with what to do.
   */
  static MojoExecutionException charts(String goal, RuntimeException e, Log log) {
    log.debug("maia:" + goal + " could not render the charts", e);
    String fix = e instanceof ChartUnavailableException
        ? " (check the network or the repository; with -o or maia.offline, every chart must be in maia.chartCache)"
        : "";
    return new MojoExecutionException("maia:" + goal + " could not render the charts: " + e.getMessage() + fix);
  }

  /** Anything the core throws that is not about the input. */
  static MojoExecutionException unexpected(String goal, RuntimeException e) {
    return new MojoExecutionException("maia:" + goal + " failed: " + e, e);
  }

  /** A push or diff refused for the user's change (too many deletions, an older platform commit). */
  static MojoFailureException refused(PushRefusedException e) {
    return new MojoFailureException(e.getMessage());
  }

  /**
   * The GitOps repository could not be read or written (unreachable, login rejected, the branch
   * kept moving): a build error. The message is already free of credentials.
   */
  static MojoExecutionException gitops(String goal, GitOpsException e) {
    return new MojoExecutionException("maia:" + goal + " failed: " + e.getMessage(), e);
  }

  /**
   * The import would overwrite a file, found no MAIA configuration, or found values it can not
   * import: the user's input. Those values are logged at ERROR, one line each, located in the
   * source folder (relative to the project) like the problems of a platform; nothing was written.
   */
  static MojoFailureException importRefused(ImportRefusedException e, Path from, ProjectPaths paths, Log log) {
    if (e.problems().isEmpty()) {
      return new MojoFailureException("maia:import: " + e.getMessage());
    }
    List<String> lines = e.problems().stream().map(p -> paths.relocateInto(p, from)).map(Problem::format).toList();
    lines.forEach(log::error);
    return new MojoFailureException("maia:import: nothing was written: " + lines.size() + (lines.size() == 1 ? " value" : " values")
        + " of " + paths.relative(from) + " can not be imported:\n  " + String.join("\n  ", lines));
  }

  /** A parameter with a value the plugin cannot use: the user's input, so a build failure. */
  static MojoFailureException badParameter(String property, String value, String expected) {
    return new MojoFailureException(property + " '" + value + "' is not " + expected);
  }
}
