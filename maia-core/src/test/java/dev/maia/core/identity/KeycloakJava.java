package dev.maia.core.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK the test Keycloak runs on, and where it was found.
 *
 * <p>Keycloak supports OpenJDK 21 and deprecates 17 (its 25.0.0 release notes); the build itself runs on
 * Java 17. The JDK is, in this order: the one named by the system property {@value #PROPERTY} or the
 * environment variable {@value #VARIABLE}, the oldest JDK of version 21 or newer among the folders of
 * {@code /usr/lib/jvm}, else the JVM that runs the tests. Keycloak {@code 26.7.3} is compiled for
 * Java 17 and passes the identity tests on it, which is what a machine without a newer JDK (Debian 12
 * packages none) falls back to; a named JDK older than 17 is refused.
 *
 * @param home the JDK's folder (its {@code bin/java} runs Keycloak)
 * @param feature its feature version, 17, 21, 25, ...
 * @param source how it was chosen, for the log line
 */
public record KeycloakJava(Path home, int feature, String source) {

  /** System property naming the JDK; Surefire passes {@code -Dmaia.keycloak.javaHome} on. */
  public static final String PROPERTY = "maia.keycloak.javaHome";

  /** Environment variable naming the JDK; {@code .ci/run} sets it. */
  public static final String VARIABLE = "KEYCLOAK_JAVA_HOME";

  /** The Java Keycloak supports. */
  public static final int SUPPORTED = 21;

  /** The Java the distribution is compiled for (class files of version 61). */
  public static final int MINIMUM = 17;

  private static final Path JVMS = Path.of("/usr/lib/jvm");
  private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);

  /** Chooses the JDK from this JVM's settings and the machine. */
  public static KeycloakJava find() {
    return find(System.getProperty(PROPERTY, ""), System.getenv(), JVMS, Path.of(System.getProperty("java.home")));
  }

  static KeycloakJava find(String property, Map<String, String> environment, Path jvms, Path running) {
    if (!property.isBlank()) {
      return named(Path.of(property.strip()), "-D" + PROPERTY);
    }
    String variable = environment.getOrDefault(VARIABLE, "");
    if (!variable.isBlank()) {
      return named(Path.of(variable.strip()), VARIABLE);
    }
    Optional<KeycloakJava> installed = installed(jvms);
    if (installed.isPresent()) {
      return installed.get();
    }
    return new KeycloakJava(running, feature(running).orElse(Runtime.version().feature()),
        "the JVM running the tests (no JDK " + SUPPORTED + "+ in " + jvms + "; Java 17 is deprecated by Keycloak)");
  }

  private static KeycloakJava named(Path home, String source) {
    if (!Files.isExecutable(home.resolve("bin/java"))) {
      throw new IllegalStateException(source + " names " + home + ", which has no bin/java: name a JDK " + SUPPORTED + " or newer");
    }
    int feature = feature(home).orElseThrow(() -> new IllegalStateException(
        source + " names " + home + ", which has no release file to tell its version: name a JDK " + SUPPORTED + " or newer"));
    if (feature < MINIMUM) {
      throw new IllegalStateException(source + " names " + home + ", a Java " + feature + ": Keycloak needs " + SUPPORTED
          + " (or at least " + MINIMUM + ")");
    }
    return new KeycloakJava(home, feature, feature < SUPPORTED ? source + "; Java " + feature + " is deprecated by Keycloak" : source);
  }

  private static Optional<KeycloakJava> installed(Path jvms) {
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> folders = Files.list(jvms)) {
      List<Path> candidates = folders
          .filter(folder -> !Files.isSymbolicLink(folder) && Files.isExecutable(folder.resolve("bin/java")))
          .sorted()
          .toList();
      return candidates.stream()
          .flatMap(folder -> feature(folder).stream().map(feature -> new KeycloakJava(folder, feature, "the oldest JDK " + SUPPORTED + "+ in " + jvms)))
          .filter(java -> java.feature() >= SUPPORTED)
          .min(Comparator.comparingInt(KeycloakJava::feature));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The feature version in a JDK's {@code release} file. */
  static Optional<Integer> feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try {
      Matcher matcher = VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
      return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line for the build log. */
  public String describe() {
    return "Java " + feature + " at " + home + " (" + source + ")";
  }
}
