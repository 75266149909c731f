package dev.maia.core.verify.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * helm-java's template reaches the cluster of the process's kubeconfig when a chart calls {@code
 * lookup}; the renderer's worker must not. The build runs these tests with {@code KUBECONFIG}
 * naming a cluster on 127.0.0.1 that holds a Secret (surefire's environment): Helm in this JVM
 * finds it, the renderer's Helm finds nothing and never asks that cluster.
 */
class HelmIsolationTest {

  private static final String CHART_YAML = "apiVersion: v2\nname: looks-up\nversion: 0.1.0\n";
  private static final String TEMPLATE =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: found\ndata:\n"
          + "  secret: {{ (lookup \"v1\" \"Secret\" .Release.Namespace \"db\") | toJson | quote }}\n";

  @TempDir Path dir;

  private HttpServer cluster;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startPopulatedCluster() throws IOException {
    String kubeconfig = System.getenv("KUBECONFIG");
    assumeThat(kubeconfig).as("surefire sets KUBECONFIG for this test").isNotBlank();
    cluster = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    cluster.createContext("/", exchange -> {
      requests.incrementAndGet();
      String path = exchange.getRequestURI().getPath();
      String body;
      if (path.equals("/api/v1")) {
        body = "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"secrets\",\"singularName\":\"secret\","
            + "\"namespaced\":true,\"kind\":\"Secret\",\"verbs\":[\"get\",\"list\"]}]}";
      } else if (path.equals("/api/v1/namespaces/p/secrets/db")) {
        body = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"p\"},\"data\":{\"password\":\"bGl2ZQ==\"}}";
      } else {
        body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(body.contains("NotFound") ? 404 : 200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    cluster.start();
    Path file = Path.of(kubeconfig);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- name: live\n  cluster:\n    server: http://127.0.0.1:"
        + cluster.getAddress().getPort() + "\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: live\n  context: {cluster: live, user: u}\n"
        + "current-context: live\n");
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.stop(0);
    }
  }

  private Path chart() throws IOException {
    Path chart = Files.createDirectories(dir.resolve("looks-up/templates"));
    Files.writeString(chart.getParent().resolve("Chart.yaml"), CHART_YAML);
    Files.writeString(chart.resolve("configmap.yaml"), TEMPLATE);
    return chart.getParent();
  }

  @Test
  void helmJavaInThisProcessReadsTheClusterOfTheKubeconfig() throws IOException {
    // when
    String manifest = new Helm(chart()).template().withName("r").withNamespace("p").call();

    // then
    assertThat(manifest).contains("bGl2ZQ==");
    assertThat(requests.get()).isPositive();
  }

  @Test
  void theRendererFindsNothingAndNeverAsksThatCluster() throws IOException {
    // when
    String manifest;
    try (HelmRenderer renderer = HelmRenderer.start(dir.resolve("work"), 1)) {
      manifest = renderer.template(chart(), "r", "p", "1.36.0", new ObjectMapper().createObjectNode()).join();
    }

    // then
    assertThat(RenderedManifest.parse(manifest).get(0).object().path("data").path("secret").asText()).isEqualTo("{}");
    assertThat(requests.get()).isZero();
  }
}
