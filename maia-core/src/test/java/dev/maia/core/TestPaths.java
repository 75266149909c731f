package dev.maia.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

  /** A platform repo of the test resources: {@code src/test/resources/platforms/<name>}. */
  public static Path testPlatform(String name) {
    return repoRoot().resolve("maia-core/src/test/resources/platforms").resolve(name);
  }

  /** The shared conformance kit next to the repository ({@code ../shared/conformance}). */
  public static Path conformanceKit() {
    return repoRoot().resolve("../shared/conformance").normalize();
  }

  /**
   * Copies the folder {@code source} into {@code target} (created), so a test can let the compiler
   * write the lock file without touching the sources.
   */
  public static Path copy(Path source, Path target) {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : walk.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(p, to);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes a named pipe with the system's {@code mkfifo}; false when the system cannot make one. */
  public static boolean mkfifo(Path path) {
    try {
      Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0 && Files.exists(path);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Deletes a folder and everything in it, if it exists. */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when golden files should be rewritten ({@code -Dmaia.updateGolden=true}). */
  public static boolean updateGolden() {
    return Boolean.parseBoolean(System.getProperty("maia.updateGolden", "false"));
  }
}
