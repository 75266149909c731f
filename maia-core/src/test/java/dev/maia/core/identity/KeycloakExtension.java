package dev.maia.core.identity;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link KeycloakServer}: one for the whole test run, started by the first test that
 * asks for it and stopped when the run ends, whether its tests passed or not (JUnit closes what the
 * root store holds). Each test class works in realms of its own.
 *
 * <pre>
 * &#64;ExtendWith(KeycloakExtension.class)
 * class SomeIdentityTest {
 *   &#64;Test
 *   void aMemberGetsTheGroup(KeycloakServer keycloak) { ... }
 * }
 * </pre>
 */
public final class KeycloakExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KeycloakServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, key -> Started.of(), Started.class).server();
  }

  /** The one start of the run: its server, or why it failed (so that the next test does not wait again). */
  private record Started(KeycloakServer running, IllegalStateException failure) implements AutoCloseable {

    static Started of() {
      try {
        return new Started(start(), null);
      } catch (RuntimeException e) {
        return new Started(null, new IllegalStateException("the test Keycloak did not start: " + e.getMessage(), e));
      }
    }

    KeycloakServer server() {
      if (failure != null) {
        throw failure;
      }
      return running;
    }

    @Override
    public void close() {
      if (running != null) {
        running.close();
      }
    }
  }

  private static KeycloakServer start() {
    String home = System.getProperty(KeycloakServer.HOME_PROPERTY, "");
    if (home.isBlank()) {
      throw new IllegalStateException("-D" + KeycloakServer.HOME_PROPERTY + " is not set: run the tests through Maven, "
          + "which unpacks org.keycloak:keycloak-quarkus-dist into target/keycloak and sets it");
    }
    Path dist = Path.of(home);
    KeycloakJava java = KeycloakJava.find();
    KeycloakServer server = KeycloakServer.start(dist, java, dist.resolveSibling("keycloak.log"));
    // one line per run: what runs, on which Java, and what the start cost (no test depends on it)
    System.err.println(String.format(Locale.ROOT, "Keycloak %s on %s, %s, ready in %.1f s; its output: %s",
        dist.getFileName(), server.baseUrl(), java.describe(), server.startup().toMillis() / 1000.0, server.log()));
    return server;
  }
}
