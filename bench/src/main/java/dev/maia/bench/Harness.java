package dev.maia.bench;

import dev.maia.core.GenerateRequest;
import dev.maia.core.GenerateResult;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * In-process timings of the compiler on a synthetic platform. Prints one line per measurement,
 * {@code name value unit}, for bench/run to collect. Modes:
 *
 * <pre>
 * full        --platform DIR --out DIR --runs N   full compile into an empty folder, N times (median);
 *                                                 the last run writes DIR, the others DIR.run1...
 * validate    --platform DIR --runs N             load + validate only (median), and peak heap
 * incremental --platform DIR --out DIR --runs N   one project file changed, regenerate (median)
 * </pre>
 */
public final class Harness {

  private Harness() {}

  public static void main(String[] args) throws IOException {
    String mode = args[0];
    Path platformDir = null;
    Path out = null;
    int runs = 3;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--platform" -> platformDir = Path.of(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path platform = platformDir.resolve("platform.yaml");
    MaiaCompiler compiler = new MaiaCompiler(new StderrLog());
    switch (mode) {
      case "full" -> full(compiler, platform, out, runs);
      case "validate" -> validate(compiler, platform, runs);
      case "incremental" -> incremental(compiler, platformDir, out, runs);
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    print("peak_heap", peakHeapMiB(), "MiB");
  }

  private static void full(MaiaCompiler compiler, Path platform, Path out, int runs) {
    List<Double> times = new ArrayList<>();
    int files = 0;
    for (int r = 0; r < runs; r++) {
      // A new folder each run: on ext4 without a journal (this machine's disk) creating files
      // within seconds of deleting many others scans the inode table for inodes not deleted
      // recently, which would time the last run's deletion instead of this compile.
      Path target = r == runs - 1 ? out : out.resolveSibling(out.getFileName() + ".run" + (r + 1));
      if (Files.exists(target)) {
        throw new IllegalStateException(target + " exists; the harness writes into new folders only");
      }
      long start = System.nanoTime();
      GenerateResult result = compiler.generate(new GenerateRequest(platform, target, SyntheticPlatform.EPOCH));
      times.add(seconds(start));
      files = result.written().size();
    }
    print("full_compile", median(times), "s");
    print("files", files, "files");
  }

  private static void validate(MaiaCompiler compiler, Path platform, int runs) {
    List<Double> times = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      compiler.validate(platform, SyntheticPlatform.EPOCH);
      times.add(seconds(start));
    }
    print("validate", median(times), "s");
  }

  /** Alternates one project's file between two versions, so every run has one real change. */
  private static void incremental(MaiaCompiler compiler, Path platformDir, Path out, int runs) throws IOException {
    Path platform = platformDir.resolve("platform.yaml");
    Path project = platformDir.resolve("projects/" + SyntheticPlatform.projectName(0) + ".yaml");
    String original = Files.readString(project, StandardCharsets.UTF_8);
    String changed = original.replace("storage: 100Gi", "storage: 110Gi");
    compiler.generate(new GenerateRequest(platform, out, SyntheticPlatform.EPOCH));
    List<Double> times = new ArrayList<>();
    int written = 0;
    try {
      for (int r = 0; r < runs; r++) {
        Files.writeString(project, r % 2 == 0 ? changed : original, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        GenerateResult result = compiler.generate(new GenerateRequest(platform, out, SyntheticPlatform.EPOCH));
        times.add(seconds(start));
        written = result.written().size();
      }
    } finally {
      Files.writeString(project, original, StandardCharsets.UTF_8);
    }
    print("incremental", median(times), "s");
    print("incremental_files_written", written, "files");
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * The most heap in use at one time, garbage included, sampled every 5 ms. (The sum of each
   * pool's own peak overstates it: the pools peak at different times.)
   */
  private static long peakHeapMiB() {
    return HEAP.peak() / (1024 * 1024);
  }

  private static final HeapSampler HEAP = HeapSampler.start();

  private static final class HeapSampler implements Runnable {
    private volatile long peak;

    static HeapSampler start() {
      HeapSampler sampler = new HeapSampler();
      Thread thread = new Thread(sampler, "heap-sampler");
      thread.setDaemon(true);
      thread.start();
      return sampler;
    }

    long peak() {
      sample();
      return peak;
    }

    @Override
    public void run() {
      while (true) {
        sample();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private synchronized void sample() {
      peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
  }

  /** Standard output, where bench/run reads the figures: UTF-8 whatever the platform's charset. */
  private static final java.io.PrintStream REPORT =
      new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);

  private static void print(String name, double value, String unit) {
    REPORT.println(String.format(Locale.ROOT, "%s %.3f %s", name, value, unit));
  }

  /** Standard error, where bench/run keeps the compiler's log (target/bench/harness.log). */
  private static final java.io.PrintStream LOG =
      new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);

  /** The compiler's log on {@link #LOG}: its debug lines time the phases of each run. */
  private static final class StderrLog implements MaiaLog {
    @Override
    public void info(String message) {
      LOG.println("[info] " + message);
    }

    @Override
    public void warn(String message) {
      LOG.println("[warn] " + message);
    }

    @Override
    public void debug(String message) {
      LOG.println("[debug] " + message);
    }
  }
}
