package dev.maia.plugin;

import dev.maia.core.GenerateRequest;
import dev.maia.core.GenerateResult;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.VerifyOutcome;
import dev.maia.core.VerifyRun;
import dev.maia.core.verify.VerifyOptions;
import dev.maia.gitops.git.ChartFolders;
import java.io.File;
import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that generate the tree before they work on it share ({@code maia:verify}, {@code
 * maia:diff}, {@code maia:push}): where it is generated, and how {@code maia:verify} and {@code
 * maia:diff} pull and render its charts.
 */
abstract class AbstractTreeMojo extends AbstractMaiaMojo {

  /** The folder the GitOps tree is generated into before it is verified, compared or pushed. */
  @Parameter(property = "maia.outputDirectory", defaultValue = "${project.build.directory}/gitops", required = true)
  File outputDirectory;

  /** Where the reports, the fetched GitOps branch and the reports of earlier renders are kept. */
  @Parameter(property = "maia.workDirectory", defaultValue = "${project.build.directory}/maia", required = true)
  File workDirectory;

  /**
   * Takes the projects whose inputs did not change since the last run into the same output folder
   * from that run instead of rendering them again ({@code .maia/render-cache.json}). The tree is the
   * same either way; set it to false to render everything.
   */
  @Parameter(property = "maia.incremental", defaultValue = "true")
  boolean incremental;

  /**
   * Where {@code maia:verify} and {@code maia:diff} keep the charts they pull, outside the tree and
   * shared by every build on the machine (cache it in CI). Each archive is kept by its digest.
   */
  @Parameter(property = "maia.chartCache", defaultValue = "${user.home}/.cache/maia/charts", required = true)
  File chartCache;

  /**
   * Pulls no chart: every chart must already be in {@code maia.chartCache}. On by default when Maven
   * runs offline ({@code -o}).
   */
  @Parameter(property = "maia.offline", defaultValue = "${settings.offline}")
  boolean offline;

  /**
   * Fails the build instead of updating {@code maia.lock} when the platform needs a port the lock
   * does not have (or no longer needs one), and, for {@code maia:verify} and {@code maia:diff},
   * when a chart's digest is not recorded yet (or a recorded chart is no longer used). Set it in CI.
   */
  @Parameter(property = "maia.lock.frozen", defaultValue = "false")
  boolean lockFrozen;

  /** How many charts are rendered at once; 0 means one per processor. */
  @Parameter(property = "maia.verify.threads", defaultValue = "0")
  int verifyThreads;

  /** How long, in seconds, one request to a chart repository may take. */
  @Parameter(property = "maia.chartTimeout", defaultValue = "60")
  int chartTimeout;

  /** Generates the tree into {@link #outputDirectory}, as {@code maia:generate} does. */
  GenerateResult generate(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    GenerateResult result = compiler.generate(request());
    logGenerated(result, paths);
    return result;
  }

  /** Generates the tree, then renders and checks every chart of it (nothing fails on findings yet). */
  VerifyOutcome verify(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    return startVerify(compiler, paths).join();
  }

  /** Generates the tree, then starts rendering and checking its charts; join the run for what they found. */
  VerifyRun startVerify(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    VerifyRun run = compiler.startVerify(request(), verifyOptions());
    logGenerated(run.generated(), paths);
    return run;
  }

  VerifyOptions verifyOptions() throws MojoFailureException {
    if (verifyThreads < 0) {
      throw Failures.badParameter("maia.verify.threads", Integer.toString(verifyThreads), "0 (one per processor) or more");
    }
    if (chartTimeout < 1) {
      throw Failures.badParameter("maia.chartTimeout", Integer.toString(chartTimeout), "a number of seconds, 1 or more");
    }
    int threads = verifyThreads == 0 ? Runtime.getRuntime().availableProcessors() : verifyThreads;
    return new VerifyOptions(chartCache.toPath(), workDirectory.toPath().resolve("verify"), offline, lockFrozen, threads,
        Duration.ofSeconds(chartTimeout), new ChartFolders());
  }

  private GenerateRequest request() throws MojoFailureException {
    return new GenerateRequest(platform.toPath(), outputDirectory.toPath(), now(), lockFrozen, incremental);
  }

  private void logGenerated(GenerateResult result, ProjectPaths paths) {
    getLog().info("Generated " + Counts.of(result.written().size() + result.unchanged(), "file") + " into "
        + paths.relative(outputDirectory.toPath()) + " (" + result.written().size() + " written, " + result.removed().size() + " removed).");
  }
}
