package dev.maia.core.render;

import dev.maia.core.load.SourceLocation;
import dev.maia.core.model.ToolCatalog;
import freemarker.cache.ClassTemplateLoader;

import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.StrongCacheStorage;
import freemarker.cache.TemplateLoader;
import freemarker.cache.TemplateNameFormat;
import freemarker.core.Environment;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateElement;
import freemarker.core.TemplateProcessingTracer;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.MalformedTemplateNameException;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where every values template runs: a locked-down Freemarker configuration and a budget per
 * render. Site templates are trusted as configuration, not as code, so a template
 *
 * <ul>
 *   <li>is read only from the built-in templates or a regular file inside {@code templates/} of the
 *       platform repo, after resolving links ({@link SiteTemplateLoader});
 *   <li>cannot create Java objects ({@code ?new} resolves no class), reach the Java API of a value
 *       ({@code ?api} is off), or run text as code ({@code ?eval}, {@code ?interpret}): these are
 *       refused where they are written, in a branch that never runs too, before anything renders;
 *       the model is wrapped as plain strings, numbers, booleans, lists and maps, nothing more;
 *   <li>renders on a worker thread of its own with a large but bounded stack, and stops at its
 *       budget: {@link #TIME_BUDGET} of time (checked at every directive and loop turn, and, for a
 *       built-in that never returns, by abandoning the thread), {@link #MAX_OUTPUT} characters of
 *       output and {@link #MAX_DEPTH} nested directives, macro calls and includes.
 * </ul>
 *
 * Every failure is a {@link TemplateFailure} located at the template's own {@code file:line:col}.
 * Thread-safe: one instance serves every unit of a run.
 */
final class TemplateSandbox {

  /** How long one render may take; a built-in template takes milliseconds. */
  static final Duration TIME_BUDGET = Duration.ofSeconds(10);

  /**
   * The most characters one render may write: more than an ArgoCD Application can hold, since the
   * API server stores an object of at most about 1.5 MiB and the values are inline.
   */
  static final int MAX_OUTPUT = 2 * 1024 * 1024;

  /** The most directives, macro calls and includes one render may nest; the built-in ones nest a dozen. */
  static final int MAX_DEPTH = 1000;

  /** The stack of a render's thread: far more than {@link #MAX_DEPTH} levels need. */
  private static final long STACK_BYTES = 64L * 1024 * 1024;

  /** How long after its budget a render whose thread does not stop is abandoned. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private static final AtomicInteger THREADS = new AtomicInteger();

  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(null, task, "maia-template-" + THREADS.incrementAndGet(), STACK_BYTES);
    thread.setDaemon(true);
    return thread;
  });

  /** Built-ins a template may not use, and why. */
  private static final Map<String, String> FORBIDDEN = Map.of(
      "new", "?new creates a Java object, which a template may not do",
      "api", "?api reaches the Java API of a value, which a template may not do",
      "eval", "?eval runs text as an expression: a template's code is what its file says",
      "interpret", "?interpret runs text as a template: a template's code is what its file says");

  private static final Pattern FORBIDDEN_USE = Pattern.compile("\\?(new|api|eval|interpret)(?![A-Za-z0-9_])");

  private static final Pattern STRING_LITERAL = Pattern.compile("r?\"(?:[^\"\\\\]|\\\\.)*\"|r?'(?:[^'\\\\]|\\\\.)*'");

  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[^}]*}");

  private static final String FORBIDDEN_HINT =
      "remove it; every value a template needs is in its model, see docs/tools.md, \"Wiring: what every template gets\"";

  private final Configuration freemarker;
  private final Duration timeBudget;
  /** Names served from the site's folder, for locations. */
  private final Set<String> siteNames = ConcurrentHashMap.newKeySet();
  /** Templates checked and given their loop checks, by identity. */
  private final Set<Template> prepared = ConcurrentHashMap.newKeySet();

  TemplateSandbox(SiteTemplates site) {
    this(site, TIME_BUDGET);
  }

  TemplateSandbox(SiteTemplates site, Duration timeBudget) {
    this.timeBudget = timeBudget;
    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    SiteTemplateLoader siteLoader = site.loader();
    TemplateLoader recordingSite = new TemplateLoader() {
      @Override
      public Object findTemplateSource(String name) throws IOException {
        Object source = siteLoader.findTemplateSource(name);
        if (source != null) {
          siteNames.add(name);
        }
        return source;
      }

      @Override
      public long getLastModified(Object source) {
        return siteLoader.getLastModified(source);
      }

      @Override
      public java.io.Reader getReader(Object source, String encoding) {
        return siteLoader.getReader(source, encoding);
      }

      @Override
      public void closeTemplateSource(Object source) {}
    };
    config.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {
        recordingSite, new ClassTemplateLoader(TemplateSandbox.class, ToolCatalog.RESOURCE_ROOT)}));
    config.setTemplateNameFormat(TemplateNameFormat.DEFAULT_2_4_0);
    config.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    config.setCacheStorage(new StrongCacheStorage());
    config.setOutputFormat(YamlOutputFormat.INSTANCE);
    config.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    config.setDefaultEncoding(StandardCharsets.UTF_8.name());
    config.setLocale(Locale.ROOT);
    config.setTimeZone(TimeZone.getTimeZone("UTC"));
    config.setNumberFormat("c");
    config.setBooleanFormat("c");
    config.setTabSize(1);
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setAttemptExceptionReporter((e, env) -> {});
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    config.setAPIBuiltinEnabled(false);
    config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    config.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
    config.setLocalizedLookup(false);
    this.freemarker = config;
  }

  /** What a render wrote, and which template element wrote each part of it. */
  record Rendered(String text, OutputMap map) {}

  /**
   * Renders template {@code name} with {@code model} within the budgets.
   *
   * @param mapped whether to remember which element wrote what ({@link Rendered#map()}), to locate
   *     problems of the output in the template
   * @throws TemplateFailure located in the template
   */
  Rendered render(String name, Map<String, Object> model, boolean mapped) {
    Run run = new Run(name, mapped);
    Future<String> result = WORKERS.submit(() -> run.execute(model));
    try {
      String text = result.get(timeBudget.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      return new Rendered(text, run.map());
    } catch (TimeoutException e) {
      // a built-in that never reaches the next directive: stop waiting and let the thread go
      TemplateFailure timeout = run.timeout();
      result.cancel(true);
      throw timeout;
    } catch (ExecutionException e) {
      throw run.failure(e.getCause());
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + name, e);
    }
  }

  /**
   * Reads and parses template {@code name} and checks it for what no template may use, without
   * rendering it: every problem, sorted by position.
   */
  List<TemplateFailure> check(String name) {
    Template template;
    try {
      template = freemarker.getTemplate(name);
    } catch (IOException | RuntimeException e) {
      return List.of(translate(e, name, null));
    }
    return forbidden(template);
  }

  /** Where line {@code line}, column {@code column} of template {@code name} is, as a problem shows it. */
  SourceLocation location(String name, int line, int column) {
    return new SourceLocation(file(name), Math.max(1, line), Math.max(1, column));
  }

  /** The file of template {@code name}: {@code templates/NAME} of the site, or the built-in one. */
  String file(String name) {
    return siteNames.contains(name)
        ? SiteTemplateLoader.FOLDER + "/" + name
        : SourceLocation.BUILT_IN + SiteTemplateLoader.FOLDER + "/" + name;
  }

  /** The names the site's folder served so far (overrides and the files they include). */
  Set<String> siteNamesRead() {
    return Set.copyOf(siteNames);
  }

  /** Checks a template the first time any render enters it, and lets loops be stopped. */
  private void prepare(Template template) {
    if (prepared.contains(template)) {
      return;
    }
    synchronized (prepared) {
      if (prepared.contains(template)) {
        return;
      }
      if (template.getName() == null || template.getName().contains("->")) {
        // made from text at run time; the checks above keep ?interpret out, this keeps it out for sure
        throw new TemplateFailure(location(String.valueOf(template.getName()), 1, 1),
            "a template made from text at run time may not run", FORBIDDEN_HINT, TemplateFailure.Kind.TEMPLATE);
      }
      List<TemplateFailure> refused = forbidden(template);
      if (!refused.isEmpty()) {
        throw refused.get(0);
      }
      // a turn of every loop becomes an element, so the time budget is checked on every turn, also of
      // a loop with an empty body (Freemarker's internal API, which its own online tester uses for this)
      _CoreAPI.addThreadInterruptedChecks(template);
      prepared.add(template);
    }
  }

  /** Every use of a built-in of {@link #FORBIDDEN} in the template, in a branch that runs or not. */
  private List<TemplateFailure> forbidden(Template template) {
    List<TemplateFailure> found = new ArrayList<>();
    Deque<TemplateElement> open = new ArrayDeque<>();
    open.push(template.getRootTreeNode());
    while (!open.isEmpty()) {
      TemplateElement element = open.pop();
      if (element == null) {
        continue;
      }
      for (int i = element.getChildCount() - 1; i >= 0; i--) {
        open.push((TemplateElement) element.getChildAt(i));
      }
      if (element.getClass().getSimpleName().equals("TextBlock")) {
        continue; // the YAML the template writes, not code
      }
      Matcher use = FORBIDDEN_USE.matcher(code(element.getDescription()));
      if (use.find()) {
        found.add(new TemplateFailure(
            location(template.getName(), element.getBeginLine(), element.getBeginColumn()),
            FORBIDDEN.get(use.group(1)) + ": " + shorten(element.getDescription()),
            FORBIDDEN_HINT,
            TemplateFailure.Kind.TEMPLATE));
      }
    }
    found.sort(Comparator.comparing(TemplateFailure::location));
    return found;
  }

  /** An element's code without the text of its string literals (whose interpolations are code). */
  private static String code(String description) {
    Matcher literal = STRING_LITERAL.matcher(description);
    StringBuilder code = new StringBuilder();
    while (literal.find()) {
      StringBuilder inside = new StringBuilder();
      Matcher interpolation = INTERPOLATION.matcher(literal.group());
      while (interpolation.find()) {
        inside.append(interpolation.group()).append(' ');
      }
      literal.appendReplacement(code, Matcher.quoteReplacement(inside.toString()));
    }
    literal.appendTail(code);
    return code.toString();
  }

  private static String shorten(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }

  /** The failure {@code e} stands for, located; {@code run} gives the element being rendered, if any. */
  private TemplateFailure translate(Throwable e, String name, Run run) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TemplateFailure failure) {
        return failure;
      }
    }
    TemplateException outer = find(e, TemplateException.class);
    SourceLocation at = outer != null && outer.getLineNumber() != null && outer.getTemplateSourceName() != null
        ? location(outer.getTemplateSourceName(), outer.getLineNumber(), outer.getColumnNumber() == null ? 1 : outer.getColumnNumber())
        : location(name, 1, 1);
    SiteTemplateLoader.Refused refused = find(e, SiteTemplateLoader.Refused.class);
    if (refused != null) {
      SourceLocation where = outer != null && outer.getLineNumber() != null ? at : SourceLocation.startOf(refused.file());
      return new TemplateFailure(where, refused.getMessage(), refused.hint(), TemplateFailure.Kind.TEMPLATE);
    }
    ParseException parse = find(e, ParseException.class);
    if (parse != null) {
      SourceLocation where = parse.getTemplateName() == null
          ? location(name, parse.getLineNumber(), parse.getColumnNumber())
          : location(parse.getTemplateName(), parse.getLineNumber(), parse.getColumnNumber());
      return new TemplateFailure(where, "syntax error: " + words(parse.getEditorMessage()), null, TemplateFailure.Kind.TEMPLATE);
    }
    TemplateNotFoundException missing = find(e, TemplateNotFoundException.class);
    if (missing != null) {
      return new TemplateFailure(at,
          "'" + missing.getTemplateName() + "' is no template: neither " + SiteTemplateLoader.FOLDER + "/" + missing.getTemplateName()
              + " nor a built-in template of that name exists",
          "include or import a file inside " + SiteTemplateLoader.FOLDER + "/ (a relative name is read from the including"
              + " template's folder, one starting with / from " + SiteTemplateLoader.FOLDER + "/)",
          TemplateFailure.Kind.TEMPLATE);
    }
    MalformedTemplateNameException malformed = find(e, MalformedTemplateNameException.class);
    if (malformed != null) {
      return new TemplateFailure(at,
          "'" + malformed.getTemplateName() + "' is no template name: " + words(malformed.getMalformednessDescription()),
          "a template may only include or import templates inside " + SiteTemplateLoader.FOLDER + "/ and the built-in ones",
          TemplateFailure.Kind.TEMPLATE);
    }
    if (outer != null) {
      return new TemplateFailure(at, words(outer.getMessageWithoutStackTop()), null, TemplateFailure.Kind.TEMPLATE);
    }
    if (e instanceof StackOverflowError) {
      return budget(run == null ? null : run.deepest(), run, "the template recursed until the renderer's stack overflowed",
          "give every macro, function or include that calls itself a case that stops it");
    }
    if (e instanceof OutOfMemoryError) {
      return budget(null, run, "the template ran out of memory (a string or a sequence that keeps growing?)",
          "build values of a bounded size");
    }
    if (e instanceof IOException io) {
      return new TemplateFailure(at, "cannot read the template: " + words(io.getMessage()), null, TemplateFailure.Kind.TEMPLATE);
    }
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (e instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(e);
  }

  private TemplateFailure budget(SourceLocation where, Run run, String message, String hint) {
    SourceLocation at = where != null ? where : run == null ? location("?", 1, 1) : run.here();
    return new TemplateFailure(at, message, hint, TemplateFailure.Kind.BUDGET);
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  /** Freemarker's message as one line: without its tips, its own locations and its layout. */
  static String words(String message) {
    if (message == null || message.isBlank()) {
      return "the template failed";
    }
    String text = message;
    int tips = text.indexOf("\n----");
    if (tips >= 0) {
      text = text.substring(0, tips);
    }
    text = text.replaceAll("(?s)\\.?\\s*Help \\(latest version\\):.*", "") // the list of every built-in
        .replaceAll("\\s*\\[in (?:template \"[^\"]*\"|nameless template)(?: at line \\d+, column \\d+)?]", "")
        .replaceAll("(?m)^\\s*==>\\s*", " ")
        .replaceAll("\\s+", " ")
        .strip();
    if (text.endsWith(":")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.isEmpty() ? "the template failed" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * One render: the tracer that keeps the budgets and knows where the render is, the writer that
   * keeps the output budget, and, when asked, the map of who wrote what.
   */
  private final class Run implements TemplateProcessingTracer {
    private final String name;
    private final boolean mapped;
    private final Deque<TracedElement> elements = new ArrayDeque<>();
    private final StringBuilder out = new StringBuilder();
    private volatile TracedElement current;
    /** The element at the greatest depth yet, where a stack overflow is reported. */
    private TracedElement deepest;
    private int greatestDepth;
    private volatile TemplateFailure failed;
    private Template lastTemplate;
    private long deadline;
    private int[] starts = new int[64];
    private TracedElement[] writers = new TracedElement[64];
    private int segments;

    Run(String name, boolean mapped) {
      this.name = name;
      this.mapped = mapped;
    }

    String execute(Map<String, Object> model) {
      deadline = System.nanoTime() + timeBudget.toNanos();
      try {
        Template template = freemarker.getTemplate(name);
        prepare(template);
        Environment env = template.createProcessingEnvironment(model, new BudgetWriter());
        env.setTemplateProcessingTracer(this);
        env.process();
        return out.toString();
      } catch (Throwable e) {
        throw translate(e, name, this);
      }
    }

    @Override
    public void enterElement(Environment env, TracedElement element) {
      if (failed != null) {
        throw failed; // sticky: an #attempt does not make a spent budget whole again
      }
      if (element.getTemplate() != lastTemplate) {
        prepare(element.getTemplate());
        lastTemplate = element.getTemplate();
      }
      elements.push(element);
      current = element;
      if (elements.size() > greatestDepth) {
        greatestDepth = elements.size();
        deepest = element;
      }
      if (elements.size() > MAX_DEPTH) {
        current = recursiveCall();
        fail("the template nests more than " + MAX_DEPTH + " directives, macro calls and includes deep: a macro, function"
            + " or include that calls itself without end?", "give every macro, function or include that calls itself a case that stops it");
      }
      if (System.nanoTime() > deadline) {
        throw timeout();
      }
    }

    @Override
    public void exitElement(Environment env, TracedElement element) {
      elements.poll();
      current = elements.peek();
    }

    /** The innermost call on the stack (a macro call, an include or import, a #return that calls a function): where a recursion recurses. */
    private TracedElement recursiveCall() {
      for (TracedElement element : elements) {
        String description = element.getDescription();
        if (description.startsWith("@") || description.startsWith("#include") || description.startsWith("#import")
            || description.startsWith("#return") || description.startsWith("${")) {
          return element;
        }
      }
      return elements.peek();
    }

    private void fail(String message, String hint) {
      failed = new TemplateFailure(here(), message, hint, TemplateFailure.Kind.BUDGET);
      throw failed;
    }

    TemplateFailure timeout() {
      TemplateFailure timeout = new TemplateFailure(here(),
          "the template did not finish within " + timeBudget.toSeconds() + " s: a loop or a recursion that does not end?",
          "make every #list run over a sequence of bounded size, and every macro or function that calls itself stop",
          TemplateFailure.Kind.BUDGET);
      failed = timeout;
      return timeout;
    }

    TemplateFailure failure(Throwable e) {
      return translate(e, name, this);
    }

    /** Where the render was deepest, or null. */
    SourceLocation deepest() {
      TracedElement at = deepest;
      return at == null ? null : location(at.getTemplate().getName(), at.getBeginLine(), at.getBeginColumn());
    }

    /** The element being rendered, or the template's start. */
    SourceLocation here() {
      TracedElement at = current;
      return at == null ? location(name, 1, 1) : location(at.getTemplate().getName(), at.getBeginLine(), at.getBeginColumn());
    }

    OutputMap map() {
      return mapped
          ? new OutputMap(out.toString(), Arrays.copyOf(starts, segments), Arrays.copyOf(writers, segments), TemplateSandbox.this)
          : null;
    }

    /** Appends to the output, minding the budget and, when mapped, who writes. */
    private final class BudgetWriter extends Writer {
      @Override
      public void write(char[] text, int offset, int length) {
        if (failed != null) {
          throw failed;
        }
        if (out.length() + (long) length > MAX_OUTPUT) {
          fail("the template writes more than " + MAX_OUTPUT + " characters of values, more than an ArgoCD Application can"
              + " hold (the API server stores objects of at most about 1.5 MiB): a loop that does not end?",
              "write values of a bounded size, and leave the rest to the chart's defaults");
        }
        if (mapped && length > 0) {
          if (segments == starts.length) {
            starts = Arrays.copyOf(starts, segments * 2);
            writers = Arrays.copyOf(writers, segments * 2);
          }
          starts[segments] = out.length();
          writers[segments] = current;
          segments++;
        }
        out.append(text, offset, length);
      }

      @Override
      public void write(String text, int offset, int length) {
        write(text.toCharArray(), offset, length);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    }
  }

  /**
   * Which element wrote each part of a render's output, so that a place in the output (a YAML
   * error, a key the lint finds) is located where the template writes it.
   */
  static final class OutputMap {
    private final String text;
    private final int[] starts;
    private final TemplateProcessingTracer.TracedElement[] writers;
    private final TemplateSandbox sandbox;
    private final int[] lines;

    OutputMap(String text, int[] starts, TemplateProcessingTracer.TracedElement[] writers, TemplateSandbox sandbox) {
      this.text = text;
      this.starts = starts;
      this.writers = writers;
      this.sandbox = sandbox;
      List<Integer> lineStarts = new ArrayList<>();
      lineStarts.add(0);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          lineStarts.add(i + 1);
        }
      }
      this.lines = lineStarts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Where the template writes line {@code line}, column {@code column} (from 1) of the output, if known. */
    Optional<SourceLocation> locate(int line, int column) {
      if (starts.length == 0 || line < 1) {
        return Optional.empty();
      }
      int offset = Math.min(text.length(), lines[Math.min(line, lines.length) - 1] + Math.max(0, column - 1));
      int segment = Arrays.binarySearch(starts, offset);
      if (segment < 0) {
        segment = -segment - 2;
      }
      segment = Math.max(0, segment);
      TemplateProcessingTracer.TracedElement writer = writers[segment];
      if (writer == null) {
        return Optional.empty();
      }
      String name = writer.getTemplate().getName();
      if (!writer.getClass().getSimpleName().equals("TextBlock")) {
        return Optional.of(sandbox.location(name, writer.getBeginLine(), writer.getBeginColumn()));
      }
      // static text is written as it stands in the template: count lines within it
      int start = starts[segment];
      int newlines = 0;
      int lastNewline = -1;
      for (int i = start; i < offset; i++) {
        if (text.charAt(i) == '\n') {
          newlines++;
          lastNewline = i;
        }
      }
      return newlines == 0
          ? Optional.of(sandbox.location(name, writer.getBeginLine(), writer.getBeginColumn() + offset - start))
          : Optional.of(sandbox.location(name, writer.getBeginLine() + newlines, offset - lastNewline));
    }
  }
}
