package dev.maia.plugin;

import dev.maia.core.MaiaCompiler;
import dev.maia.core.importer.ImportRefusedException;
import dev.maia.core.importer.ImportResult;
import dev.maia.core.importer.MaiaImporter;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Imports an existing MAIA installation: reads its configuration folder (the cluster files {@code
 * <cluster_name>.yaml}, the project forms with {@code group_ID}, the per-project override files and
 * {@code env.json}) and writes an equivalent {@code platform.yaml}, one {@code projects/<name>.yaml}
 * per project and {@code IMPORT-NOTES.md}. No credential is copied: a cluster's token becomes the
 * secret-store key of its registration, and every token or password is listed in the notes and the
 * log by file, line and field. Never overwrites a file; the written platform is validated. Runs
 * without a project, in any folder.
 */
@Mojo(name = "import", requiresProject = false, threadSafe = true)
public final class ImportMojo extends AbstractMaiaMojo {

  /** The configuration folder of the MAIA installation to import (MAIA's {@code CONFIG_FOLDER}). */
  @Parameter(property = "maia.import.from", required = true)
  File from;

  /**
   * The platform repo to write into; it must not hold the files the import writes. Default: the
   * project's folder, or the current folder when Maven runs without a project.
   */
  @Parameter(property = "maia.import.to", defaultValue = "${basedir}", required = true)
  File to;

  /** Skips this goal only; {@code maia.skip} skips every maia goal. */
  @Parameter(property = "maia.import.skip", defaultValue = "false")
  boolean importSkip;

  @Override
  String goal() {
    return "import";
  }

  @Override
  boolean goalSkip() {
    return importSkip;
  }

  @Override
  void run(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    Path target = to.toPath();
    ImportResult result;
    try {
      result = compiler.importInstallation(from.toPath(), target, now());
    } catch (ImportRefusedException e) {
      throw Failures.importRefused(e, from.toPath(), paths, getLog());
    }
    getLog().info("Read " + Counts.of(result.read().size(), "file") + " of the MAIA installation in " + paths.relative(from.toPath())
        + ": " + String.join(", ", result.read()) + ".");
    result.notes().forEach(getLog()::warn);
    getLog().info("Wrote " + String.join(", ", result.written()) + " to " + paths.relative(target) + "; review "
        + MaiaImporter.NOTES_FILE + " (" + Counts.of(result.notes().size(), "note") + ").");
    Path platformFile = target.resolve(MaiaImporter.PLATFORM_FILE);
    if (!result.problems().isEmpty()) {
      throw Failures.invalidPlatform(result.problems(), platformFile, paths, getLog());
    }
    getLog().info(paths.relative(platformFile) + " is valid.");
  }
}
