package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import dev.maia.core.output.Finding;
import dev.maia.core.output.SecurityLint;
import dev.maia.core.output.TreeWriter;
import dev.maia.core.output.UnsafeOutputException;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutation fuzzing of the whole compiler. Each try takes the valid platform of {@code
 * valid/one-file}, applies one to three random mutations (drop, duplicate, retype or rename a key,
 * swap two values, put an extreme number or an odd string somewhere, or break the YAML text
 * itself) and runs {@code generate} into a folder that holds an earlier tree. Whatever the input:
 *
 * <ul>
 *   <li>the compiler ends within a bounded time, and throws nothing but {@link
 *       InvalidPlatformException} (every problem located in the platform file) or {@link
 *       UnsafeOutputException};
 *   <li>a rejected run leaves the earlier tree exactly as it was;
 *   <li>an accepted run writes a tree that the security lint finds clean when read back from disk,
 *       with LF line ends and a final newline; a sample of accepted trees (chosen by a hash of the
 *       input, so a shrunk input is judged the same way) also passes the conformance kit ({@code
 *       ../shared/conformance/validate-manifests}) when python3 can import yaml and jsonschema.
 * </ul>
 *
 * <p>A failing try is reported with its seed and shrunk list of mutations; every bug it finds gets
 * a regression test of its own.
 */
class PlatformFuzzTest {

  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  /** Generous for one small platform; a try that takes this long is a hang. */
  private static final Duration TRY_LIMIT = Duration.ofSeconds(30);

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private static final String PREVIOUS = "kind: Previous\n";

  private static ObjectNode base;
  private static Path work;
  private static Conformance conformance;

  @BeforeContainer
  static void readTheValidPlatform() throws IOException, URISyntaxException {
    Path valid = Path.of(PlatformFuzzTest.class.getResource("/valid/one-file/platform.yaml").toURI());
    base = (ObjectNode) YAML.readTree(valid.toFile());
    work = Files.createTempDirectory("maia-fuzz");
    conformance = Conformance.find();
  }

  @AfterContainer
  static void removeTheWorkFolder() throws IOException {
    deleteRecursively(work);
  }

  @Property(tries = 500)
  void theCompilerRejectsWithLocatedProblemsOrWritesACleanTree(@ForAll("mutants") List<Mutation> mutations)
      throws IOException {
    // given
    String text = Mutation.applyAll(base, mutations);
    Path dir = Files.createTempDirectory(work, "try");
    try {
      Path platform = dir.resolve("platform.yaml");
      Files.write(platform, text.getBytes(StandardCharsets.UTF_8));
      Path out = Files.createDirectories(dir.resolve("out"));
      Files.writeString(out.resolve("previous.txt"), PREVIOUS);
      MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());

      // when
      Outcome outcome =
          assertTimeoutPreemptively(
              TRY_LIMIT,
              () -> {
                try {
                  compiler.generate(new GenerateRequest(platform, out, NOW));
                  return Outcome.WRITTEN;
                } catch (InvalidPlatformException e) {
                  assertLocated(e, text);
                  return Outcome.INVALID;
                } catch (UnsafeOutputException e) {
                  assertThat(e.findings()).isNotEmpty();
                  return Outcome.UNSAFE;
                }
              },
              () -> "generate did not finish within " + TRY_LIMIT + " on:\n" + text);
      Statistics.collect(outcome);

      // then
      if (outcome == Outcome.WRITTEN) {
        assertCleanTree(out, text);
        assertTheModelHoldsTheNumbersAsWritten(compiler.validate(platform, NOW));
      } else {
        assertThat(publishedFiles(out)).as("the earlier tree after a rejected run").containsOnlyKeys("previous.txt");
        assertThat(out.resolve("previous.txt")).hasContent(PREVIOUS.strip());
        assertThat(out.resolve(".maia/staging")).doesNotExist();
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  /** Every problem is located in the one platform file, at a line it has. */
  private static void assertLocated(InvalidPlatformException e, String text) {
    long lines = text.lines().count();
    assertThat(e.problems()).isNotEmpty();
    for (Problem problem : e.problems()) {
      assertThat(problem.location().file()).as("file of %s", problem).isEqualTo("platform.yaml");
      assertThat(problem.location().line()).as("line of %s", problem).isBetween(1, (int) lines + 1);
      assertThat(problem.location().column()).as("column of %s", problem).isPositive();
      assertThat(problem.message()).as("message of %s", problem).isNotBlank();
    }
  }

  private static void assertCleanTree(Path out, String input) throws IOException {
    Map<String, String> files = publishedFiles(out);
    assertThat(files).containsKey(TreeWriter.INDEX).containsEntry("previous.txt", PREVIOUS);
    Map<String, List<JsonNode>> documents = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      assertThat(file.getValue()).as(file.getKey()).doesNotContain("\r").endsWith("\n");
      if (file.getKey().endsWith(".yaml")) {
        documents.put(file.getKey(), readAll(file.getValue()));
      }
    }
    List<Finding> findings = SecurityLint.lint(documents);
    assertThat(findings).as("lint of the tree written for:\n%s", input).isEmpty();
    if (Math.floorMod(input.hashCode(), 4) == 0) {
      conformance.check(out, input);
    }
  }

  /** A number the compiler accepted is the number it works with: nothing wraps around or is cut. */
  private static void assertTheModelHoldsTheNumbersAsWritten(ValidPlatform valid) {
    JsonNode spec = valid.loaded().document().path("spec");
    Platform model = valid.platform();
    for (int i = 0; i < model.clusters().size(); i++) {
      for (int j = 0; j < model.clusters().get(i).gpus().size(); j++) {
        JsonNode pool = spec.path("clusters").path(i).path("gpus").path(j);
        Cluster.GpuPool read = model.clusters().get(i).gpus().get(j);
        assertSame(pool.path("count"), read.count());
        assertSame(pool.path("replicas"), read.replicas());
      }
    }
    for (int i = 0; i < model.projects().size(); i++) {
      JsonNode gpu = spec.path("projects").path(i).path("gpu");
      model.projects().get(i).gpu().ifPresent(read -> {
        assertSame(gpu.path("quota"), read.quota());
        assertSame(gpu.path("maxPerWorkspace"), read.maxPerWorkspace());
      });
    }
    for (int k = 0; k < model.bookings().size(); k++) {
      assertSame(spec.path("bookings").path(k).path("gpus"), model.bookings().get(k).gpus());
    }
    assertSame(spec.path("gpuPolicy").path("maxFutureBookings"), model.gpuPolicy().maxFutureBookings());
  }

  private static void assertSame(JsonNode written, int read) {
    if (written.isNumber()) {
      assertThat(written.decimalValue().compareTo(BigDecimal.valueOf(read)))
          .as("the model reads %s as %s", written, read)
          .isZero();
    }
  }

  private static List<JsonNode> readAll(String yaml) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
    }
    return documents;
  }

  /** The files of the output folder outside the writer's control folder, by relative path. */
  private static Map<String, String> publishedFiles(Path out) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String relative = out.relativize(p).toString().replace('\\', '/');
        if (!relative.startsWith(".maia/")) {
          files.put(relative, Files.readString(p));
        }
      }
    }
    return files;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  enum Outcome {
    WRITTEN,
    INVALID,
    UNSAFE
  }

  @Provide
  Arbitrary<List<Mutation>> mutants() {
    Arbitrary<Mutation> one =
        Combinators.combine(
                Arbitraries.of(Kind.values()),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000))
            .as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(3);
  }

  /** What a mutation does; the two numbers pick where and with what. */
  enum Kind {
    DROP,
    DUPLICATE_ITEM,
    RETYPE,
    RENAME,
    SWAP,
    EXTREME_NUMBER,
    ODD_STRING,
    ODD_TEXT_IN_A_FREE_FIELD,
    VALID_EXTREME_NUMBER,
    EXTREME_DIGITS_IN_TEXT,
    DUPLICATE_LINE,
    RAW_TOKEN
  }

  /**
   * One change to the platform: {@code where} picks a node (or a line) among all of them, {@code
   * what} picks the new value or the other node.
   */
  record Mutation(Kind kind, int where, int what) {

    static final List<JsonNode> OTHER_TYPES =
        List.of(
            NODES.textNode("text"),
            NODES.numberNode(42),
            NODES.numberNode(-1),
            NODES.booleanNode(true),
            NODES.nullNode(),
            NODES.arrayNode(),
            NODES.objectNode(),
            NODES.arrayNode().add("a"),
            NODES.objectNode().put("a", 1),
            NODES.numberNode(new BigDecimal("3.14")));

    static final List<JsonNode> EXTREME_NUMBERS =
        List.of(
            NODES.numberNode(0),
            NODES.numberNode(-1),
            NODES.numberNode(Integer.MAX_VALUE),
            NODES.numberNode(2_147_483_648L),
            NODES.numberNode(4_294_967_297L),
            NODES.numberNode(-2_147_483_649L),
            NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(BigInteger.TEN.pow(30)),
            NODES.numberNode(new BigDecimal("1e308")),
            NODES.numberNode(new BigDecimal("-1e308")),
            NODES.numberNode(new BigDecimal("1e-300")),
            NODES.numberNode(new BigDecimal("0.5")),
            NODES.numberNode(new BigDecimal("1e400")));

    /** Digits put in place of the first number inside a text (a duration, a quantity, a date). */
    static final List<String> EXTREME_DIGITS =
        List.of("0", "00", "9999", "99999999999999999999", "1".repeat(40), "106751991167300", "2147483648");

    static final List<String> ODD_STRINGS =
        List.of(
            "",
            " ",
            "\t",
            "a\nb",
            "nul\u0000byte",
            "bell\u0007",
            "\u202Eevil",
            "kth-m\u0430in",
            "\uFF21\uFF22",
            "../../etc/passwd",
            "/abs/path",
            "C:\\windows",
            "x".repeat(64),
            "y".repeat(300),
            "z".repeat(20_000),
            "{{ .Values.secret }}",
            "${jndi:ldap://example.invalid/a}",
            "<#assign x = 1>${x}",
            "${\"x\"?eval}",
            "'; DROP TABLE projects; --",
            "yes",
            "~",
            "null",
            "0x1F",
            "1e3",
            "- a",
            ": b",
            "# c",
            "*alias",
            "&anchor x",
            "!!binary aGk=",
            "---",
            "\uFEFFbom",
            "\uD83D\uDE00",
            "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
            "-----BEGIN PRIVATE KEY-----",
            "AKIAABCDEFGHIJKLMNOP",
            "system:masters",
            "*",
            "!kube-system",
            "https://evil.example.org/../x",
            "Brain-Mets",
            "brain-mets");

    /** Raw YAML put in place of a value in the text. */
    static final List<String> RAW_TOKENS =
        List.of(
            ".inf",
            "-.inf",
            ".nan",
            "0x7FFFFFFFFFFFFFFFFF",
            "0o777",
            "1_000",
            "~",
            "!!binary aGk=",
            "*nothing",
            "&a 1",
            "!!str",
            "[",
            "{a: }",
            "'unterminated",
            "\"\\u00\"",
            "1e999999",
            "1e999999999",
            "-1e-99999999",
            "1.8446744073709551624e19",
            "9".repeat(100),
            "2026-13-45T99:99:99Z",
            "!!python/object/apply:os.system [x]",
            "<<: {a: 1}",
            "? complex",
            "|\n  block",
            "!!set {a, b}",
            "!!timestamp 2026-01-01",
            "\t1");

    /** Fields whose text is free (within limits), so that odd text there is often accepted. */
    static final List<String> FREE_FIELDS = List.of("description", "groupPrefix", "adminGroup", "group", "account", "partition");

    static String applyAll(ObjectNode base, List<Mutation> mutations) {
      ObjectNode tree = base.deepCopy();
      List<Mutation> textual = new ArrayList<>();
      for (Mutation mutation : mutations) {
        if (mutation.kind() == Kind.DUPLICATE_LINE || mutation.kind() == Kind.RAW_TOKEN) {
          textual.add(mutation);
        } else {
          mutation.apply(tree);
        }
      }
      String text;
      try {
        text = YAML.writeValueAsString(tree);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (Mutation mutation : textual) {
        text = mutation.apply(text);
      }
      return text;
    }

    /** A place in the tree: a key of a mapping or an index of a list. */
    record Slot(JsonNode parent, String key, int index) {
      JsonNode get() {
        return key != null ? parent.get(key) : parent.get(index);
      }

      void set(JsonNode value) {
        if (key != null) {
          ((ObjectNode) parent).set(key, value);
        } else {
          ((ArrayNode) parent).set(index, value);
        }
      }

      void remove() {
        if (key != null) {
          ((ObjectNode) parent).remove(key);
        } else {
          ((ArrayNode) parent).remove(index);
        }
      }
    }

    private static List<Slot> slots(JsonNode node) {
      List<Slot> slots = new ArrayList<>();
      collect(node, slots);
      return slots;
    }

    private static void collect(JsonNode node, List<Slot> slots) {
      if (node.isObject()) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
          slots.add(new Slot(node, key, -1));
          collect(node.get(key), slots);
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          slots.add(new Slot(node, null, i));
          collect(node.get(i), slots);
        }
      }
    }

    void apply(ObjectNode tree) {
      List<Slot> slots = slots(tree);
      if (slots.isEmpty()) {
        return;
      }
      Slot slot = slots.get(where % slots.size());
      switch (kind) {
        case DROP -> slot.remove();
        case DUPLICATE_ITEM -> {
          JsonNode value = slot.get().deepCopy();
          if (slot.parent().isArray()) {
            ((ArrayNode) slot.parent()).insert(slot.index(), value);
          } else {
            JsonNode list = tree.path("spec").path(what % 2 == 0 ? "projects" : "clusters");
            if (list.isArray() && !list.isEmpty()) {
              ((ArrayNode) list).add(list.get(what % list.size()).deepCopy());
            }
          }
        }
        case RETYPE -> slot.set(OTHER_TYPES.get(what % OTHER_TYPES.size()).deepCopy());
        case RENAME -> {
          if (slot.key() != null) {
            ObjectNode parent = (ObjectNode) slot.parent();
            JsonNode value = parent.remove(slot.key());
            parent.set(typo(slot.key(), what), value);
          }
        }
        case SWAP -> {
          Slot other = slots.get(what % slots.size());
          JsonNode a = slot.get();
          JsonNode b = other.get();
          if (!a.equals(b) && !contains(a, b) && !contains(b, a)) {
            slot.set(b.deepCopy());
            other.set(a.deepCopy());
          }
        }
        case EXTREME_NUMBER -> {
          List<Slot> numbers = slots.stream().filter(s -> s.get().isNumber()).toList();
          Slot target = numbers.isEmpty() || where % 4 == 0 ? slot : numbers.get(where % numbers.size());
          target.set(EXTREME_NUMBERS.get(what % EXTREME_NUMBERS.size()).deepCopy());
        }
        case ODD_STRING -> slot.set(NODES.textNode(ODD_STRINGS.get(what % ODD_STRINGS.size())));
        case ODD_TEXT_IN_A_FREE_FIELD -> {
          List<Slot> free = slots.stream().filter(s -> s.key() != null && FREE_FIELDS.contains(s.key())).toList();
          String odd = ODD_STRINGS.get(what % ODD_STRINGS.size());
          if (free.isEmpty() || where % 3 == 0) {
            JsonNode projects = tree.path("spec").path("projects");
            if (projects.isArray() && !projects.isEmpty() && projects.get(where % projects.size()).isObject()) {
              ((ObjectNode) projects.get(where % projects.size())).put(where % 2 == 0 ? "description" : "group", odd);
            }
          } else {
            free.get(where % free.size()).set(NODES.textNode(odd));
          }
        }
        case VALID_EXTREME_NUMBER -> validExtreme(slots);
        case EXTREME_DIGITS_IN_TEXT -> {
          List<Slot> texts = slots.stream().filter(s -> s.get().isTextual() && s.get().asText().matches(".*[0-9].*")).toList();
          if (!texts.isEmpty()) {
            Slot text = texts.get(where % texts.size());
            String digits = EXTREME_DIGITS.get(what % EXTREME_DIGITS.size());
            text.set(NODES.textNode(text.get().asText().replaceFirst("[0-9]+", digits)));
          }
        }
        default -> throw new IllegalStateException(kind + " is a change of the text");
      }
    }

    /** Numbers at the edges of what the schema allows, where the schema allows them. */
    private void validExtreme(List<Slot> slots) {
      List<Slot> numbers = slots.stream().filter(s -> s.get().isNumber()).toList();
      if (numbers.isEmpty()) {
        return;
      }
      Slot slot = numbers.get(where % numbers.size());
      String key = slot.key() == null ? "" : slot.key();
      JsonNode value =
          switch (key) {
            case "count" -> NODES.numberNode(what % 2 == 0 ? 1 : 100_000);
            case "replicas" -> NODES.numberNode(what % 2 == 0 ? 1 : 1_000);
            case "quota" -> NODES.numberNode(0);
            case "maxFutureBookings" -> NODES.numberNode(what % 2 == 0 ? 0 : 10_000);
            case "request", "limit" -> NODES.numberNode(what % 2 == 0 ? new BigDecimal("0.001") : new BigDecimal("100000"));
            case "port" -> NODES.numberNode(what % 2 == 0 ? 1 : 65_535);
            default -> slot.parent().isArray() ? NODES.numberNode(what % 2 == 0 ? 30_000 : 32_767) : slot.get();
          };
      slot.set(value);
    }

    String apply(String text) {
      List<String> lines = new ArrayList<>(text.lines().toList());
      if (lines.isEmpty()) {
        return text;
      }
      int at = where % lines.size();
      if (kind == Kind.DUPLICATE_LINE) {
        lines.add(at, lines.get(at));
      } else {
        String line = lines.get(at);
        int colon = line.indexOf(": ");
        String token = RAW_TOKENS.get(what % RAW_TOKENS.size());
        if (colon >= 0) {
          lines.set(at, line.substring(0, colon + 2) + token);
        } else {
          int dash = line.indexOf("- ");
          lines.set(at, dash >= 0 ? line.substring(0, dash + 2) + token : line + " " + token);
        }
      }
      return String.join("\n", lines) + "\n";
    }

    private static String typo(String key, int what) {
      return switch (what % 6) {
        case 0 -> key.length() > 1 ? key.substring(0, key.length() - 1) : key + "x";
        case 1 -> key + "s";
        case 2 -> Character.toUpperCase(key.charAt(0)) + key.substring(1);
        case 3 -> key.length() > 1 ? "" + key.charAt(1) + key.charAt(0) + key.substring(2) : "_" + key;
        case 4 -> "x-" + key;
        default -> key.isEmpty() ? "empty" : "";
      };
    }

    private static boolean contains(JsonNode outer, JsonNode inner) {
      if (outer == inner) {
        return true;
      }
      Iterator<JsonNode> children = outer.elements();
      while (children.hasNext()) {
        if (contains(children.next(), inner)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The conformance kit next to the repository, run as a process when python3 can run it. */
  private record Conformance(Path script, Path schemas, String skipReason) {

    static Conformance find() {
      Path script = TestPaths.repoRoot().resolve("../shared/conformance/validate-manifests").normalize();
      if (!Files.isRegularFile(script)) {
        return skipped(script, "the conformance kit is not next to the repository (../shared/conformance/validate-manifests)");
      }
      try {
        Process probe = new ProcessBuilder("python3", "-c", "import yaml, jsonschema").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
          return skipped(script, "python3 cannot import yaml and jsonschema");
        }
      } catch (IOException e) {
        return skipped(script, "python3 is not on the PATH");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return skipped(script, "interrupted while looking for python3");
      }
      // the kit's schemas plus conformance-extra/ (Kubeflow Profiles), as .ci/run uses them
      Path schemas = TestPaths.repoRoot().resolve("maia-core/target/fuzz-conformance-schemas");
      TestPaths.deleteTree(schemas);
      return new Conformance(script, ConformanceTest.mergedSchemas(script.getParent(), schemas), null);
    }

    private static Conformance skipped(Path script, String reason) {
      System.err.println("SKIPPED in PlatformFuzzTest: the conformance check of accepted outputs, because " + reason);
      return new Conformance(script, null, reason);
    }

    void check(Path out, String input) throws IOException {
      if (skipReason != null) {
        return;
      }
      Process process =
          new ProcessBuilder("python3", script.toString(), out.toString(), "--schemas", schemas.toString())
              .redirectErrorStream(true)
              .start();
      String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      try {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("validate-manifests finished").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      assertThat(process.exitValue()).as("conformance of the tree written for:\n%s\n%s", input, report).isZero();
    }
  }
}
