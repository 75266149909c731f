package dev.maia.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.marcnuri.helm.Helm;
import dev.maia.core.model.ChartRef;
import dev.maia.core.model.Lock;
import dev.maia.core.verify.chart.ChartCache;
import dev.maia.core.verify.chart.ChartDigest;
import dev.maia.core.verify.chart.ChartDownloader;
import dev.maia.core.verify.chart.ChartUnavailableException;
import dev.maia.core.verify.helm.RenderedObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts from an OCI registry: the CNCF Distribution registry (Debian's {@code docker-registry},
 * which {@code .ci/run} installs) runs on 127.0.0.1, real Helm pushes a test chart to it, and the
 * chart is pulled and rendered from {@code oci://}.
 */
class OciRegistryTest {

  private static final Path REGISTRY = Path.of("/usr/bin/docker-registry");

  @TempDir Path dir;

  private Process registry;
  private String url;

  @BeforeEach
  void startRegistry() throws Exception {
    assumeThat(Files.isExecutable(REGISTRY)).as("docker-registry is installed (.ci/run installs it)").isTrue();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = dir.resolve("config.yml");
    Files.writeString(config, "version: 0.1\nlog: {level: error}\nstorage:\n  filesystem:\n    rootdirectory: " + dir.resolve("data")
        + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
    registry = new ProcessBuilder(REGISTRY.toString(), "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    url = "127.0.0.1:" + port;
    HttpClient http = HttpClient.newHttpClient();
    for (int attempt = 0; ; attempt++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://" + url + "/v2/")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        if (attempt > 100) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
    new Helm(ChartRepository.SOURCES.resolve("probe")).packageIt().withDestination(dir).call();
    Helm.push().withChart(dir.resolve("probe-0.1.0.tgz")).withRemote(URI.create("oci://" + url + "/charts")).plainHttp().call();
  }

  @AfterEach
  void stopRegistry() throws InterruptedException {
    if (registry != null) {
      registry.destroy();
      registry.waitFor();
    }
  }

  @Test
  void aChartPushedByHelmIsPulledByItsLayerWithTheDigestTheRegistryAnnounces() throws IOException {
    // when
    ChartDownloader.Download download = new ChartDownloader(Duration.ofSeconds(20))
        .download(new ChartRef("oci://" + url + "/charts", "probe", "0.1.0"));

    // then
    assertThat(download.archive()).isEqualTo(Files.readAllBytes(dir.resolve("probe-0.1.0.tgz")));
    assertThat(download.announcedDigest()).contains(ChartDigest.of(download.archive()));
    assertThat(download.from().toString()).startsWith("http://" + url + "/v2/charts/probe/blobs/sha256:");
  }

  @Test
  void aChartFromTheRegistryRendersLikeOneFromAnIndex() {
    // given
    ChartCache cache = new ChartCache(dir.resolve("cache"), new ChartDownloader(Duration.ofSeconds(20)), false);
    ChartApplication application = new ChartApplication("argocd/apps/one/p-probe.yaml", "p-probe-one", "one", "p", "probe",
        new ChartRef("oci://" + url + "/charts", "probe", "0.1.0"), "rel", "p",
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("message", "from oci"), false);

    // when
    java.util.List<RenderedObject> objects;
    try (ChartRenderer renderer = new ChartRenderer(cache, Lock.EMPTY, dir.resolve("work"), 1, Map.of())) {
      objects = renderer.render(application, application.values()).join();
    }

    // then
    assertThat(objects).extracting(RenderedObject::describe).contains("ConfigMap/rel-probe");
    assertThat(objects.stream().filter(o -> o.kind().equals("ConfigMap")).findFirst().orElseThrow().object()
        .path("data").path("message").asText()).isEqualTo("from oci");
  }

  @Test
  void aVersionTheRegistryDoesNotHaveIsNotFound() {
    assertThatThrownBy(() -> new ChartDownloader(Duration.ofSeconds(20)).download(new ChartRef("oci://" + url + "/charts", "probe", "9.9.9")))
        .isInstanceOfSatisfying(ChartUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ChartUnavailableException.Reason.NOT_FOUND));
  }
}
