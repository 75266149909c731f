package dev.maia.plugin;

import dev.maia.core.GenerateRequest;
import dev.maia.core.GenerateResult;
import dev.maia.core.MaiaCompiler;
import java.io.File;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the platform, then writes its GitOps tree (one Kustomize overlay and app-of-apps root
 * per cluster, ArgoCD AppProjects and Applications, and {@code maia-index.json}) as of {@code
 * maia.now}, and logs the next instant at which GPU bookings change it. Nothing is
 * written unless the whole platform is valid; a file is written only when its bytes change; stale
 * files this plugin generated earlier are removed, and no other file is touched. NodePorts come from
 * the allocation lock {@code maia.lock} next to the platform file, which this goal updates when the
 * platform needs it (unless {@code maia.lock.frozen} is set).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMaiaMojo {

  /**
   * The folder the GitOps tree is written to. The plugin owns only the files listed in the index
   * it writes there; anything else in the folder is left alone.
   */
  @Parameter(property = "maia.outputDirectory", defaultValue = "${project.build.directory}/gitops", required = true)
  File outputDirectory;

  /**
   * Fails the build instead of updating the allocation lock ({@code maia.lock} next to the platform
   * file) when the platform needs a port the lock does not have, or no longer needs one it has. Set
   * it in CI, so that every port change is made, reviewed and committed in the platform repo.
   */
  @Parameter(property = "maia.lock.frozen", defaultValue = "false")
  boolean lockFrozen;

  /**
   * Takes the projects whose inputs did not change since the last run into the same output folder
   * from that run instead of rendering them again ({@code .maia/render-cache.json}). The tree is the
   * same either way; set it to false to render everything.
   */
  @Parameter(property = "maia.incremental", defaultValue = "true")
  boolean incremental;

  /** Skips this goal only; {@code maia.skip} skips every maia goal. */
  @Parameter(property = "maia.generate.skip", defaultValue = "false")
  boolean generateSkip;

  @Override
  String goal() {
    return "generate";
  }

  @Override
  boolean goalSkip() {
    return generateSkip;
  }

  @Override
  void run(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    Instant instant = now();
    getLog().debug("GPU bookings are evaluated at " + instant + ".");
    GenerateResult result =
        compiler.generate(new GenerateRequest(platform.toPath(), outputDirectory.toPath(), instant, lockFrozen, incremental));
    Map<String, Integer> sorted = new TreeMap<>(result.resourcesPerCluster());
    sorted.forEach(
        (cluster, resources) ->
            getLog().info("Generated " + Counts.of(resources, "resource") + " for cluster " + cluster + "."));
    getLog()
        .info(
            "Wrote "
                + Counts.of(result.written().size(), "file")
                + " to "
                + paths.relative(outputDirectory.toPath())
                + " ("
                + result.unchanged()
                + " unchanged, "
                + result.removed().size()
                + " removed).");
    result.nextChange()
        .ifPresentOrElse(
            next -> getLog().info("GPU bookings change the output next at " + next + "; generate again then (nextChange in maia-index.json)."),
            () -> getLog().info("No GPU booking changes the output later."));
    result.written().forEach(file -> getLog().debug("Wrote " + file + "."));
    result.removed().forEach(file -> getLog().debug("Removed " + file + "."));
  }
}
