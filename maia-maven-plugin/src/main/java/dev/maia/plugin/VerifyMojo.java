package dev.maia.plugin;

import dev.maia.core.MaiaCompiler;
import dev.maia.core.VerifyOutcome;
import dev.maia.core.verify.VerifyResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the tree, then renders the chart of every Application with real Helm, as ArgoCD's
 * repo-server does (hooks included, {@code lookup} finding nothing, for each cluster's {@code
 * kubernetesVersion}), and checks what the charts make: every object conforms to its schema, two
 * renders are the same (no random secret), every value set is read by the chart, no chart mints a
 * plaintext Secret, and no chart needs the internet to render. Each finding is located where the
 * platform or a values template decides it. Charts are pulled into {@code maia.chartCache}, and
 * their digests recorded in {@code maia.lock} and checked on every later pull; Applications whose
 * inputs have not changed since the last run are not rendered again.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class VerifyMojo extends AbstractTreeMojo {

  /** Skips this goal only; {@code maia.skip} skips every maia goal. */
  @Parameter(property = "maia.verify.skip", defaultValue = "false")
  boolean verifySkip;

  @Override
  String goal() {
    return "verify";
  }

  @Override
  boolean goalSkip() {
    return verifySkip;
  }

  @Override
  void run(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    VerifyOutcome outcome = verify(compiler, paths);
    VerifyResult result = outcome.verified();
    long charts = result.reports().stream().map(r -> r.application().chart()).distinct().count();
    String helm = result.helmVersion().map(v -> " with Helm " + v).orElse("");
    getLog().info("Verified " + Counts.of(result.reports().size(), "chart Application") + " of " + Counts.of((int) charts, "chart")
        + helm + " (" + result.rendered() + " rendered, " + (result.reports().size() - result.rendered())
        + " unchanged since an earlier run): " + (result.problems().isEmpty() ? "no findings." : Counts.of(result.problems().size(), "finding") + "."));
    outcome.requireClean();
  }
}
