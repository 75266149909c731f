package dev.maia.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What to generate: the platform file, the folder the GitOps tree goes to, and the instant that
 * decides which GPU bookings are active (output is a pure function of these and the lock file).
 */
public record GenerateRequest(Path platformFile, Path outputDirectory, Instant now) {

  public GenerateRequest {
    Objects.requireNonNull(platformFile, "platformFile");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(now, "now");
  }
}
