package dev.maia.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the compiler, recorded in the index of every generated tree. */
public final class Version {

  private static final String VERSION = load();

  private Version() {}

  public static String get() {
    return VERSION;
  }

  /**
   * The version and, when the compiler runs from a jar, the jar's size and modification time: two
   * builds of one snapshot version differ here, so a cache of rendered output is not shared by them.
   */
  public static String build() {
    return BUILD;
  }

  private static final String BUILD = stamp();

  private static String stamp() {
    try {
      java.security.CodeSource source = Version.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        java.nio.file.Path location = java.nio.file.Path.of(source.getLocation().toURI());
        if (java.nio.file.Files.isRegularFile(location)) {
          return VERSION + " " + java.nio.file.Files.size(location) + " " + java.nio.file.Files.getLastModifiedTime(location).toMillis();
        }
      }
      return VERSION;
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      return VERSION + " " + java.util.UUID.randomUUID(); // unknown build: share nothing
    }
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from maia-core");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
