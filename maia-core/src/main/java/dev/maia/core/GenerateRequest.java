package dev.maia.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What to generate: the platform file, the folder the GitOps tree goes to, and the instant that
 * decides which GPU bookings are active (output is a pure function of these and the lock file).
 *
 * @param lockFrozen when true, a platform that would change its allocation lock ({@code maia.lock}
 *     next to the platform file) is an error instead of an update of the lock (for CI)
 * @param incremental when true (the default), units whose inputs are unchanged since the last run
 *     into the same folder are taken from it instead of rendered again (see {@code
 *     output.RenderCache}); the tree is the same either way
 */
public record GenerateRequest(Path platformFile, Path outputDirectory, Instant now, boolean lockFrozen, boolean incremental) {

  public GenerateRequest {
    Objects.requireNonNull(platformFile, "platformFile");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(now, "now");
  }

  /** An incremental request. */
  public GenerateRequest(Path platformFile, Path outputDirectory, Instant now, boolean lockFrozen) {
    this(platformFile, outputDirectory, now, lockFrozen, true);
  }

  /** An incremental request that updates the lock when the platform needs it. */
  public GenerateRequest(Path platformFile, Path outputDirectory, Instant now) {
    this(platformFile, outputDirectory, now, false);
  }

  /** The same request, rendering every unit whatever the last run left. */
  public GenerateRequest renderingEverything() {
    return new GenerateRequest(platformFile, outputDirectory, now, lockFrozen, false);
  }
}
