package dev.maia.core;

import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.LockReader;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.model.Platform;
import dev.maia.core.model.PlatformReader;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.validate.LockRules;
import dev.maia.core.validate.Problem;
import dev.maia.core.validate.SchemaValidator;
import dev.maia.core.validate.SealedSecretRules;
import dev.maia.core.validate.SemanticValidator;
import dev.maia.core.output.GeneratedTree;
import dev.maia.core.output.LockWriter;
import dev.maia.core.output.TreeWriter;
import dev.maia.core.plan.Planner;
import dev.maia.core.plan.PortAllocator;
import dev.maia.core.plan.Unit;
import dev.maia.core.render.RenderedUnit;
import dev.maia.core.render.UnitRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The compiler's front door: load, validate, model, and (in {@link #generate}) plan, render and
 * write. Thread-safe: instances hold no mutable state.
 */
public final class MaiaCompiler {

  private final MaiaLog log;
  private final PlatformLoader loader = new PlatformLoader();
  private final SchemaValidator schema = new SchemaValidator();
  private final SemanticValidator semantics = new SemanticValidator();
  private final PlatformReader reader = new PlatformReader();
  private final Planner planner = new Planner();
  private final SealedSecretRules sealedSecrets = new SealedSecretRules();
  private final LockReader lockReader = new LockReader();
  private final PortAllocator allocator = new PortAllocator();

  /** How long a run waits for another run on the same output folder before it fails. */
  private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

  public MaiaCompiler(MaiaLog log) {
    this.log = log;
  }

  /**
   * Loads and checks the platform.
   *
   * @throws InvalidPlatformException with every problem, sorted by position
   */
  public ValidPlatform validate(Path platformFile) {
    LoadedPlatform loaded = loader.load(platformFile);
    List<Problem> schemaProblems = schema.validate(loaded.document(), loaded.sources());
    if (!schemaProblems.isEmpty()) {
      throw new InvalidPlatformException(schemaProblems);
    }
    Platform platform = reader.read(loaded.document());
    List<Problem> semanticProblems = new ArrayList<>(semantics.validate(platform, loaded.sources()));
    semanticProblems.addAll(sealedSecrets.check(platform, ToolCatalog.builtIn(), loaded.baseDir(), loaded.sources()));
    if (!semanticProblems.isEmpty()) {
      throw new InvalidPlatformException(semanticProblems);
    }
    LockReader.Result lockFile = lockReader.read(loaded.baseDir());
    if (!lockFile.problems().isEmpty()) {
      throw new InvalidPlatformException(lockFile.problems());
    }
    PortAllocator.Allocation allocation = allocator.allocate(platform, lockFile.lock());
    List<Problem> exhausted = LockRules.exhausted(allocation, loaded.sources());
    if (!exhausted.isEmpty()) {
      throw new InvalidPlatformException(exhausted);
    }
    log.debug("Read " + loaded.files().size() + " file(s): " + String.join(", ", loaded.files()));
    return new ValidPlatform(loaded, platform, lockFile, allocation);
  }

  /**
   * Validates, then plans, renders and writes the GitOps tree. Nothing is written unless the whole
   * platform is valid, and the previous tree stays intact until the new one is complete.
   *
   * @throws InvalidPlatformException with every problem of the input; the output is untouched
   */
  public GenerateResult generate(GenerateRequest request) {
    ValidPlatform valid = validate(request.platformFile());
    Platform platform = valid.platform();
    PortAllocator.Allocation allocation = valid.allocation();
    if (request.lockFrozen() && !allocation.changes().isEmpty()) {
      throw new InvalidPlatformException(LockRules.frozen(allocation, valid.lockFile().document()));
    }
    List<Unit> units = planner.plan(platform);
    UnitRenderer renderer = new UnitRenderer(platform, valid.loaded().baseDir(), allocation.lock());
    Map<String, Integer> perCluster = new ConcurrentSkipListMap<>();
    TreeWriter writer = new TreeWriter(request.outputDirectory(), LOCK_WAIT);
    GeneratedTree tree;
    try (TreeWriter.Transaction transaction = writer.begin()) {
      units.parallelStream()
          .forEach(unit -> {
            RenderedUnit rendered = renderer.render(unit);
            rendered.files().forEach(transaction::put);
            rendered.resourcesPerCluster().forEach((cluster, count) -> perCluster.merge(cluster, count, Integer::sum));
          });
      Map<String, Object> provenance = new TreeMap<>();
      provenance.put("generator", "maia-maven-plugin");
      provenance.put("version", Version.get());
      provenance.put("platform", platform.name());
      tree = transaction.commit(provenance);
    }
    log.debug("Planned " + units.size() + " units");
    List<String> lockChanges = allocation.changes().stream().map(PortAllocator.Change::describe).toList();
    if (LockWriter.write(valid.loaded().baseDir().resolve(LockReader.FILE), allocation.lock())) {
      log.info("Updated " + LockReader.FILE + ": " + lockChanges.size() + " port change(s).");
      lockChanges.forEach(change -> log.debug(LockReader.FILE + ": " + change + "."));
    }
    return new GenerateResult(perCluster, tree.written(), tree.unchanged(), tree.removed(), lockChanges);
  }
}
