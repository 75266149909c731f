package dev.maia.core.model;

import java.util.regex.Pattern;

/**
 * What counts as a pinned chart version: a semantic version with an optional pre-release ({@code
 * 4.4.0}, {@code 2.0.0-beta.1}) or a full 40-hex Git commit. {@code latest}, ranges ({@code ~1.2},
 * {@code >=1.0}, {@code 1.x}), partial versions ({@code 4.2}) and branch names are not.
 */
public final class ExactVersion {

  private static final Pattern SEMVER =
      Pattern.compile(
          "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
              + "(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?$");

  private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{40}$");

  /** How a pinned version looks, for messages. */
  public static final String RULE = "an exact version such as 4.4.0 or 2.0.0-beta.1, or a 40-hex commit";

  private ExactVersion() {}

  public static boolean isExact(String version) {
    return SEMVER.matcher(version).matches() || COMMIT.matcher(version).matches();
  }
}
