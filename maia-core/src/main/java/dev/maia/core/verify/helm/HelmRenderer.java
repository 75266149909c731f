package dev.maia.core.verify.helm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.jna.Native;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders charts with real Helm, as {@code helm template} does, in a {@link HelmWorker} process
 * this renderer starts and stops. Many renders may be asked for at once; the worker runs {@code
 * threads} of them in parallel.
 *
 * <p>The worker's environment is made here and holds nothing of the build's: no kubeconfig but
 * the one naming the {@link EmptyCluster}, a home folder of its own (no Helm repository settings
 * or registry logins of the user's), and a system property that stops helm-java from downloading
 * a native library at run time.
 */
public final class HelmRenderer implements AutoCloseable {

  /** How long the worker may take to load Helm before the renderer gives up. */
  private static final long START_SECONDS = 120;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final OutputStream requests;
  private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final StringBuilder errors = new StringBuilder();
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private volatile boolean ended;

  private HelmRenderer(Process process) {
    this.process = process;
    this.requests = process.getOutputStream();
  }

  /**
   * Starts a worker whose files live in {@code workDirectory} (created if needed).
   *
   * @throws HelmUnavailableException if the worker cannot be started or cannot load Helm
   */
  public static HelmRenderer start(Path workDirectory, int threads) {
    try {
      Path home = Files.createDirectories(workDirectory.resolve("home"));
      Path temp = Files.createDirectories(workDirectory.resolve("tmp"));
      Path scratch = Files.createDirectories(workDirectory.resolve("values"));
      Path kubeconfig = workDirectory.resolve("kubeconfig");
      Files.deleteIfExists(kubeconfig);
      List<String> command = new ArrayList<>();
      command.add(javaExecutable());
      command.addAll(List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xss4m",
          "-Dfile.encoding=UTF-8",
          // the empty cluster answers each lookup at once, not after a delayed ACK (40 ms a request)
          "-Dsun.net.httpserver.nodelay=true",
          "-Djava.io.tmpdir=" + temp,
          // helm-java would fetch a native library from the internet when none is on the class path
          "-Dcom.marcnuri.jkube-helm.skipRemoteJar=true",
          "-cp",
          classPath(),
          HelmWorker.class.getName(),
          kubeconfig.toString(),
          Integer.toString(Math.max(1, threads)),
          scratch.toString()));
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
      Map<String, String> env = builder.environment();
      env.clear();
      env.put("HOME", home.toString());
      env.put("KUBECONFIG", kubeconfig.toString());
      env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
      env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
      env.put("HELM_DATA_HOME", home.resolve("data").toString());
      env.put("TMPDIR", temp.toString());
      HelmRenderer renderer = new HelmRenderer(builder.start());
      renderer.listen();
      renderer.awaitReady();
      return renderer;
    } catch (IOException e) {
      throw new HelmUnavailableException("cannot start the Helm worker: " + e.getMessage(), e);
    }
  }

  /** How many renders were asked for so far. */
  public long renders() {
    return ids.get();
  }

  /** The version of Helm the worker runs, as helm-java reports it. */
  public String helmVersion() {
    return ready.join();
  }

  /**
   * Renders a chart: the manifest {@code helm template} prints (without hooks: see {@link
   * ChartWorkingCopy}), or a failed future with a {@link HelmRenderException} when Helm refuses
   * the chart or the values.
   */
  public CompletableFuture<String> template(Path chart, String release, String namespace, String kubeVersion, JsonNode values) {
    long id = ids.incrementAndGet();
    CompletableFuture<String> result = new CompletableFuture<>();
    pending.put(id, result);
    ObjectNode request = JSON.createObjectNode()
        .put("id", id)
        .put("chart", chart.toString())
        .put("release", release)
        .put("namespace", namespace)
        .put("kubeVersion", kubeVersion);
    request.set("values", values);
    try {
      byte[] line = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (requests) {
        if (ended) {
          throw new IOException("the Helm worker has ended");
        }
        requests.write(line);
        requests.flush();
      }
    } catch (IOException e) {
      pending.remove(id);
      result.completeExceptionally(new HelmUnavailableException("cannot send a render to the Helm worker: " + e.getMessage() + stderr(), e));
    }
    return result;
  }

  private void listen() {
    Thread out = new Thread(() -> readResponses(process.getInputStream()), "maia-helm-responses");
    out.setDaemon(true);
    out.start();
    Thread err = new Thread(() -> drain(process.getErrorStream()), "maia-helm-stderr");
    err.setDaemon(true);
    err.start();
  }

  private void awaitReady() {
    try {
      ready.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new HelmUnavailableException("the Helm worker did not start: " + cause.getMessage() + stderr(), cause);
    }
  }

  private void readResponses(InputStream stream) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode response = JSON.readTree(line);
        if (response.has("ready")) {
          ready.complete(response.path("helm").asText());
          continue;
        }
        CompletableFuture<String> future = pending.remove(response.path("id").asLong());
        if (future == null) {
          continue;
        }
        if (response.has("error")) {
          future.completeExceptionally(new HelmRenderException(response.path("error").asText()));
        } else {
          future.complete(response.path("manifest").asText());
        }
      }
    } catch (IOException e) {
      // the worker's output ended abnormally: everything still pending fails below
    }
    ended = true;
    HelmUnavailableException gone = new HelmUnavailableException("the Helm worker ended" + exitText() + stderr(), null);
    ready.completeExceptionally(gone);
    pending.values().forEach(f -> f.completeExceptionally(gone));
    pending.clear();
  }

  private String exitText() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? " with exit code " + process.exitValue() : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private void drain(InputStream stream) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        synchronized (errors) {
          if (errors.length() < 16_384) {
            errors.append(line).append('\n');
          }
        }
      }
    } catch (IOException e) {
      // nothing more to read
    }
  }

  /** What the worker wrote to its standard error, for a message. */
  private String stderr() {
    synchronized (errors) {
      return errors.length() == 0 ? "" : "; the worker wrote:\n" + errors.toString().strip();
    }
  }

  @Override
  public void close() {
    try {
      synchronized (requests) {
        ended = true;
        requests.close();
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The java command of this JVM, for the worker. */
  private static String javaExecutable() {
    Optional<String> command = ProcessHandle.current().info().command();
    if (command.isEmpty()) {
      throw new HelmUnavailableException("cannot tell which java runs this build, to start the Helm worker with it", null);
    }
    return command.get();
  }

  /**
   * The class path of the worker: the jars (or class folders) of the classes it uses, found where
   * this JVM loaded them, and the native library jar of this platform that helm-java finds through
   * its service loader.
   */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type : List.of(HelmWorker.class, Helm.class, HelmLib.class, Native.class, ObjectMapper.class, JsonFactory.class,
        com.fasterxml.jackson.annotation.JsonProperty.class)) {
      entries.add(location(type));
    }
    List<Class<?>> natives = new ArrayList<>();
    ServiceLoader.load(NativeLibrary.class, HelmRenderer.class.getClassLoader()).stream().forEach(p -> natives.add(p.type()));
    if (natives.isEmpty()) {
      throw new HelmUnavailableException("helm-java has no native library for this platform on the class path "
          + "(com.marcnuri.helm-java:linux-amd64, darwin-arm64, ...): the plugin's dependencies are incomplete", null);
    }
    natives.forEach(type -> entries.add(location(type)));
    return String.join(File.pathSeparator, entries);
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | RuntimeException e) {
      throw new HelmUnavailableException("cannot tell where " + type.getName() + " was loaded from, to start the Helm worker", e);
    }
  }
}
