package dev.maia.plugin;

import dev.maia.core.MaiaCompiler;
import dev.maia.core.output.OutputConflictException;
import dev.maia.core.output.OutputWriteException;
import dev.maia.core.output.UnsafeOutputException;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.verify.chart.ChartUnavailableException;
import dev.maia.core.verify.helm.HelmUnavailableException;
import dev.maia.gitops.GitOpsException;
import dev.maia.gitops.PushRefusedException;
import java.io.File;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import java.time.Clock;
import java.time.Instant;

/**
 * What every maia goal shares: the platform file, skip handling, the log adapter and the one place
 * where the core's exceptions become Maven's. A goal only reads its own parameters, calls the core
 * once and reports the result.
 */
abstract class AbstractMaiaMojo extends AbstractMojo {

  /**
   * The project's base directory (the current folder when Maven runs without a project, as {@code
   * maia:import} may); paths in log lines are relative to it. {@code ${basedir}} rather than {@code
   * ${project.basedir}}: without a project, Maven's stand-in project has no base directory.
   */
  @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
  File basedir;

  /**
   * The platform file. Files it includes ({@code spec.include}) are resolved relative to its
   * folder, which is the platform repo.
   */
  @Parameter(property = "maia.platform", defaultValue = "${basedir}/platform.yaml", required = true)
  File platform;

  /**
   * The instant that decides which GPU bookings are active (and, for validation and booking, which
   * bookings are in the future), in ISO-8601 form such as {@code 2026-11-26T00:00:00Z}. The output is a pure
   * function of the platform files and this instant, so set it to make a build reproducible.
   * Default: the current time, in UTC.
   */
  @Parameter(property = "maia.now")
  String now;

  /** Skips every maia goal. */
  @Parameter(property = "maia.skip", defaultValue = "false")
  boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    Optional<String> skippedBy = skippedBy(skip, goalSkip(), goal());
    if (skippedBy.isPresent()) {
      getLog().info("Skipping maia:" + goal() + ": " + skippedBy.get() + " is true.");
      return;
    }
    ProjectPaths paths = new ProjectPaths(basedir.toPath());
    MaiaCompiler compiler = new MaiaCompiler(new MavenMaiaLog(getLog()));
    try {
      run(compiler, paths);
    } catch (InvalidPlatformException e) {
      throw Failures.invalidPlatform(e, platform.toPath(), paths, getLog());
    } catch (UnsafeOutputException e) {
      throw Failures.unsafeOutput(e, getLog());
    } catch (PushRefusedException e) {
      throw Failures.refused(e);
    } catch (GitOpsException e) {
      throw Failures.gitops(goal(), e);
    } catch (ChartUnavailableException | HelmUnavailableException e) {
      throw Failures.charts(goal(), e, getLog());
    } catch (OutputWriteException | OutputConflictException e) {
      throw Failures.outputFolder(goal(), e, getLog());
    } catch (RuntimeException e) {
      throw Failures.unexpected(goal(), e);
    }
  }

  /** The property that skips the goal ({@code maia.skip} wins), or empty when it runs. */
  static Optional<String> skippedBy(boolean skipAll, boolean skipGoal, String goal) {
    if (skipAll) {
      return Optional.of("maia.skip");
    }
    return skipGoal ? Optional.of("maia." + goal + ".skip") : Optional.empty();
  }

  /** {@code maia.now}, or the current time in UTC when it is not set. */
  Instant now() throws MojoFailureException {
    return NowParameter.parse(now, Clock.systemUTC());
  }

  /** The goal's name, as in {@code maia:<goal>} and {@code maia.<goal>.skip}. */
  abstract String goal();

  /** The value of {@code maia.<goal>.skip}. */
  abstract boolean goalSkip();

  /** Reads the goal's parameters, calls the core once and logs what happened. */
  abstract void run(MaiaCompiler compiler, ProjectPaths paths) throws MojoExecutionException, MojoFailureException;
}
