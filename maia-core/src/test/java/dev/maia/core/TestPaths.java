package dev.maia.core;

import java.nio.file.Path;

/** Paths of the repository that tests read (surefire passes {@code maia.repoRoot}). */
public final class TestPaths {

  private TestPaths() {}

  public static Path repoRoot() {
    String root = System.getProperty("maia.repoRoot");
    return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
  }

  public static Path examplePlatform() {
    return repoRoot().resolve("example-platform-repo/platform.yaml");
  }

  /** True when golden files should be rewritten ({@code -Dmaia.updateGolden=true}). */
  public static boolean updateGolden() {
    return Boolean.parseBoolean(System.getProperty("maia.updateGolden", "false"));
  }
}
