package dev.maia.core.verify.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The only Kubernetes API the Helm worker can reach: a server on 127.0.0.1 that holds no object,
 * so that Helm's {@code lookup} finds nothing, exactly as under ArgoCD, whose repo-server renders
 * charts without a cluster. helm-java's template lets {@code lookup} call the cluster of the
 * process's kubeconfig (it asks Helm for a dry run that may talk to the server); the worker's
 * kubeconfig names this server and nothing else.
 *
 * <p>Discovery requests (client-go's discovery client sends them with {@code timeout=32s}) get an
 * empty resource list; every other request is answered {@code 404 NotFound}, which Helm's {@code
 * lookup} turns into an empty map, for a single object and for a list alike.
 */
final class EmptyCluster implements AutoCloseable {

  private static final Pattern DISCOVERY = Pattern.compile("/api(/v1)?|/apis(/[^/]+/[^/]+)?");

  private final HttpServer server;
  private final AtomicInteger lookups = new AtomicInteger();

  private EmptyCluster(HttpServer server) {
    this.server = server;
  }

  static EmptyCluster start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    EmptyCluster cluster = new EmptyCluster(server);
    server.createContext("/", cluster::answer);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "maia-empty-cluster");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return cluster;
  }

  /** A kubeconfig that names this server as its only cluster. */
  String kubeconfig() {
    String url = "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    return "apiVersion: v1\nkind: Config\n"
        + "clusters:\n- name: empty\n  cluster:\n    server: " + url + "\n"
        + "users:\n- name: nobody\n  user: {}\n"
        + "contexts:\n- name: empty\n  context:\n    cluster: empty\n    user: nobody\n"
        + "current-context: empty\n";
  }

  /** How many object or list requests charts have made (each a {@code lookup} that found nothing). */
  int lookups() {
    return lookups.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getQuery();
    String body;
    int status;
    if (DISCOVERY.matcher(path).matches() && query != null && query.contains("timeout=")) {
      status = 200;
      body = discovery(path);
    } else {
      lookups.incrementAndGet();
      status = 404;
      body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"code\":404}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String discovery(String path) {
    if (path.equals("/api")) {
      return "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
    }
    if (path.equals("/apis")) {
      return "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
    }
    String groupVersion = path.startsWith("/api/") ? "v1" : path.substring("/apis/".length());
    return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion + "\",\"resources\":[]}";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
