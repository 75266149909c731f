package dev.maia.bench;

import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.ValidPlatform;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.output.SecurityLint;
import dev.maia.core.plan.GpuSchedule;
import dev.maia.core.plan.Planner;
import dev.maia.core.plan.Unit;
import dev.maia.core.render.RenderedUnit;
import dev.maia.core.render.UnitRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the stages one placement (a project's namespace and Applications on one
 * cluster, the unit the compiler renders most often) goes through, on a warm JVM: render (models,
 * tool values, YAML text), the security lint of its documents, and the canonical YAML writer alone.
 * A full compile of N projects on one cluster each costs about N times render plus lint. {@code bench/run}
 * runs them; alone: {@code java -cp ... org.openjdk.jmh.Main UnitStages}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UnitStages {

  private Path dir;
  private UnitRenderer renderer;
  private Unit placement;
  private RenderedUnit rendered;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("maia-jmh");
    new SyntheticPlatform(20, 4, 3, 0, 42).write(dir);
    ValidPlatform valid = new MaiaCompiler(MaiaLog.silent()).validate(dir.resolve("platform.yaml"), SyntheticPlatform.EPOCH);
    List<Unit> units = new Planner().plan(valid.platform());
    placement = units.stream().filter(u -> u instanceof Unit.Placement).findFirst().orElseThrow();
    renderer = new UnitRenderer(
        valid.platform(), valid.loaded().repo(), GpuSchedule.of(valid.platform(), SyntheticPlatform.EPOCH), valid.allocation().lock());
    rendered = renderer.render(placement);
  }

  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public RenderedUnit render() {
    return renderer.render(placement);
  }

  @Benchmark
  public Object lint() {
    return new SecurityLint().check(rendered.documents());
  }

  @Benchmark
  public int writeYaml() {
    int bytes = 0;
    for (var documents : rendered.documents().values()) {
      bytes += CanonicalYaml.write(documents).length;
    }
    return bytes;
  }
}
