package dev.maia.core.verify.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The process in which {@link HelmRenderer} runs Helm (helm-java: Helm's own Go code in a native
 * library). It runs apart from the build's JVM so that what Helm sees is decided here and nowhere
 * else: its environment names only the {@link EmptyCluster} as a cluster, its home and temporary
 * folders are the renderer's, and the Go runtime's signal handlers and log lines stay out of the
 * build.
 *
 * <p>Protocol, one JSON object per line. The worker first writes {@code {"ready":true,"helm":
 * VERSION}}. Each request {@code {"id":N,"chart":DIR,"release":R,"namespace":NS,
 * "kubeVersion":V,"values":{...}}} is answered, in any order, by {@code {"id":N,"manifest":TEXT}}
 * or {@code {"id":N,"error":TEXT}}. The worker ends when its input ends.
 *
 * <p>Arguments: the kubeconfig file to write (the one {@code KUBECONFIG} names), the number of
 * renders to run at once, and a folder for values files.
 */
public final class HelmWorker {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HelmWorker() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path kubeconfig = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    Path scratch = Path.of(args[2]);
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    try (EmptyCluster cluster = EmptyCluster.start()) {
      Files.writeString(kubeconfig, cluster.kubeconfig(), StandardCharsets.UTF_8);
      ObjectNode ready = JSON.createObjectNode().put("ready", true).put("helm", Helm.version().call().strip());
      write(out, ready);
      ExecutorService renders = Executors.newFixedThreadPool(threads);
      BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode request = JSON.readTree(line);
        renders.execute(() -> write(out, render(request, scratch)));
      }
      renders.shutdown();
      renders.awaitTermination(1, TimeUnit.HOURS);
    }
  }

  private static ObjectNode render(JsonNode request, Path scratch) {
    long id = request.path("id").asLong();
    ObjectNode response = JSON.createObjectNode().put("id", id);
    Path values = scratch.resolve("values-" + id + ".json");
    try {
      Files.write(values, JSON.writeValueAsBytes(request.path("values")));
      String manifest = new Helm(Path.of(request.path("chart").asText()))
          .template()
          .withName(request.path("release").asText())
          .withNamespace(request.path("namespace").asText())
          .withKubeVersion(request.path("kubeVersion").asText())
          .withValuesFile(values)
          .call();
      response.put("manifest", manifest);
    } catch (IOException | RuntimeException e) {
      response.put("error", String.valueOf(e.getMessage()));
    } finally {
      try {
        Files.deleteIfExists(values);
      } catch (IOException e) {
        // the renderer removes its scratch folder when it closes
      }
    }
    return response;
  }

  private static void write(OutputStream out, JsonNode message) {
    try {
      byte[] line = (JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (out) {
        out.write(line);
        out.flush();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
