package dev.maia.core.verify;

import dev.maia.core.MaiaLog;
import dev.maia.core.ValidPlatform;
import dev.maia.core.Version;
import dev.maia.core.load.LockReader;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.model.ChartRef;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Lock;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.problem.Problem;
import dev.maia.core.verify.chart.ChartCache;
import dev.maia.core.verify.chart.ChartDownloader;
import dev.maia.core.verify.chart.ChartUnavailableException;
import dev.maia.core.verify.helm.HelmRenderer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The verify stage: every chart Application of a generated tree is rendered with real Helm as
 * ArgoCD renders it, and what the chart makes is checked ({@link ApplicationVerifier}). Its steps:
 * read the Applications, pull their charts and check them against {@code maia.lock}, take what an
 * earlier run found for unchanged inputs from the cache and verify the rest, record new chart
 * digests in the lock, and trace every finding back to the platform.
 */
public final class Verifier {

  private final MaiaLog log;

  public Verifier(MaiaLog log) {
    this.log = log;
  }

  /**
   * Verifies the tree in {@code tree}, generated from {@code valid}.
   *
   * @throws ChartUnavailableException when a chart repository cannot be reached or sends bad bytes
   * @throws dev.maia.core.verify.helm.HelmUnavailableException when Helm cannot run here
   */
  public VerifyResult verify(ValidPlatform valid, Path tree, VerifyOptions options) {
    return verify(valid, tree, options, null);
  }

  /**
   * As {@link #verify(ValidPlatform, Path, VerifyOptions)}, with a Helm worker started ahead (or
   * null); it is closed when the run ends.
   */
  public VerifyResult verify(ValidPlatform valid, Path tree, VerifyOptions options, CompletableFuture<HelmRenderer> helm) {
    return verify(valid, tree, options, helm, Instant.now());
  }

  /**
   * As {@link #verify(ValidPlatform, Path, VerifyOptions, CompletableFuture)}, with the instant
   * the tree was generated for (the bookings active then), and the admission checks ({@link
   * AdmissionChecks}) on the tree's project namespaces.
   */
  public VerifyResult verify(ValidPlatform valid, Path tree, VerifyOptions options, CompletableFuture<HelmRenderer> helm, Instant now) {
    long started = System.nanoTime();
    List<ChartApplication> applications = ChartApplications.read(tree, options.workDirectory().resolve("applications.json.gz"));
    log.debug(String.format(java.util.Locale.ROOT, "Read %d chart Applications of the tree in %.2f s",
        applications.size(), (System.nanoTime() - started) / 1e9));
    Map<String, String> keys = new java.util.concurrent.ConcurrentHashMap<>();
    VerifyResult charts = verify(valid, applications, options, helm, keys);
    started = System.nanoTime();
    List<Problem> problems = new ArrayList<>(charts.problems());
    problems.addAll(new AdmissionChecks(new VerifyCache(options.workDirectory().resolve("reports"))).check(valid, tree, charts.reports(), keys, now));
    log.debug(String.format(java.util.Locale.ROOT, "Checked admission of the project namespaces in %.2f s", (System.nanoTime() - started) / 1e9));
    return new VerifyResult(problems, charts.reports(), charts.charts(), charts.lockCharts(), charts.lockChanges(), charts.helmVersion());
  }

  /**
   * Verifies {@code applications}, for the clusters and with the lock of {@code valid} (they may
   * come from another tree, such as the GitOps branch a diff compares with).
   */
  /** What the catalog leaves to an Application's chart: its tool's, or its core component's. */
  private static List<ToolDefinition.ChartMade> chartMade(ToolCatalog catalog, ChartApplication application) {
    return application.coreComponent()
        .map(id -> dev.maia.core.clustercore.CoreCatalog.builtIn().component(id).chartMade())
        .orElseGet(() -> catalog.tool(application.tool()).map(ToolDefinition::chartMade).orElse(List.of()));
  }

  public VerifyResult verify(ValidPlatform valid, List<ChartApplication> applications, VerifyOptions options) {
    return verify(valid, applications, options, null, new java.util.HashMap<>());
  }

  /** Verifies the Applications; {@code keys} receives each one's report key, by Application name. */
  private VerifyResult verify(ValidPlatform valid, List<ChartApplication> applications, VerifyOptions options,
      CompletableFuture<HelmRenderer> helm, Map<String, String> keys) {
    Lock lock = valid.allocation().lock();
    ToolCatalog catalog = ToolCatalog.builtIn().withOverrides(valid.platform().catalog());
    Tracer tracer = new Tracer(valid.loaded(), catalog);
    Map<String, String> versions = valid.platform().clusters().stream()
        .collect(Collectors.toMap(Cluster::name, Cluster::kubernetesVersion));
    ChartCache cache = new ChartCache(options.chartCache(), new ChartDownloader(options.timeout(), options.git()), options.offline());
    VerifyCache reports = new VerifyCache(options.workDirectory().resolve("reports"));
    List<Problem> problems = new ArrayList<>();
    long started = System.nanoTime();
    try (ChartRenderer renderer = new ChartRenderer(cache, lock, options.workDirectory(), options.threads(), versions, helm)) {
      Map<ChartRef, Optional<String>> digests = pull(applications, renderer, lock, valid, tracer, problems);
      ApplicationVerifier verifier = new ApplicationVerifier(renderer, reports);
      // the core layer first, wave by wave as ArgoCD syncs it: the CRDs its charts render are the
      // schemas of the custom objects of the later waves and of every other Application
      java.util.SortedMap<Integer, List<ChartApplication>> coreWaves = new TreeMap<>();
      List<ChartApplication> rest = new ArrayList<>();
      for (ChartApplication application : applications) {
        if (application.coreComponent().isPresent()) {
          int wave = dev.maia.core.clustercore.CoreCatalog.builtIn().component(application.coreComponent().get()).syncWave();
          coreWaves.computeIfAbsent(wave, w -> new ArrayList<>()).add(application);
        } else {
          rest.add(application);
        }
      }
      Map<String, List<ApplicationReport>> coreByCluster = new TreeMap<>();
      Map<String, ClusterCrds> crds = new TreeMap<>();
      List<ApplicationReport> done = new ArrayList<>();
      for (List<ChartApplication> wave : coreWaves.values()) {
        List<ApplicationReport> waveDone = run(wave, crds, digests, renderer, reports, verifier, catalog, keys);
        waveDone.forEach(r -> coreByCluster.computeIfAbsent(r.application().cluster(), c -> new ArrayList<>()).add(r));
        coreByCluster.forEach((cluster, list) -> crds.put(cluster, ClusterCrds.of(list)));
        done.addAll(waveDone);
      }
      done.addAll(run(rest, crds, digests, renderer, reports, verifier, catalog, keys));
      log.debug(String.format(java.util.Locale.ROOT, "Pulled the charts and verified the Applications in %.2f s",
          (System.nanoTime() - started) / 1e9));
      reports.prune();
      problems.addAll(tracer.problems(done));
      SortedMap<ChartRef, String> pulled = new TreeMap<>();
      digests.forEach((ref, digest) -> digest.ifPresent(d -> pulled.put(ref, d)));
      // the lock's charts after this run: those the Applications use, a digest once recorded kept
      SortedMap<ChartRef, String> locked = new TreeMap<>();
      digests.forEach((ref, digest) -> lock.digest(ref).or(() -> digest).ifPresent(d -> locked.put(ref, d)));
      List<String> lockChanges = lockChanges(lock, locked);
      if (options.lockFrozen() && !lockChanges.isEmpty()) {
        problems.addAll(frozen(valid, lockChanges));
      }
      log.debug("Verified " + applications.size() + " chart Applications: " + done.stream().filter(r -> !r.cached()).count()
          + " verified with " + renderer.renders() + " Helm renders, " + done.stream().filter(ApplicationReport::cached).count()
          + " unchanged since an earlier run.");
      return new VerifyResult(problems, done, pulled, options.lockFrozen() ? lock.charts() : locked,
          options.lockFrozen() ? List.of() : lockChanges, renderer.helmVersion());
    }
  }

  /**
   * Verifies {@code applications}, each taken from an earlier run when its inputs (with its
   * cluster's core CRDs) are unchanged: keys and earlier reports in parallel (hashing the values of
   * thousands of Applications), in order.
   */
  private static List<ApplicationReport> run(List<ChartApplication> applications, Map<String, ClusterCrds> crds,
      Map<ChartRef, Optional<String>> digests, ChartRenderer renderer, VerifyCache reports, ApplicationVerifier verifier,
      ToolCatalog catalog, Map<String, String> keys) {
    List<Cached> looked = applications.parallelStream()
        .filter(application -> digests.get(application.chart()).isPresent()) // else its problem is reported once, at its pin
        .map(application -> {
          String digest = digests.get(application.chart()).orElseThrow();
          ClusterCrds cluster = crds.getOrDefault(application.cluster(), ClusterCrds.NONE);
          String key = VerifyCache.key(application, digest, renderer.kubernetesVersion(application), Version.build() + cluster.digest());
          return new Cached(application, digest, key, cluster, reports.read(key, application, digest));
        })
        .toList();
    looked.forEach(cached -> keys.put(cached.application().name(), cached.key()));
    List<CompletableFuture<ApplicationReport>> pending = new ArrayList<>();
    for (Cached cached : looked) {
      pending.add(cached.report()
          .map(CompletableFuture::completedFuture)
          .orElseGet(() -> verifier.verify(cached.application(), cached.digest(), chartMade(catalog, cached.application()), cached.crds())
              .thenApply(report -> {
                reports.write(cached.key(), report);
                return report;
              })));
    }
    return join(pending);
  }

  /** Pulls every chart once; a chart that cannot be had, or whose digest changed, becomes a problem. */
  private Map<ChartRef, Optional<String>> pull(
      List<ChartApplication> applications, ChartRenderer renderer, Lock lock, ValidPlatform valid, Tracer tracer, List<Problem> problems) {
    Map<ChartRef, String> toolOf = new TreeMap<>();
    applications.forEach(a -> toolOf.putIfAbsent(a.chart(), a.tool()));
    Map<ChartRef, CompletableFuture<ChartCache.Fetched>> fetches = new TreeMap<>();
    toolOf.keySet().forEach(ref -> fetches.put(ref, renderer.chart(ref)));
    Map<ChartRef, Optional<String>> digests = new TreeMap<>();
    fetches.forEach((ref, future) -> {
      try {
        ChartCache.Fetched fetched = future.join();
        Optional<String> locked = lock.digest(ref);
        if (locked.isPresent() && !locked.get().equals(fetched.digest())) {
          String pointer = "/charts/" + LockReader.escape(ref.repoURL()) + "/" + LockReader.escape(ref.chart()) + "/" + LockReader.escape(ref.version());
          problems.add(new Problem(lockLocation(valid, pointer), pointer,
              "the repository now serves other bytes for " + ref.describe() + " (" + fetched.digest() + ") than maia.lock records ("
                  + locked.get() + "): the chart was published again under the same version",
              "check what changed in the chart; to accept it, delete this entry and run maia:verify again"));
          digests.put(ref, Optional.empty());
        } else {
          digests.put(ref, Optional.of(fetched.digest()));
          if (fetched.downloaded()) {
            log.debug("Pulled " + ref.describe() + " (" + fetched.digest() + ").");
          }
        }
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ChartUnavailableException unavailable && unavailable.reason() == ChartUnavailableException.Reason.NOT_FOUND) {
          Tracer.Place pin = tracer.pin(toolOf.get(ref));
          problems.add(new Problem(pin.location(), pin.pointer(), unavailable.getMessage(),
              "pin a version the repository has (spec.catalog." + toolOf.get(ref) + ".version), or the repository that has it"));
          digests.put(ref, Optional.empty());
        } else if (cause instanceof RuntimeException runtime) {
          throw runtime;
        } else {
          throw e;
        }
      }
    });
    return digests;
  }

  /** What verify changes in the lock's charts: digests recorded for the first time, entries no Application uses. */
  private static List<String> lockChanges(Lock lock, SortedMap<ChartRef, String> locked) {
    List<String> changes = new ArrayList<>();
    locked.forEach((ref, digest) -> {
      if (lock.digest(ref).isEmpty()) {
        changes.add("recorded " + ref.describe() + " as " + digest);
      }
    });
    new TreeSet<>(lock.charts().keySet()).forEach(ref -> {
      if (!locked.containsKey(ref)) {
        changes.add("removed " + ref.describe() + ", which no Application uses");
      }
    });
    return changes;
  }

  private static List<Problem> frozen(ValidPlatform valid, List<String> changes) {
    List<Problem> problems = new ArrayList<>();
    for (String change : changes) {
      problems.add(new Problem(lockLocation(valid, "/charts"), "/charts",
          "maia.lock is frozen (maia.lock.frozen), but verifying the platform " + change,
          "run maia:verify without -Dmaia.lock.frozen=true and commit maia.lock"));
    }
    return problems;
  }

  private static SourceLocation lockLocation(ValidPlatform valid, String pointer) {
    return valid.lockFile().document().map(d -> d.locate(pointer)).orElse(SourceLocation.startOf(LockReader.FILE));
  }

  private static List<ApplicationReport> join(List<CompletableFuture<ApplicationReport>> pending) {
    List<ApplicationReport> done = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<ApplicationReport> future : pending) {
      try {
        done.add(future.join());
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return done;
  }

  /** An Application's report key, and its report of an earlier run when there is one. */
  private record Cached(ChartApplication application, String digest, String key, ClusterCrds crds, Optional<ApplicationReport> report) {}
}
