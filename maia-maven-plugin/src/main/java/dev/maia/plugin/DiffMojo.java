package dev.maia.plugin;

import dev.maia.core.GenerateResult;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.VerifyOutcome;
import dev.maia.core.VerifyRun;
import dev.maia.gitops.diff.RenderedDiff;
import dev.maia.core.Version;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import dev.maia.gitops.DiffResult;
import dev.maia.gitops.GeneratedFiles;
import dev.maia.gitops.GitCredentials;
import dev.maia.gitops.GitOpsTarget;
import dev.maia.gitops.git.BranchReader;
import dev.maia.gitops.git.Publisher;
import dev.maia.gitops.report.ConsoleSummary;
import dev.maia.gitops.report.ReportInput;
import dev.maia.gitops.report.Reports;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the tree, then compares it with the GitOps branch and reports the change for review:
 * in words (projects, tools, clusters, GPU quotas), per manifest with a unified diff, and as the
 * Applications, namespaces and AppProjects it deletes per cluster. Writes {@code diff.md} (for a
 * pull-request comment), {@code report.html}, {@code report.sarif} and {@code report-junit.xml} to
 * {@code target/maia}, also when the platform is invalid. With {@code maia.diff.charts} (the
 * default) it renders the charts as {@code maia:verify} does: the reports show, per changed
 * Application, the Kubernetes objects its chart makes that are added, changed and removed, and the
 * checks' findings. Fails when the change deletes more than {@code maia.allowDeletions}
 * Applications and namespaces, when the checks find anything, or with {@code maia.failOnDiff}
 * when anything differs.
 */
@Mojo(name = "diff", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class DiffMojo extends AbstractGitOpsMojo {

  /** Fails the build when the generated tree differs from the branch in any way. */
  @Parameter(property = "maia.failOnDiff", defaultValue = "false")
  boolean failOnDiff;

  /**
   * Renders the charts with Helm (as {@code maia:verify} does): the report then shows what the
   * change does to the objects the charts make, and the checks' findings, which fail the build.
   * Set it to false to compare the tree only, without pulling a chart.
   */
  @Parameter(property = "maia.diff.charts", defaultValue = "true")
  boolean charts;

  /** Skips this goal only; {@code maia.skip} skips every maia goal. */
  @Parameter(property = "maia.diff.skip", defaultValue = "false")
  boolean diffSkip;

  @Override
  String goal() {
    return "diff";
  }

  @Override
  boolean goalSkip() {
    return diffSkip;
  }

  @Override
  void run(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    String platformName = paths.relative(platform.toPath());
    Path reports = workDirectory.toPath();
    VerifyRun verifying = null;
    GenerateResult result;
    try {
      if (charts) {
        verifying = startVerify(compiler, paths); // Helm renders while the tree is compared with the branch
        result = verifying.generated();
      } else {
        result = generate(compiler, paths);
      }
    } catch (InvalidPlatformException e) {
      List<Problem> problems = e.problems().stream().map(p -> paths.relocate(p, platform.toPath())).toList();
      Reports.write(reports, new ReportInput(platformName, Version.get(), problems, null, allowDeletions));
      getLog().info("Wrote the reports of " + Counts.of(problems.size(), "problem") + " to " + paths.relative(reports) + ".");
      throw e;
    }
    GitOpsTarget target = target(result.platform().gitops());
    GitCredentials credentials = credentials();
    DiffResult diff = BranchReader.diff(target, credentials, cacheDirectory(), GeneratedFiles.tree(outputDirectory.toPath()));
    getLog().info("Compared " + paths.relative(outputDirectory.toPath()) + " with " + diff.against() + " in "
        + describe(target, paths, credentials) + ": " + (diff.diff().isEmpty() ? "no change." : diff.diff().summary() + "."));
    ConsoleSummary.lines(diff.diff()).forEach(getLog()::info);
    ConsoleSummary.details(diff.diff()).forEach(getLog()::debug);
    RenderedDiff rendered = null;
    List<Problem> findings = List.of();
    VerifyOutcome outcome = verifying == null ? null : verifying.join();
    if (outcome != null) {
      rendered = ChartChanges.of(compiler, outcome, diff.diff(), verifyOptions());
      getLog().info("Rendered the charts of the changed Applications: " + (rendered.isEmpty() ? "no object changes." : rendered.summary() + "."));
      findings = outcome.verified().problems().stream().map(p -> paths.relocate(p, platform.toPath())).toList();
    }
    Reports.write(reports, new ReportInput(platformName, Version.get(), List.of(), diff, allowDeletions, findings, rendered));
    getLog().info("Wrote " + Reports.MARKDOWN + ", " + Reports.HTML + ", " + Reports.SARIF + " and " + Reports.JUNIT
        + " to " + paths.relative(reports) + ".");
    Publisher.checkDeletions(diff.diff(), allowDeletions, goal());
    if (outcome != null) {
      outcome.requireClean();
    }
    if (failOnDiff && !diff.diff().isEmpty()) {
      throw new MojoFailureException("The generated tree differs from " + diff.against() + " (" + diff.diff().summary()
          + "), and maia.failOnDiff is true; see " + paths.relative(reports.resolve(Reports.MARKDOWN)) + ".");
    }
  }
}
