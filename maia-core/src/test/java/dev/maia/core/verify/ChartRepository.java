package dev.maia.core.verify;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import dev.maia.core.TestPaths;
import dev.maia.core.verify.chart.ChartDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Helm chart repository on 127.0.0.1, started by a test and stopped after it: an {@code
 * index.yaml} and the archives of the test charts ({@code src/test/resources/charts}), packaged by
 * real Helm (helm-java). Charts can be added or republished while it runs; it counts downloads.
 */
final class ChartRepository implements AutoCloseable {

  static final Path SOURCES = TestPaths.repoRoot().resolve("maia-core/src/test/resources/charts");

  private final Path folder;
  private final HttpServer server;
  private final Map<String, String> entries = new TreeMap<>();
  private final AtomicInteger downloads = new AtomicInteger();

  private ChartRepository(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String name = exchange.getRequestURI().getPath().replaceFirst("^/", "");
      Path file = this.folder.resolve(name).normalize();
      byte[] body;
      int status;
      if (file.startsWith(this.folder) && Files.isRegularFile(file)) {
        body = Files.readAllBytes(file);
        status = 200;
        if (name.endsWith(".tgz")) {
          downloads.incrementAndGet();
        }
      } else {
        body = "not found".getBytes(StandardCharsets.UTF_8);
        status = 404;
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** A repository serving the given test charts, packaged into {@code folder}. */
  static ChartRepository serving(Path folder, String... charts) throws IOException {
    ChartRepository repository = new ChartRepository(folder);
    for (String chart : charts) {
      repository.publish(SOURCES.resolve(chart));
    }
    return repository;
  }

  /** {@code http://127.0.0.1:PORT/}. */
  String url() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/";
  }

  /** Packages the chart folder with Helm and lists it in the index (replacing an archive of the same version). */
  synchronized Path publish(Path chart) {
    String name = field(chart, "name");
    String version = field(chart, "version");
    new Helm(chart).packageIt().withDestination(folder).call();
    Path archive = folder.resolve(name + "-" + version + ".tgz");
    try {
      String digest = ChartDigest.of(Files.readAllBytes(archive)).substring("sha256:".length());
      entries.put(name + "\u0000" + version, "  - name: " + name + "\n    version: " + version + "\n    digest: " + digest
          + "\n    urls: [" + archive.getFileName() + "]\n");
      writeIndex();
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of a test chart with some of its files replaced, for a chart that changes. */
  static Path variant(Path into, String chart, Map<String, String> files) {
    Path copy = TestPaths.copy(SOURCES.resolve(chart), into.resolve(chart));
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.createDirectories(copy.resolve(file.getKey()).getParent());
        Files.writeString(copy.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeIndex() throws IOException {
    StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n");
    String current = null;
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      String name = entry.getKey().substring(0, entry.getKey().indexOf('\u0000'));
      if (!name.equals(current)) {
        index.append("  ").append(name).append(":\n");
        current = name;
      }
      index.append(entry.getValue().replace("\n  ", "\n    ").replaceFirst("^  ", "    "));
    }
    Files.writeString(folder.resolve("index.yaml"), index.toString(), StandardCharsets.UTF_8);
  }

  private static String field(Path chart, String name) {
    try (Stream<String> lines = Files.lines(chart.resolve("Chart.yaml"))) {
      return lines.filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).strip()).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int downloads() {
    return downloads.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
