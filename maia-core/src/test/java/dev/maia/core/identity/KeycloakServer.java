package dev.maia.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Keycloak on 127.0.0.1, for the identity tests: the distribution from Maven Central
 * ({@code org.keycloak:keycloak-quarkus-dist}, unpacked into {@code target/keycloak} by the build),
 * started in development mode ({@code start-dev}) with its in-memory database on a free port, and an
 * admin user of the master realm made from the bootstrap variables with a password drawn for this run.
 *
 * <p>Keycloak runs under the JDK {@link KeycloakJava} finds. It is started through {@code kc.sh}
 * behind a small shell that holds this JVM's pipe: {@link #close} closes the pipe, and so does the
 * end of this JVM however it ends, and either way the shell stops Keycloak; a Keycloak that does not
 * stop in time is killed with every process below it. One start costs 20 to 50 seconds on two cores
 * (the first start after unpacking also builds the server for development mode), so tests share one
 * server per test run through {@link KeycloakExtension}.
 */
public final class KeycloakServer implements AutoCloseable {

  /** The folder of the unpacked distribution; Surefire sets it (see maia-core's pom). */
  public static final String HOME_PROPERTY = "maia.keycloak.home";

  static final String ADMIN_USERNAME = "admin";

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The shell between this JVM and Keycloak: it starts {@code kc.sh} with the arguments it is given
   * and waits for it; a reader of its standard input (this JVM's pipe) stops Keycloak with SIGTERM
   * when the pipe ends. {@code kc.sh} passes the signal on to Keycloak's JVM and waits for it.
   */
  private static final String WATCHDOG = String.join("\n",
      "exec 3<&0",
      "sh \"$@\" </dev/null 3<&- &",
      "kc=$!",
      "{ while read -r _ <&3; do :; done; kill -TERM $kc 2>/dev/null; } &",
      "watch=$!",
      "wait $kc",
      "status=$?",
      "kill $watch 2>/dev/null",
      "exit $status");

  private final Process process;
  private final URI baseUrl;
  private final String adminPassword;
  private final KeycloakJava java;
  private final Path log;
  private Duration startup;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakServer(Process process, URI baseUrl, String adminPassword, KeycloakJava java, Path log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.adminPassword = adminPassword;
    this.java = java;
    this.log = log;
  }

  /**
   * Starts Keycloak from the distribution in {@code home} and returns once its master realm answers
   * and the admin can get a token; Keycloak's output goes to {@code log}.
   */
  public static KeycloakServer start(Path home, KeycloakJava java, Path log) {
    Path script = home.resolve("bin/kc.sh");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("no Keycloak distribution at " + home + " (" + HOME_PROPERTY
          + "): run the tests through Maven, which unpacks org.keycloak:keycloak-quarkus-dist into target/keycloak");
    }
    int port = freePort();
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    List<String> command = List.of("sh", "-c", WATCHDOG, "keycloak-watchdog", script.toString(),
        "start-dev", "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    // nothing of the machine's own Keycloak or JVM settings
    environment.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_") || name.startsWith("JAVA_"));
    environment.put("JAVA_HOME", java.home().toString());
    environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
    environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", password);

    long started = System.nanoTime();
    Process process;
    try {
      Files.createDirectories(log.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + script, e);
    }
    KeycloakServer server = new KeycloakServer(process, URI.create("http://127.0.0.1:" + port), password, java, log);
    try {
      server.awaitReady(started);
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    server.startup = Duration.ofNanos(System.nanoTime() - started);
    return server;
  }

  /** {@code http://127.0.0.1:PORT}, with no trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The URL of {@code path} (which starts with a slash) on this server. */
  public URI url(String path) {
    return URI.create(baseUrl + path);
  }

  /** The issuer of {@code realm}'s tokens. */
  public String issuer(String realm) {
    return baseUrl + "/realms/" + realm;
  }

  /** A fresh access token of the master realm's admin (admin-cli, password grant). */
  public String adminToken() {
    HttpResponse<String> response = send(tokenRequest("master", Map.of(
        "grant_type", "password", "client_id", "admin-cli", "username", ADMIN_USERNAME, "password", adminPassword)));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the admin of " + baseUrl + " got no token: HTTP " + response.statusCode() + " " + response.body());
    }
    try {
      return JSON.readTree(response.body()).path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A POST of {@code form} to {@code realm}'s token endpoint. */
  public HttpRequest tokenRequest(String realm, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> body
        .append(body.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)));
    return HttpRequest.newBuilder(url("/realms/" + realm + "/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
  }

  /** Sends a request to this server; the body is read as UTF-8 text. */
  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("no answer from Keycloak at " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The JDK Keycloak runs on. */
  public KeycloakJava java() {
    return java;
  }

  /** How long the start took, until the admin had a token. */
  public Duration startup() {
    return startup;
  }

  /** Keycloak's output. */
  public Path log() {
    return log;
  }

  /** The process id of the shell that holds Keycloak (its JVM is a child of it or of {@code kc.sh}). */
  public long pid() {
    return process.pid();
  }

  /**
   * Stops Keycloak: closing the pipe makes the shell send it SIGTERM and wait; if it is not gone in
   * time, it and every process below the shell are killed. Safe to call more than once.
   */
  @Override
  public void close() {
    // the tree is taken before anything ends: a process whose parent is gone is no longer below it
    List<ProcessHandle> tree = process.descendants().toList();
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // the pipe is already closed
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
      for (ProcessHandle handle : tree) {
        if (handle.isAlive()) {
          handle.destroyForcibly();
          handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tree.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Keycloak (pid " + process.pid() + ") did not stop", e);
    }
  }

  private void awaitReady(long started) {
    HttpRequest probe = HttpRequest.newBuilder(url("/realms/master/.well-known/openid-configuration"))
        .timeout(Duration.ofSeconds(10)).build();
    long deadline = started + READY_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with code " + process.exitValue() + " before it was ready; its output:\n" + tail());
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          adminToken();
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Keycloak started", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Keycloak was not ready on " + baseUrl + " within " + READY_TIMEOUT + "; its output:\n" + tail());
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Keycloak started", e);
      }
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a JSON body. */
  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }
}
