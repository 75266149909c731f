package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.model.Defaults;
import dev.maia.core.model.PlatformReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaValidatorTest {

  private static final Path REPO_ROOT = Path.of(System.getProperty("maia.repoRoot", "..")).toAbsolutePath().normalize();

  /** A small valid platform; tests change one line of it. Line numbers matter: see the tests. */
  private static final String VALID =
      """
      apiVersion: maia/v1alpha1
      kind: Platform
      metadata:
        name: test
      spec:
        gitops:
          repoURL: https://git.example.org/maia/gitops.git
        argocd:
          cluster: main
        identity:
          issuer: https://iam.example.org/realms/maia
        secrets:
          store: {name: vault}
        clusters:
          - name: main
            server: https://kubernetes.default.svc
            domain: maia.example.org
            gpus:
              - product: NVIDIA-A100-SXM4-80GB
                count: 4
        gpuPolicy:
          minDuration: P1D
          scheduling: native
        projects:
          - name: brain
            cluster: main
            users: [a@example.org, b@example.org]
            resources: {cpu: {request: 2, limit: 4}, memory: {request: 8Gi, limit: 16Gi}, storage: 100Gi}
            tools: {workspace: {ssh: true}, mlflow: {}}
        bookings:
          - id: b-1
            user: a@example.org
            project: brain
            product: NVIDIA-A100-SXM4-80GB
            gpus: 1
            start: 2026-12-01T00:00:00Z
            end: 2026-12-08T00:00:00Z
      """;

  @TempDir Path dir;

  private final SchemaValidator validator = new SchemaValidator();

  // ---- the example and the base document ------------------------------------------------------

  @Test
  void examplePlatformConforms() {
    // given
    LoadedPlatform example = new PlatformLoader().load(REPO_ROOT.resolve("example-platform-repo/platform.yaml"));

    // when
    List<Problem> problems = validator.validate(example.document(), example.sources());

    // then
    assertThat(example.files()).hasSizeGreaterThan(1);
    assertThat(problems).isEmpty();
  }

  @Test
  void basePlatformOfTheseTestsConforms() throws IOException {
    // given
    String platform = VALID;

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void exampleFilesNameTheSchemaOnTheirFirstLine() throws IOException {
    // given
    Path repo = REPO_ROOT.resolve("example-platform-repo");
    List<Path> included;
    try (Stream<Path> files = Stream.concat(Files.list(repo.resolve("projects")), Files.list(repo.resolve("bookings")))) {
      included = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }

    // when
    String platformLine = firstLine(repo.resolve("platform.yaml"));

    // then
    assertThat(platformLine).isEqualTo("# yaml-language-server: $schema=../schemas/platform.schema.json");
    assertThat(repo.resolve("../schemas/platform.schema.json")).isRegularFile();
    assertThat(included).isNotEmpty();
    for (Path file : included) {
      assertThat(firstLine(file)).as(file.toString()).isEqualTo("# yaml-language-server: $schema=../../schemas/platform.schema.json#/$defs/include");
    }
    assertThat(SchemaValidator.schemaDocument().at("/$defs/include").isObject()).isTrue();
  }

  @Test
  void exampleIncludeFilesConformToTheIncludeSchema() throws IOException {
    // given
    Schema include = includeSchema();
    Path repo = REPO_ROOT.resolve("example-platform-repo");
    List<Path> files;
    try (Stream<Path> found = Stream.concat(Files.list(repo.resolve("projects")), Files.list(repo.resolve("bookings")))) {
      files = found.sorted().toList();
    }

    // when
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (Path file : files) {
      JsonNode content = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
      errors.put(file.getFileName().toString(), include.validate(content).stream().map(Object::toString).toList());
    }

    // then
    assertThat(errors).isNotEmpty().allSatisfy((file, list) -> assertThat(list).as(file).isEmpty());
  }

  @Test
  void includeSchemaRejectsAFieldThatIsNotMergeable() throws IOException {
    // given
    Schema include = includeSchema();
    JsonNode content = new YAMLMapper().readTree("projects: []\nprojekts: []\n");

    // when
    var errors = include.validate(content);

    // then
    assertThat(errors).singleElement().satisfies(e -> assertThat(e.getProperty()).isEqualTo("projekts"));
  }

  // ---- one kind of mistake each ---------------------------------------------------------------

  @Test
  void unknownFieldIsReportedAtItsKeyWithDidYouMean() throws IOException {
    // given: line 26 is "      cluster: main" of the first project
    String platform = change(VALID, "      cluster: main\n      users", "      clustr: main\n      users");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .contains(
            new Problem(
                new SourceLocation("platform.yaml", 26, 7),
                "/spec/projects/0/clustr",
                "unknown field 'clustr'",
                "did you mean 'cluster'?"));
    assertThat(findByPointer(problems, "/spec/projects/0/clustr").format())
        .isEqualTo("platform.yaml:26:7 /spec/projects/0/clustr: unknown field 'clustr' (did you mean 'cluster'?)");
  }

  @Test
  void unknownFieldInAnIncludedFileIsLocatedInThatFile() throws IOException {
    // given
    String platform = VALID.replace("spec:\n", "spec:\n  include: [projects/*.yaml]\n");
    Files.createDirectories(dir.resolve("projects"));
    Files.writeString(
        dir.resolve("projects/eye.yaml"),
        "projects:\n  - name: eye\n    cluster: main\n    tools: {workspce: {}}\n",
        StandardCharsets.UTF_8);

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(
                new SourceLocation("projects/eye.yaml", 4, 13),
                "/spec/projects/1/tools/workspce",
                "unknown field 'workspce'",
                "did you mean 'workspace'?"));
  }

  @Test
  void unknownFieldWithoutNearMissListsTheAllowedFields() throws IOException {
    // given
    String platform = change(VALID, "    minDuration: P1D\n", "    minDuration: P1D\n    colour: blue\n");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("unknown field 'colour'");
              assertThat(p.hint()).isEqualTo("allowed fields: minDuration, maxDuration, cooldown, maxFutureBookings, scheduling");
            });
  }

  @Test
  void wrongTypeSaysWhatWasExpectedAndWhatWasFound() throws IOException {
    // given: line 20 is "          count: 4"
    String platform = change(VALID, "count: 4", "count: \"4\"");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(
                new SourceLocation("platform.yaml", 20, 11),
                "/spec/clusters/0/gpus/0/count",
                "expected an integer, got a string",
                "remove the quotes around 4"));
  }

  @Test
  void numberWhereTextIsExpectedSuggestsQuotes() throws IOException {
    // given
    String platform = change(VALID, "  secrets:", "  catalog:\n    workspace: {version: 4.2}\n  secrets:");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/spec/catalog/workspace/version");
              assertThat(p.message()).isEqualTo("expected a string, got a number");
              assertThat(p.hint()).isEqualTo("put the value in quotes: \"4.2\"");
            });
  }

  @Test
  void emptyToolValueAsksForAnEmptyMapping() throws IOException {
    // given
    String platform = change(VALID, "mlflow: {}", "mlflow: null");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("expected a mapping, got an empty value");
              assertThat(p.hint()).isEqualTo("write {} for an empty mapping");
            });
  }

  @Test
  void missingRequiredFieldPointsAtTheObjectThatLacksIt() throws IOException {
    // given: line 15 is "    - name: main"
    String platform = change(VALID, "      domain: maia.example.org\n", "");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(new SourceLocation("platform.yaml", 15, 7), "/spec/clusters/0", "missing required field 'domain'", null));
  }

  @Test
  void storeIsRequiredUnlessSecretsAreSealed() throws IOException {
    // given
    String external = change(VALID, "    store: {name: vault}\n", "    provider: external-secrets\n");
    String sealed = change(VALID, "    store: {name: vault}\n", "    provider: sealed-secrets\n");

    // when
    List<Problem> externalProblems = validate(external);
    List<Problem> sealedProblems = validate(sealed);

    // then
    assertThat(externalProblems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/spec/secrets");
              assertThat(p.message()).isEqualTo("missing required field 'store'");
              assertThat(p.hint()).isEqualTo("a store is needed unless provider is sealed-secrets");
            });
    assertThat(sealedProblems).isEmpty();
  }

  @Test
  void enumNamesTheAllowedValuesAndTheNearestOne() throws IOException {
    // given: line 23 is "    scheduling: native"
    String platform = change(VALID, "scheduling: native", "scheduling: nativ");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(
                new SourceLocation("platform.yaml", 23, 5),
                "/spec/gpuPolicy/scheduling",
                "must be one of native, kueue, not 'nativ'",
                "did you mean 'native'?"));
  }

  @Test
  void constNamesTheOnlyValue() throws IOException {
    // given
    String platform = change(VALID, "apiVersion: maia/v1alpha1", "apiVersion: maia/v1");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(new SourceLocation("platform.yaml", 1, 1), "/apiVersion", "must be 'maia/v1alpha1', not 'maia/v1'", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1d", "P", "PT", "P1W", "P1M", "P1Y", "-P1D", "p1d", "P1DT", "1 day", "P1000000D", "P99999999999999999999D", "PT999999999H"})
  void badDurationIsRejectedWithAnExample(String duration) throws IOException {
    // given
    String platform = change(VALID, "minDuration: P1D", "minDuration: \"" + duration + "\"");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(
                new SourceLocation("platform.yaml", 22, 5),
                "/spec/gpuPolicy/minDuration",
                "expected an ISO-8601 duration, got '" + duration + "'",
                "in days, hours, minutes or seconds, such as P1D, PT12H or P1DT12H; at most 6 digits of days"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"P1D", "P14D", "PT12H", "P1DT12H", "PT30M", "PT0.5S", "P0D", "P999999DT99999999H9999999999M999999999999.999999999S"})
  void everyDurationTheSchemaAcceptsIsReadByTheModel(String duration) throws IOException {
    // given
    String platform = change(VALID, "minDuration: P1D", "minDuration: " + duration);

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems).isEmpty();
    assertThatCode(() -> PlatformReader.parseDuration(duration)).doesNotThrowAnyException();
  }

  @Test
  void aDescriptionLongerThanAnAppProjectHoldsIsRefused() throws IOException {
    // given: ArgoCD's AppProject CRD limits spec.description to 255 characters (found by fuzzing)
    String fits = change(VALID, "name: brain\n", "name: brain\n      description: " + "y".repeat(255) + "\n");
    String tooLong = change(VALID, "name: brain\n", "name: brain\n      description: " + "y".repeat(256) + "\n");

    // when
    List<Problem> accepted = validate(fits);
    List<Problem> refused = validate(tooLong);

    // then
    assertThat(accepted).isEmpty();
    assertThat(refused)
        .extracting(Problem::pointer, Problem::message)
        .containsExactly(tuple("/spec/projects/0/description", "must be at most 255 characters long, got 256"));
  }

  static Stream<Arguments> numbersPastTheirBound() {
    return Stream.of(
        Arguments.of("count: 4", "count: 4294967300", "/spec/clusters/0/gpus/0/count", 100_000),
        Arguments.of("count: 4", "count: 99999999999999999999", "/spec/clusters/0/gpus/0/count", 100_000),
        Arguments.of("count: 4", "count: 4\n          replicas: 2147483647", "/spec/clusters/0/gpus/0/replicas", 1_000),
        Arguments.of("gpus: 1", "gpus: 2147483648", "/spec/bookings/0/gpus", 100_000_000),
        Arguments.of(
            "scheduling: native", "maxFutureBookings: 4294967297", "/spec/gpuPolicy/maxFutureBookings", 10_000),
        Arguments.of(
            "ssh: true", "activeServerLimit: 4294967297", "/spec/projects/0/tools/workspace/activeServerLimit", 100_000),
        Arguments.of(
            "storage: 100Gi}", "storage: 100Gi}\n      gpu: {product: X, quota: 4294967297}", "/spec/projects/0/gpu/quota", 100_000_000),
        Arguments.of(
            "storage: 100Gi}",
            "storage: 100Gi}\n      gpu: {product: X, maxPerWorkspace: 1e10}",
            "/spec/projects/0/gpu/maxPerWorkspace",
            100_000_000));
  }

  @ParameterizedTest
  @MethodSource("numbersPastTheirBound")
  void aNumberPastItsBoundIsRefusedNeverWrappedAround(String from, String to, String pointer, int bound) throws IOException {
    // given: each of these would wrap around to a small or negative int if it were read as one
    String platform = change(VALID, from, to);

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.pointer()).isEqualTo(pointer);
          assertThat(p.message()).startsWith("must be at most " + bound + ", got ");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"32GB", "8 Gi", "-8Gi", "8gi", "Gi", "1e3"})
  void badMemoryQuantityIsRejected(String quantity) throws IOException {
    // given
    String platform = change(VALID, "memory: {request: 8Gi", "memory: {request: \"" + quantity + "\"");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/spec/projects/0/resources/memory/request");
              assertThat(p.message()).isEqualTo("expected a Kubernetes quantity, got '" + quantity + "'");
              assertThat(p.hint()).isEqualTo("such as 32Gi, 500Mi or 1T");
            });
  }

  @Test
  void cpuTakesNumbersAndQuantitiesButNotNegativeNumbersOrWords() throws IOException {
    // given
    String good = change(VALID, "cpu: {request: 2, limit: 4}", "cpu: {request: 0.5, limit: 1500m}");
    String bad = change(VALID, "cpu: {request: 2, limit: 4}", "cpu: {request: -1, limit: two}");

    // when
    List<Problem> goodProblems = validate(good);
    List<Problem> badProblems = validate(bad);

    // then
    assertThat(goodProblems).isEmpty();
    assertThat(badProblems)
        .extracting(Problem::pointer, Problem::message)
        .containsExactly(
            tuple("/spec/projects/0/resources/cpu/request", "must be at least 0, got -1"),
            tuple("/spec/projects/0/resources/cpu/limit", "expected a CPU quantity, got 'two'"));
  }

  @Test
  void clusterAndClustersBothSetIsOneProblemAtTheSecond() throws IOException {
    // given: line 27 becomes "      clusters: [main]"
    String platform = change(VALID, "      cluster: main\n      users", "      cluster: main\n      clusters: [main]\n      users");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(
                new SourceLocation("platform.yaml", 27, 7),
                "/spec/projects/0/clusters",
                "'cluster' and 'clusters' are both set",
                "set only one of them"));
  }

  @Test
  void neitherClusterNorClustersIsOneProblemAtTheProject() throws IOException {
    // given: line 25 is "    - name: brain"
    String platform = change(VALID, "      cluster: main\n      users", "      users");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(
                new SourceLocation("platform.yaml", 25, 7),
                "/spec/projects/0",
                "missing 'cluster' or 'clusters'",
                "set exactly one of them"));
  }

  @Test
  void projectsFailingTheirChoiceOfClustersAreReportedEachAtItsOwnPlace() throws IOException {
    // given: the first project sets both, a second one (line 30) sets neither
    String platform =
        change(
            VALID,
            "      cluster: main\n      users",
            "      cluster: main\n      clusters: [main]\n      users")
            .replace("  bookings:\n", "    - name: eye\n  bookings:\n");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .extracting(Problem::pointer, Problem::message)
        .containsExactly(
            tuple("/spec/projects/0/clusters", "'cluster' and 'clusters' are both set"),
            tuple("/spec/projects/1", "missing 'cluster' or 'clusters'"));
    assertThat(problems.get(1).location()).isEqualTo(new SourceLocation("platform.yaml", 31, 7));
  }

  @Test
  void projectThatIsNotAMappingGetsOnlyItsTypeProblem() throws IOException {
    // given
    String platform = change(VALID, "  projects:\n", "  projects:\n    - just-a-name\n");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems).extracting(Problem::message).containsExactly("expected a mapping, got a string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-an-email", "a@b", "@example.org", "a b@example.org", "a@example..org"})
  void badEmailIsRejected(String email) throws IOException {
    // given: line 27 is "      users: [a@example.org, b@example.org]"
    String platform = change(VALID, "users: [a@example.org, b@example.org]", "users: [a@example.org, \"" + email + "\"]");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/spec/projects/0/users/1");
              assertThat(p.location().line()).isEqualTo(27);
              assertThat(p.message()).isEqualTo("expected an e-mail address, got '" + email + "'");
            });
  }

  @Test
  void repeatedUserIsReportedAtTheRepetition() throws IOException {
    // given
    String platform = change(VALID, "users: [a@example.org, b@example.org]", "users: [a@example.org, b@example.org, a@example.org]");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(
                new SourceLocation("platform.yaml", 27, 45),
                "/spec/projects/0/users/2",
                "'a@example.org' is listed more than once (first as item 1)",
                "remove the repetition"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-01", "2026-12-01T00:00:00", "2026-12-01 00:00:00Z", "2026-12-01T24:00:00Z", "tomorrow", "2026-12-01t00:00:00z"})
  void badDateTimeIsRejectedOnce(String when) throws IOException {
    // given: line 36 is "      start: 2026-12-01T00:00:00Z"
    String platform = change(VALID, "start: 2026-12-01T00:00:00Z", "start: \"" + when + "\"");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(
                new SourceLocation("platform.yaml", 36, 7),
                "/spec/bookings/0/start",
                "expected an RFC 3339 date-time with a zone, got '" + when + "'",
                "such as 2026-12-01T00:00:00Z"));
  }

  @Test
  void dateThatDoesNotExistIsRejected() throws IOException {
    // given
    String platform = change(VALID, "start: 2026-12-01T00:00:00Z", "start: 2026-02-30T00:00:00Z");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .containsExactly(
            new Problem(
                new SourceLocation("platform.yaml", 36, 7),
                "/spec/bookings/0/start",
                "'2026-02-30T00:00:00Z' is not a valid date-time",
                "check that the day exists in that month"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-01T00:00:00Z", "2026-12-01T08:30:00+01:00", "2026-12-01T00:00:00.250Z", "2028-02-29T23:59:59-05:00"})
  void everyDateTimeTheSchemaAcceptsIsReadByTheModel(String when) throws IOException {
    // given
    String platform = change(VALID, "start: 2026-12-01T00:00:00Z", "start: " + when);

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems).isEmpty();
    assertThatCode(() -> Instant.parse(when)).doesNotThrowAnyException();
  }

  @Test
  void portRangeNeedsExactlyTwoPorts() throws IOException {
    // given
    String platform = change(VALID, "      domain: maia.example.org\n", "      domain: maia.example.org\n      ports: {ssh: [30000, 30100, 30200], dicom: [31000, 70000]}\n");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .extracting(Problem::pointer, Problem::message, Problem::hint)
        .containsExactly(
            tuple(
                "/spec/clusters/0/ports/ssh", "must have exactly 2 items, got 3", "write [from, to], such as [30000, 30999]"),
            tuple("/spec/clusters/0/ports/dicom/1", "must be at most 65535, got 70000", null));
  }

  @Test
  void labelKeysAndValuesFollowKubernetesRules() throws IOException {
    // given
    String platform = change(VALID, "      domain: maia.example.org\n", "      domain: maia.example.org\n      labels: {\"bad key\": x, env: \"not ok\"}\n");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .extracting(Problem::pointer, Problem::message)
        .containsExactlyInAnyOrder(
            tuple("/spec/clusters/0/labels/bad key", "invalid key 'bad key': expected a label key of your own"),
            tuple("/spec/clusters/0/labels/env", "expected a Kubernetes label value, got 'not ok'"));
  }

  @ParameterizedTest
  @CsvSource({
    "maia, NAISS2026-5-123, alvis",
    "jdoe.2, snic2022_5_123, gpu-a100.long",
    "_svc-maia, A, 0",
    "Maia_User, naiss2026-22-1, main",
    "abcdefghijklmnopqrstuvwxyz012345, " + "a123456789b123456789c123456789d123456789e123456789f123456789abcd" + ", x"
  })
  void hpcUserAccountAndPartitionInTheirGrammarPass(String user, String account, String partition) throws IOException {
    // given
    String platform = change(VALID, "  bookings:\n", "  hpc:\n    - {name: alvis, host: alvis1.c3se.chalmers.se, scheduler: slurm,"
        + " users: {a@x.org: '" + user + "'}, account: '" + account + "', partition: '" + partition + "'}\n"
        + "    - {name: dardel, host: dardel.pdc.kth.se, scheduler: slurm, credentials: {shared: {user: '" + user + "'}}}\n"
        + "  bookings:\n");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "gitops, clusters/prod, MAIA:, MAIA:admin, jupyterhub",
      "release/2026-12, '', maia-, platform-admins, deploy/chart/local-path-provisioner",
      "feature/x.y_z, gitops/.github-free, Team A/, Team A/admins, app-template"})
  void namesGitArgoCdAndHelmAcceptPass(String branch, String path, String prefix, String admins, String chart) throws IOException {
    // given: branches git check-ref-format takes, folders beside .git, groups ArgoCD's CSV policy keeps whole
    String platform = change(VALID, "    repoURL: https://git.example.org/maia/gitops.git\n",
        "    repoURL: https://git.example.org/maia/gitops.git\n    branch: '" + branch + "'\n    path: '" + path + "'\n");
    platform = change(platform, "    issuer: https://iam.example.org/realms/maia\n",
        "    issuer: https://iam.example.org/realms/maia\n    groupPrefix: '" + prefix + "'\n    adminGroup: '" + admins + "'\n");
    platform = change(platform, "  clusters:\n", "  catalog:\n    mlflow: {chart: '" + chart + "'}\n  clusters:\n");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ABCDEFGHIJKLMNOPQ", "BAD\\\\TITLE", "\"  \""})
  void orthancAeTitleFollowsDicomRules(String title) throws IOException {
    // given
    String platform = change(VALID, "mlflow: {}", "orthanc: {aeTitle: " + title + "}");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.pointer()).isEqualTo("/spec/projects/0/tools/orthanc/aeTitle"));
  }

  @Test
  void everyProblemInTheDocumentIsReported() throws IOException {
    // given
    String platform =
        change(
            change(change(VALID, "name: test", "name: Test_1"), "count: 4", "count: 0"),
            "issuer: https://iam.example.org/realms/maia",
            "issuer: http://iam.example.org");

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems)
        .extracting(Problem::pointer)
        .containsExactlyInAnyOrder("/metadata/name", "/spec/identity/issuer", "/spec/clusters/0/gpus/0/count");
  }

  // ---- hostile input ----------------------------------------------------------------------------

  @Test
  void deeplyNestedDocumentIsRefusedWithoutFailing() throws IOException {
    // given: a tree far deeper than any file the loader reads
    LoadedPlatform loaded = load(VALID);
    ObjectNode document = loaded.document().deepCopy();
    ArrayNode deepest = JsonNodeFactory.instance.arrayNode();
    ((ObjectNode) document.at("/spec/projects/0")).set("description", deepest);
    for (int i = 0; i < 20_000; i++) {
      deepest = deepest.addArray();
    }

    // when
    List<Problem> problems = validator.validate(document, loaded.sources());

    // then
    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("the document is nested more than " + SchemaValidator.MAX_DEPTH + " levels deep"));
  }

  @Test
  void hugeNumberOfProblemsIsCappedAndSummarised() throws IOException {
    // given
    StringBuilder projects = new StringBuilder("  projects:\n");
    for (int i = 0; i < 1500; i++) {
      projects.append("    - {name: p").append(i).append(", cluster: main, colour: red}\n");
    }
    String platform = VALID.substring(0, VALID.indexOf("  projects:\n")) + projects;

    // when
    List<Problem> problems = validate(platform);

    // then
    assertThat(problems).hasSize(SchemaValidator.MAX_PROBLEMS + 1);
    assertThat(problems.get(SchemaValidator.MAX_PROBLEMS).message()).isEqualTo("500 more schema problems are not shown");
  }

  // ---- the schema against the model, the messages and the docs ---------------------------------

  @Test
  void everyDefaultInTheSchemaEqualsTheConstantInDefaults() {
    // given: each default of the schema, by the pointer of its subschema, and the constant it documents
    Map<String, Object> documented = new LinkedHashMap<>();
    documented.put("/properties/spec/properties/gitops/properties/branch", Defaults.GITOPS_BRANCH);
    documented.put("/properties/spec/properties/gitops/properties/path", Defaults.GITOPS_PATH);
    documented.put("/properties/spec/properties/argocd/properties/namespace", Defaults.ARGOCD_NAMESPACE);
    documented.put("/properties/spec/properties/argocd/properties/mode", Defaults.ARGOCD_MODE);
    documented.put("/properties/spec/properties/identity/properties/adminGroup", Defaults.ADMIN_GROUP);
    documented.put("/properties/spec/properties/identity/properties/groupPrefix", Defaults.GROUP_PREFIX);
    documented.put("/properties/spec/properties/identity/properties/applierImage", Defaults.APPLIER_IMAGE);
    documented.put("/properties/spec/properties/secrets/properties/provider", Defaults.SECRETS_PROVIDER);
    documented.put("/properties/spec/properties/secrets/properties/store/properties/kind", Defaults.SECRET_STORE_KIND);
    documented.put("/$defs/cluster/properties/ingress/properties/className", Defaults.INGRESS_CLASS);
    documented.put("/$defs/cluster/properties/kubernetesVersion", Defaults.KUBERNETES_VERSION);
    documented.put("/$defs/gpuPool/properties/replicas", Defaults.GPU_REPLICAS);
    documented.put("/$defs/cluster/properties/ports/properties/ssh", Defaults.SSH_PORTS);
    documented.put("/$defs/cluster/properties/ports/properties/dicom", Defaults.DICOM_PORTS);
    documented.put("/properties/spec/properties/gpuPolicy/properties/minDuration", Defaults.MIN_DURATION);
    documented.put("/properties/spec/properties/gpuPolicy/properties/maxDuration", Defaults.MAX_DURATION);
    documented.put("/properties/spec/properties/gpuPolicy/properties/cooldown", Defaults.COOLDOWN);
    documented.put("/properties/spec/properties/gpuPolicy/properties/maxFutureBookings", Defaults.MAX_FUTURE_BOOKINGS);
    documented.put("/properties/spec/properties/gpuPolicy/properties/scheduling", Defaults.SCHEDULING);
    documented.put("/$defs/project/properties/resources/properties/cpu/properties/request", Defaults.CPU_REQUEST);
    documented.put("/$defs/project/properties/resources/properties/cpu/properties/limit", Defaults.CPU_LIMIT);
    documented.put("/$defs/project/properties/resources/properties/memory/properties/request", Defaults.MEMORY_REQUEST);
    documented.put("/$defs/project/properties/resources/properties/memory/properties/limit", Defaults.MEMORY_LIMIT);
    documented.put("/$defs/project/properties/resources/properties/storage", Defaults.STORAGE);
    documented.put("/$defs/project/properties/gpu/properties/maxPerWorkspace", Defaults.GPU_MAX_PER_WORKSPACE);
    String server = "/$defs/tools/properties/workspace/properties/server/properties";
    documented.put(server + "/cpu/properties/request", Defaults.SERVER_CPU_REQUEST);
    documented.put(server + "/cpu/properties/limit", Defaults.SERVER_CPU_LIMIT);
    documented.put(server + "/memory/properties/request", Defaults.SERVER_MEMORY_REQUEST);
    documented.put(server + "/memory/properties/limit", Defaults.SERVER_MEMORY_LIMIT);
    documented.put("/$defs/hpcSystem/properties/port", Defaults.HPC_PORT);
    documented.put("/$defs/gpuPool/properties/sharing", Defaults.GPU_SHARING);
    documented.put("/$defs/core/properties/gpuOperator/properties/driver", Defaults.GPU_DRIVER);
    documented.put("/$defs/core/properties/certManager/properties/issuer/properties/acme/properties/server", Defaults.ACME_SERVER);
    documented.put("/$defs/provisioner/properties/localPath/properties/path", Defaults.LOCAL_PATH);
    JsonNode schema = SchemaValidator.schemaDocument();

    // when
    Set<String> withDefault = new TreeSet<>();
    SchemaWalk.schemas(schema, (pointer, node) -> {
      if (node.has("default")) {
        withDefault.add(pointer);
      }
    });

    // then
    assertThat(withDefault).containsExactlyInAnyOrderElementsOf(documented.keySet());
    documented.forEach((pointer, constant) -> assertDefault(pointer, schema.at(pointer + "/default"), constant));
  }

  @Test
  void everyPatternHasAPlainWordsDescription() {
    // given
    JsonNode schema = SchemaValidator.schemaDocument();

    // when
    List<String> patterns = new ArrayList<>();
    SchemaWalk.schemas(schema, (pointer, node) -> {
      if (node.has("pattern")) {
        patterns.add(pointer);
      }
    });

    // then: a pattern lives directly in a $defs entry that SchemaErrors can describe
    assertThat(patterns).isNotEmpty().allSatisfy(pointer -> {
      assertThat(pointer).matches("/\\$defs/[A-Za-z]+");
      assertThat(SchemaWords.KINDS).containsKey(pointer.substring("/$defs/".length()));
    });
    // and every described entry has a pattern, or refers to one that has (a label key of one's own is a
    // label key that is not a reserved one)
    assertThat(SchemaWords.KINDS.keySet()).allSatisfy(kind -> {
      JsonNode def = schema.at("/$defs/" + kind);
      JsonNode pattern = def.has("$ref") ? schema.at(def.path("$ref").asText().substring(1) + "/pattern") : def.path("pattern");
      assertThat(pattern.isTextual()).as(kind).isTrue();
    });
  }

  @Test
  void everyPropertyHasADescriptionAndEveryObjectRejectsUnknownFields() {
    // given
    JsonNode schema = SchemaValidator.schemaDocument();

    // when
    List<String> undescribed = new ArrayList<>();
    SchemaWalk.properties(schema, (pointer, name, property) -> {
      if (!pointer.contains("/if") && !property.has("description") && !SchemaWalk.resolve(schema, property).has("description")) {
        undescribed.add(name);
      }
    });
    List<String> open = new ArrayList<>();
    SchemaWalk.schemas(schema, (pointer, node) -> {
      boolean isObject = node.has("properties") || "object".equals(node.path("type").asText());
      boolean condition = pointer.endsWith("/if");
      if (isObject && !condition && !node.has("additionalProperties") && !node.has("unevaluatedProperties")) {
        open.add(pointer);
      }
    });

    // then
    assertThat(undescribed).isEmpty();
    assertThat(open).isEmpty();
  }

  @Test
  void referenceDocumentsEveryPropertyOfTheSchema() throws IOException {
    // given
    String reference = Files.readString(REPO_ROOT.resolve("docs/reference.md"), StandardCharsets.UTF_8);
    Set<String> documented = new TreeSet<>();
    Matcher code = Pattern.compile("`([^`\n]+)`").matcher(reference);
    while (code.find()) {
      documented.addAll(List.of(code.group(1).split("[^A-Za-z0-9_-]+")));
    }

    // when
    Set<String> properties = new TreeSet<>();
    SchemaWalk.properties(SchemaValidator.schemaDocument(), (pointer, name, property) -> properties.add(name));

    // then
    assertThat(properties).hasSizeGreaterThan(50);
    assertThat(documented).containsAll(properties);
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private List<Problem> validate(String platformYaml) throws IOException {
    LoadedPlatform loaded = load(platformYaml);
    return validator.validate(loaded.document(), loaded.sources());
  }

  private LoadedPlatform load(String platformYaml) throws IOException {
    Path file = dir.resolve("platform.yaml");
    Files.writeString(file, platformYaml, StandardCharsets.UTF_8);
    return new PlatformLoader().load(file);
  }

  /** {@code text} with its one occurrence of {@code from} replaced. */
  private static String change(String text, String from, String to) {
    int at = text.indexOf(from);
    assertThat(at).as("'%s' occurs in the base platform", from).isNotNegative();
    assertThat(text.indexOf(from, at + 1)).as("'%s' occurs once in the base platform", from).isNegative();
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  private static Problem findByPointer(List<Problem> problems, String pointer) {
    return problems.stream().filter(p -> p.pointer().equals(pointer)).findFirst().orElseThrow();
  }

  /** The schema an editor applies to an included file: {@code platform.schema.json#/$defs/include}. */
  private static Schema includeSchema() {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(Map.of(SchemaValidator.SCHEMA_ID, SchemaValidator.schemaDocument().toString())));
    return registry.getSchema(SchemaLocation.of(SchemaValidator.SCHEMA_ID + "#/$defs/include"));
  }

  private static String firstLine(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
  }

  private static void assertDefault(String pointer, JsonNode value, Object constant) {
    if (constant instanceof Duration duration) {
      assertThat(value.isTextual()).as(pointer).isTrue();
      assertThat(Duration.parse(value.asText())).as(pointer).isEqualTo(duration);
    } else if (constant instanceof int[] range) {
      assertThat(value.isArray()).as(pointer).isTrue();
      List<Integer> actual = new ArrayList<>();
      value.forEach(v -> {
        assertThat(v.isInt()).as(pointer).isTrue();
        actual.add(v.intValue());
      });
      assertThat(actual).as(pointer).containsExactly(Arrays.stream(range).boxed().toArray(Integer[]::new));
    } else if (constant instanceof Integer number) {
      assertThat(value.isInt()).as(pointer).isTrue();
      assertThat(value.intValue()).as(pointer).isEqualTo(number);
    } else if (constant instanceof Boolean bool) {
      assertThat(value.isBoolean()).as(pointer).isTrue();
      assertThat(value.booleanValue()).as(pointer).isEqualTo(bool);
    } else {
      assertThat(value.isTextual()).as(pointer).isTrue();
      assertThat(value.asText()).as(pointer).isEqualTo(constant);
    }
  }
}
