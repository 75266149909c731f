package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.ChartRef;
import dev.maia.core.model.Defaults;
import dev.maia.core.model.Lock;
import dev.maia.core.verify.chart.ChartCache;
import dev.maia.core.verify.helm.HelmRenderer;
import dev.maia.core.verify.helm.RenderedManifest;
import dev.maia.core.verify.helm.RenderedObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Renders the chart of an Application as ArgoCD's repo-server renders it: the chart pulled from its
 * repository (once per run, through the {@link ChartCache}, with the digest {@code maia.lock}
 * records), its working copy rendered by real Helm in a {@link HelmRenderer} started on first use,
 * for the Kubernetes version of the Application's cluster, with the Application's release name,
 * namespace and the values given.
 */
public final class ChartRenderer implements AutoCloseable {

  private final ChartCache cache;
  private final Lock lock;
  private final Path workDirectory;
  private final int threads;
  private final Map<String, String> kubernetesVersions;
  private final ExecutorService downloads = Executors.newFixedThreadPool(4, daemon("maia-chart-pull"));
  /** Where rendered manifests are parsed and checked, off the thread that reads the worker's answers. */
  private final ExecutorService compute =
      Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), daemon("maia-verify"));
  private final Map<ChartRef, CompletableFuture<ChartCache.Fetched>> charts = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Path>> copies = new ConcurrentHashMap<>();
  private volatile CompletableFuture<HelmRenderer> helm;

  /**
   * @param kubernetesVersions the Kubernetes version of each cluster, by name (others get {@value
   *     Defaults#KUBERNETES_VERSION})
   */
  public ChartRenderer(ChartCache cache, Lock lock, Path workDirectory, int threads, Map<String, String> kubernetesVersions) {
    this(cache, lock, workDirectory, threads, kubernetesVersions, null);
  }

  /**
   * @param started a Helm worker started ahead (it takes a second or two to start, which can pass
   *     while the tree is generated), or null to start one on first use; closed with this renderer
   */
  public ChartRenderer(ChartCache cache, Lock lock, Path workDirectory, int threads, Map<String, String> kubernetesVersions,
      CompletableFuture<HelmRenderer> started) {
    this.helm = started;
    this.cache = cache;
    this.lock = lock;
    this.workDirectory = workDirectory;
    this.threads = threads;
    this.kubernetesVersions = Map.copyOf(kubernetesVersions);
  }

  /** The chart's archive, pulled once per run (failing with a {@code ChartUnavailableException}). */
  public CompletableFuture<ChartCache.Fetched> chart(ChartRef ref) {
    return charts.computeIfAbsent(ref, r -> CompletableFuture.supplyAsync(() -> cache.fetch(r, lock.digest(r)), downloads));
  }

  /** The charts pulled so far and their digests. */
  public SortedMap<ChartRef, String> digests() {
    SortedMap<ChartRef, String> result = new TreeMap<>();
    charts.forEach((ref, future) -> {
      if (future.isDone() && !future.isCompletedExceptionally()) {
        result.put(ref, future.join().digest());
      }
    });
    return result;
  }

  /** The Kubernetes version the Application's chart is rendered for. */
  public String kubernetesVersion(ChartApplication application) {
    String version = kubernetesVersions.getOrDefault(application.cluster(), Defaults.KUBERNETES_VERSION);
    return version.chars().filter(c -> c == '.').count() == 1 ? version + ".0" : version; // as a cluster reports it
  }

  /** The working copy of the Application's chart. */
  public CompletableFuture<Path> workingCopy(ChartApplication application) {
    return chart(application.chart()).thenCompose(fetched -> copies.computeIfAbsent(
        fetched.digest() + (application.skipSchemaValidation() ? "-noschema" : ""),
        k -> CompletableFuture.supplyAsync(() -> cache.workingCopy(fetched, application.skipSchemaValidation()), downloads)));
  }

  /**
   * The objects the Application's chart renders with {@code values}; fails with a {@code
   * HelmRenderException} when Helm refuses them.
   */
  public CompletableFuture<List<RenderedObject>> render(ChartApplication application, JsonNode values) {
    return workingCopy(application).thenCompose(chart -> helm()
        .template(chart, application.releaseName(), application.namespace(), kubernetesVersion(application), values)
        .thenApplyAsync(manifest -> RenderedManifest.parse(manifest, application.skipCrds()), compute));
  }

  /** How many times Helm rendered a chart in this run. */
  public long renders() {
    CompletableFuture<HelmRenderer> running = helm;
    return running == null || !running.isDone() || running.isCompletedExceptionally() ? 0 : running.join().renders();
  }

  /** The version of Helm that renders, once a render has started it. */
  public Optional<String> helmVersion() {
    return renders() == 0 ? Optional.empty() : Optional.of(helm.join().helmVersion());
  }

  private HelmRenderer helm() {
    CompletableFuture<HelmRenderer> running = helm;
    if (running == null) {
      synchronized (this) {
        if (helm == null) {
          helm = CompletableFuture.completedFuture(HelmRenderer.start(workDirectory.resolve("helm"), threads));
        }
        running = helm;
      }
    }
    return running.join();
  }

  @Override
  public void close() {
    downloads.shutdownNow();
    compute.shutdownNow();
    CompletableFuture<HelmRenderer> running = helm;
    if (running != null) {
      try {
        running.join().close();
      } catch (java.util.concurrent.CompletionException e) {
        // a worker that did not start has nothing to close; a render that needed it said why
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
