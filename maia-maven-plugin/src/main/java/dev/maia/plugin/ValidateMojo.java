package dev.maia.plugin;

import dev.maia.core.MaiaCompiler;
import dev.maia.core.ValidPlatform;
import dev.maia.core.model.Platform;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the platform file and everything it includes against the schema and the semantic rules,
 * and reports every problem at once with its file, line and column. Writes nothing.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class ValidateMojo extends AbstractMaiaMojo {

  /** Skips this goal only; {@code maia.skip} skips every maia goal. */
  @Parameter(property = "maia.validate.skip", defaultValue = "false")
  boolean validateSkip;

  @Override
  String goal() {
    return "validate";
  }

  @Override
  boolean goalSkip() {
    return validateSkip;
  }

  @Override
  void run(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    ValidPlatform valid = compiler.validate(platform.toPath(), now());
    Platform model = valid.platform();
    getLog()
        .info(
            paths.relative(platform.toPath())
                + " is valid: "
                + Counts.of(valid.loaded().files().size(), "file")
                + ", "
                + Counts.of(model.clusters().size(), "cluster")
                + ", "
                + Counts.of(model.projects().size(), "project")
                + ", "
                + Counts.of(model.bookings().size(), "booking")
                + ".");
  }
}
