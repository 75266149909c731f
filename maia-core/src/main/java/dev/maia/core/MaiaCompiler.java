package dev.maia.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.importer.ImportRefusedException;
import dev.maia.core.importer.ImportResult;
import dev.maia.core.importer.MaiaImporter;
import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.load.SourceMap;
import dev.maia.core.load.LockReader;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.model.Platform;
import dev.maia.core.model.PlatformReader;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.validate.LockRules;
import dev.maia.core.validate.PrunedDocument;
import dev.maia.core.problem.Problem;
import dev.maia.core.validate.SchemaValidator;
import dev.maia.core.validate.SealedSecretRules;
import dev.maia.core.validate.SemanticValidator;
import dev.maia.core.validate.StorageRules;
import dev.maia.core.validate.UrlCredentialRules;
import dev.maia.core.output.Finding;
import dev.maia.core.output.GeneratedTree;
import dev.maia.core.output.OutputConflictException;
import dev.maia.core.output.OutputWriteException;
import dev.maia.core.output.SecurityLint;
import dev.maia.core.output.LockWriter;
import dev.maia.core.output.TreeWriter;
import dev.maia.core.output.UnsafeOutputException;
import dev.maia.core.plan.GpuSchedule;
import dev.maia.core.plan.Notices;
import dev.maia.core.plan.Planner;
import dev.maia.core.plan.PortAllocator;
import dev.maia.core.plan.Unit;
import dev.maia.core.plan.UnitKeys;
import dev.maia.core.output.RenderCache;
import java.util.concurrent.ConcurrentHashMap;
import dev.maia.core.render.RenderedUnit;
import dev.maia.core.render.TemplateCheck;
import dev.maia.core.render.UnitRenderer;
import dev.maia.core.model.Booking;
import dev.maia.core.output.BookingFile;
import dev.maia.core.plan.BookingPlan;
import dev.maia.core.plan.BookingPlanner;
import dev.maia.core.plan.BookingRequest;
import dev.maia.core.model.Lock;
import dev.maia.core.verify.Verifier;
import dev.maia.core.verify.VerifyOptions;
import dev.maia.core.verify.VerifyResult;
import dev.maia.core.verify.helm.HelmRenderer;
import java.util.concurrent.CompletableFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The compiler's front door: load, validate, model, and (in {@link #generate}) plan, render and
 * write. Thread-safe: instances hold no mutable state.
 */
public final class MaiaCompiler {

  private final MaiaLog log;
  private final PlatformLoader loader = new PlatformLoader();
  private final SchemaValidator schema = new SchemaValidator();
  private final UrlCredentialRules urlCredentials = new UrlCredentialRules();
  private final SemanticValidator semantics = new SemanticValidator();
  private final PlatformReader reader = new PlatformReader();
  private final Planner planner = new Planner();
  private final BookingPlanner bookingPlanner = new BookingPlanner();
  private final SealedSecretRules sealedSecrets = new SealedSecretRules();
  private final LockReader lockReader = new LockReader();
  private final PortAllocator allocator = new PortAllocator();

  /** How long a run waits for another run on the same output folder before it fails. */
  private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

  public MaiaCompiler(MaiaLog log) {
    this.log = log;
  }

  /**
   * Loads and checks the platform, with the system clock deciding which GPU bookings lie in the
   * future. Where the result must not depend on when it runs (CI, tests), use {@link #validate(Path,
   * Instant)}.
   *
   * @throws InvalidPlatformException with every problem, sorted by position: the schema's, then the
   *     semantic rules' on the parts that passed the schema
   */
  public ValidPlatform validate(Path platformFile) {
    return validate(platformFile, Instant.now());
  }

  /**
   * Loads and checks the platform as of {@code now}: a booking that starts after it is a future
   * booking (at most {@code gpuPolicy.maxFutureBookings} per user). No other rule depends on it.
   *
   * @throws InvalidPlatformException with every problem, sorted by position: the schema's, then the
   *     semantic rules' on the parts that passed the schema
   */
  public ValidPlatform validate(Path platformFile, Instant now) {
    return validate(loader.load(platformFile), now);
  }

  private ValidPlatform validate(LoadedPlatform loaded, Instant now) {
    List<Problem> schemaProblems = schemaStage(loaded.document(), loaded.sources());
    if (!schemaProblems.isEmpty()) {
      throw new InvalidPlatformException(schemaProblems, semanticProblemsOfTheRest(loaded, schemaProblems, now));
    }
    Platform platform = reader.read(loaded.document());
    List<Problem> semanticProblems = semanticStage(platform, loaded.sources(), loaded, now);
    if (!semanticProblems.isEmpty()) {
      throw new InvalidPlatformException(semanticProblems);
    }
    LockReader.Result lockFile = lockReader.read(loaded.repo());
    if (!lockFile.problems().isEmpty()) {
      throw new InvalidPlatformException(lockFile.problems());
    }
    PortAllocator.Allocation allocation = allocator.allocate(platform, lockFile.lock());
    List<Problem> exhausted = LockRules.exhausted(allocation, loaded.sources());
    if (!exhausted.isEmpty()) {
      throw new InvalidPlatformException(exhausted);
    }
    // the site's templates, rendered wherever they apply: their problems are the input's, located in them
    TemplateCheck.Result templates = TemplateCheck.check(platform, loaded.repo(), GpuSchedule.of(platform, now), allocation.lock());
    templates.warnings().forEach(log::warn);
    if (!templates.problems().isEmpty()) {
      throw new InvalidPlatformException(templates.problems());
    }
    log.debug("Read " + loaded.files().size() + " file(s): " + String.join(", ", loaded.files()));
    Notices.warnings(platform).forEach(log::warn);
    return new ValidPlatform(loaded, platform, lockFile, allocation);
  }

  /** The JSON Schema, and the URLs with credentials, on the document before the model is read. */
  private List<Problem> schemaStage(JsonNode document, SourceMap sources) {
    List<Problem> problems = new ArrayList<>(schema.validate(document, sources));
    problems.addAll(urlCredentials.check(document, sources));
    return problems;
  }

  /** The semantic rules, on the model of a document the schema stage accepted. */
  private List<Problem> semanticStage(Platform platform, SourceMap sources, LoadedPlatform loaded, Instant now) {
    List<Problem> problems = new ArrayList<>(semantics.validate(platform, sources, now));
    problems.addAll(new StorageRules(siteTemplates(loaded)).check(platform, sources));
    problems.addAll(sealedSecrets.check(platform, ToolCatalog.builtIn(), loaded.repo(), sources));
    return problems;
  }

  /**
   * The semantic problems of the parts of a platform that passed the schema stage when others did
   * not: the rules judge the document without the items that failed ({@link PrunedDocument}), if
   * that passes the schema stage, and only their problems that hold for the whole document count.
   */
  private List<Problem> semanticProblemsOfTheRest(LoadedPlatform loaded, List<Problem> schemaProblems, Instant now) {
    return PrunedDocument.without(loaded.document(), loaded.sources(), schemaProblems)
        .filter(rest -> schemaStage(rest.document(), rest.sources()).isEmpty())
        .map(rest -> rest.reportable(semanticStage(reader.read(rest.document()), rest.sources(), loaded, now)))
        .orElse(List.of());
  }

  /** The built-in values templates the site replaces with a file of the same path under {@code templates/}. */
  private static Set<String> siteTemplates(LoadedPlatform loaded) {
    String prefix = PlatformLoader.TEMPLATES + "/";
    Set<String> templates = new TreeSet<>();
    loaded.repo().folder(PlatformLoader.TEMPLATES).files().forEach(f -> templates.add(f.substring(prefix.length())));
    return templates;
  }

  /**
   * Finds the earliest start at which {@code request} satisfies every booking rule and the capacity
   * (see {@link BookingPlanner}), and writes it as {@code bookings/<id>.yaml} next to the platform
   * file. The file is then read back with the platform: a booking the platform's includes would not
   * read is removed again and reported. Writes nothing when there is no valid start.
   *
   * @param now the time of the run: it decides which bookings are in the future
   * @throws InvalidPlatformException when the platform itself is invalid; nothing is written
   */
  public BookResult book(Path platformFile, BookingRequest request, Instant now) {
    // the first booking of a platform goes into a folder that its include pattern finds empty so far
    Predicate<String> bookings = glob -> glob.startsWith(BookingFile.FOLDER + "/");
    ValidPlatform valid = validate(loader.load(platformFile, bookings), now);
    Path repo = valid.loaded().baseDir();
    Set<String> taken = new TreeSet<>();
    Path folder = repo.resolve(BookingFile.FOLDER);
    if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidPlatformException(List.of(new Problem(
          SourceLocation.startOf(BookingFile.FOLDER),
          "",
          BookingFile.FOLDER + " is " + (Files.isSymbolicLink(folder) ? "a symbolic link" : "no folder") + "; maia:book writes each"
              + " booking into the folder " + BookingFile.FOLDER + "/ of the platform repo, never through a link",
          "replace it with a folder")));
    }
    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> files = Files.list(folder)) {
        files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(n -> taken.add(n.substring(0, n.length() - 5)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
      }
    }
    BookingPlan plan = bookingPlanner.plan(valid.platform(), valid.loaded().sources(), request, now, taken);
    if (!(plan instanceof BookingPlan.Found found)) {
      return new BookResult(plan, Optional.empty(), Optional.empty());
    }
    Booking booking = found.booking();
    Path written = BookingFile.write(repo, booking);
    try {
      boolean read = validate(loader.load(platformFile, bookings), now).platform().bookings().stream().anyMatch(b -> b.id().equals(booking.id()));
      if (!read) {
        Files.delete(written);
        return new BookResult(
            new BookingPlan.NotFound(
                BookingFile.path(booking) + " would not be read: no pattern of spec.include matches it",
                List.of("add '" + BookingFile.FOLDER + "/*.yaml' to spec.include")),
            Optional.empty(),
            Optional.empty());
      }
    } catch (InvalidPlatformException e) {
      deleteQuietly(written);
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + written + ": " + e.getMessage(), e);
    }
    log.debug("Wrote " + BookingFile.path(booking));
    return new BookResult(
        plan, Optional.of(BookingFile.path(booking)), Optional.of(new String(BookingFile.bytes(booking), StandardCharsets.UTF_8)));
  }

  /**
   * Imports an existing MAIA installation's configuration from {@code from} into the platform repo
   * {@code to} (see {@link MaiaImporter}), then validates what it wrote as of {@code now}; the
   * result holds the problems of a written platform that is not valid (the files stay, for the user
   * to fix).
   *
   * @throws ImportRefusedException when a file to write exists or {@code from} holds no cluster
   *     file; nothing is written
   */
  public ImportResult importInstallation(Path from, Path to, Instant now) {
    ImportResult result = new MaiaImporter().importInstallation(from, to);
    log.debug("Imported " + String.join(", ", result.read()));
    try {
      validate(to.resolve(MaiaImporter.PLATFORM_FILE), now);
      return result;
    } catch (InvalidPlatformException e) {
      return result.withProblems(e.problems());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the exception being thrown says what went wrong; the stray file is named by the next run
    }
  }

  /**
   * Validates, then plans, renders, lints and writes the GitOps tree. Nothing is written unless the
   * whole platform is valid and the whole output passes the {@link SecurityLint}, and the previous
   * tree stays intact until the new one is complete.
   *
   * <p>Each unit is linted as its documents come out of the renderer, before its files are staged;
   * a unit with findings is not staged at all, so not even the staging folder sees an unsafe byte.
   * The rules that need the whole tree run once every unit is done, before the commit.
   *
   * @throws InvalidPlatformException with every problem of the input; the output is untouched
   * @throws UnsafeOutputException with every finding of the lint; the output is untouched
   * @throws OutputConflictException if another run holds the output folder, or a file the generator
   *     did not write stands where it must write
   * @throws OutputWriteException if the output folder cannot be written (read-only, full disk)
   */
  public GenerateResult generate(GenerateRequest request) {
    long started = System.nanoTime();
    ValidPlatform valid = validate(request.platformFile(), request.now());
    return generate(valid, request, started);
  }

  /**
   * Generates the tree (as {@link #generate(GenerateRequest)} does), then renders every chart
   * Application with real Helm and checks what the charts make (see {@link Verifier}). Chart
   * digests pulled for the first time are recorded in {@code maia.lock}.
   *
   * <p>What the checks find is in the result (located where the platform or a values template
   * decides it; {@link VerifyOutcome#requireClean} turns it into a failure).
   *
   * @throws InvalidPlatformException with every problem of the input; nothing is rendered
   * @throws dev.maia.core.verify.chart.ChartUnavailableException when a chart repository cannot be
   *     reached or sends bad bytes
   * @throws dev.maia.core.verify.helm.HelmUnavailableException when Helm cannot run on this machine
   */
  public VerifyOutcome verify(GenerateRequest request, VerifyOptions options) {
    return startVerify(request, options).join();
  }

  /**
   * Generates the tree, then starts rendering and checking its charts (as {@link #verify} does)
   * and returns as soon as the tree is written: the caller can compare the tree with a branch
   * while Helm renders, and joins the run for its findings.
   *
   * @throws InvalidPlatformException with every problem of the input; nothing is rendered
   */
  public VerifyRun startVerify(GenerateRequest request, VerifyOptions options) {
    long started = System.nanoTime();
    ValidPlatform valid = validate(request.platformFile(), request.now());
    // the Helm worker starts while the tree is generated; the verify run closes it
    CompletableFuture<HelmRenderer> helm =
        CompletableFuture.supplyAsync(() -> HelmRenderer.start(options.workDirectory().resolve("helm"), options.threads()));
    GenerateResult generated;
    try {
      generated = generate(valid, request, started);
    } catch (RuntimeException e) {
      helm.thenAccept(HelmRenderer::close);
      throw e;
    }
    // the lock as generate left it (its ports), read again so that problems locate its chart entries
    ValidPlatform written = new ValidPlatform(valid.loaded(), valid.platform(), lockReader.read(valid.loaded().repo()), valid.allocation());
    CompletableFuture<VerifyResult> verified = new CompletableFuture<>();
    Thread verifying = new Thread(() -> {
      try {
        verified.complete(new Verifier(log).verify(written, request.outputDirectory(), options, helm, request.now()));
      } catch (Throwable e) {
        verified.completeExceptionally(e);
      }
    }, "maia-verify-run");
    verifying.setDaemon(true);
    verifying.start();
    return new VerifyRun(written, generated, verified, result -> {
      Lock lock = valid.allocation().lock().withCharts(result.lockCharts());
      if (!options.lockFrozen() && LockWriter.write(valid.loaded().baseDir().resolve(LockReader.FILE), lock)) {
        log.info("Updated " + LockReader.FILE + ": " + result.lockChanges().size() + " chart digest change(s).");
        result.lockChanges().forEach(change -> log.debug(LockReader.FILE + ": " + change + "."));
      }
    });
  }

  /**
   * Renders and checks Applications of another tree (the GitOps branch a diff compares with) for
   * the platform of {@code outcome}: its clusters' Kubernetes versions and its lock. Nothing is
   * written but the reports' cache.
   */
  public VerifyResult verify(VerifyOutcome outcome, List<dev.maia.core.verify.ChartApplication> applications, VerifyOptions options) {
    return new Verifier(log).verify(outcome.valid(), applications, options);
  }

  private GenerateResult generate(ValidPlatform valid, GenerateRequest request, long started) {
    long validated = System.nanoTime();
    Platform platform = valid.platform();
    PortAllocator.Allocation allocation = valid.allocation();
    if (request.lockFrozen() && !allocation.changes().isEmpty()) {
      throw new InvalidPlatformException(LockRules.frozen(allocation, valid.lockFile().document()));
    }
    List<Unit> units = planner.plan(platform);
    GpuSchedule schedule = GpuSchedule.of(platform, request.now());
    UnitRenderer renderer = new UnitRenderer(platform, valid.loaded().repo(), schedule, allocation.lock());
    UnitKeys keys = UnitKeys.of(valid.loaded(), schedule, platform.bookings(), allocation.lock(), Version.build());
    Map<String, Integer> perCluster = new ConcurrentSkipListMap<>();
    SecurityLint lint = new SecurityLint();
    Set<Finding> unsafe = new ConcurrentSkipListSet<>();
    TreeWriter writer = new TreeWriter(request.outputDirectory(), LOCK_WAIT);
    GeneratedTree tree;
    // A unit that fails must not end the parallel phase early: the stream would return while other
    // units are still staging files, and closing the transaction would then drop the staging and
    // release the lock under them. Every unit finishes (those not yet begun without staging), then
    // the failure with the first message in order is thrown.
    Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
    try (TreeWriter.Transaction transaction = writer.begin()) {
      RenderCache cache = request.incremental() ? RenderCache.read(request.outputDirectory()) : RenderCache.empty(request.outputDirectory());
      Map<String, String> previousIndex = transaction.previous();
      Map<String, RenderCache.Entry> reusedEntries = new ConcurrentHashMap<>();
      Map<String, RenderedEntry> renderedEntries = new ConcurrentHashMap<>();
      units.parallelStream()
          .forEach(unit -> {
            if (!failures.isEmpty()) {
              return;
            }
            try {
              Optional<String> id = UnitKeys.id(unit);
              Optional<String> key = keys.key(unit);
              Optional<RenderCache.Entry> cached = id.flatMap(i -> cache.reusable(i, key.orElseThrow(), previousIndex));
              if (cached.isPresent()) {
                // rendered and linted by an earlier run from the same inputs, and still in place
                cached.get().files().forEach((path, stamp) -> transaction.keep(path, stamp.sha256()));
                cached.get().resourcesPerCluster().forEach((cluster, count) -> perCluster.merge(cluster, count, Integer::sum));
                reusedEntries.put(id.get(), cached.get());
                return;
              }
              RenderedUnit rendered = renderer.render(unit);
              List<Finding> findings = lint.check(rendered.documents());
              if (findings.isEmpty()) {
                rendered.files().forEach(transaction::put);
              } else {
                unsafe.addAll(findings);
              }
              rendered.resourcesPerCluster().forEach((cluster, count) -> perCluster.merge(cluster, count, Integer::sum));
              id.ifPresent(i -> renderedEntries.put(
                  i, new RenderedEntry(key.orElseThrow(), List.copyOf(rendered.files().keySet()), rendered.resourcesPerCluster())));
            } catch (RuntimeException e) {
              failures.add(e);
            }
          });
      long rendered = System.nanoTime();
      if (!failures.isEmpty()) {
        throw failures.stream().min(Comparator.comparing(e -> String.valueOf(e.getMessage()))).orElseThrow();
      }
      // The folder rules see the folders rendered in this run: a reused placement's folder passed
      // them in the run that rendered it, with the same project base (part of every unit's key).
      unsafe.addAll(lint.finish());
      if (!unsafe.isEmpty()) {
        throw new UnsafeOutputException(unsafe); // closing the transaction uncommitted drops the staging
      }
      Map<String, Object> provenance = new TreeMap<>();
      provenance.put("generator", "maia-maven-plugin");
      provenance.put("version", Version.get());
      provenance.put("platform", platform.name());
      schedule.nextChange().ifPresent(next -> provenance.put("nextChange", next.toString()));
      tree = transaction.commit(provenance);
      RenderCache next = RenderCache.empty(request.outputDirectory());
      reusedEntries.forEach(next::put);
      renderedEntries.entrySet().parallelStream()
          .forEach(e -> e.getValue().entry(next, transaction).ifPresent(entry -> next.put(e.getKey(), entry)));
      next.write();
      log.debug("Planned " + units.size() + " units, took " + reusedEntries.size() + " unchanged ones from the last run; the security lint found nothing");
      log.debug(String.format(Locale.ROOT, "Load and validate %.2f s, render, lint and stage %.2f s, commit and render cache %.2f s",
          seconds(validated - started), seconds(rendered - validated), seconds(System.nanoTime() - rendered)));
    }
    List<String> lockChanges = allocation.changes().stream().map(PortAllocator.Change::describe).toList();
    if (LockWriter.write(valid.loaded().baseDir().resolve(LockReader.FILE), allocation.lock())) {
      log.info("Updated " + LockReader.FILE + ": " + lockChanges.size() + " port change(s).");
      lockChanges.forEach(change -> log.debug(LockReader.FILE + ": " + change + "."));
    }
    return new GenerateResult(
        perCluster, tree.written(), tree.unchanged(), tree.removed(), platform, schedule.nextChange(), lockChanges);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** A unit rendered in this run, to be recorded in the render cache once its files are in place. */
  private record RenderedEntry(String key, List<String> files, Map<String, Integer> resourcesPerCluster) {
    /** The entry, or empty when a file is not where the commit put it (then the unit is rendered next time). */
    Optional<RenderCache.Entry> entry(RenderCache cache, TreeWriter.Transaction transaction) {
      Map<String, RenderCache.FileStamp> stamps = new TreeMap<>();
      for (String path : files) {
        RenderCache.FileStamp stamp = cache.stamp(path, transaction.hash(path));
        if (stamp == null) {
          return Optional.empty();
        }
        stamps.put(path, stamp);
      }
      return Optional.of(new RenderCache.Entry(key, stamps, resourcesPerCluster));
    }
  }
}
