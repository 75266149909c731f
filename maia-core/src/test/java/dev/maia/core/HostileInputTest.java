package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile inputs too large, too deep or too odd to keep in {@code invalid/} (see {@code
 * InvalidInputCorpusTest} for the rest): each is made here, in a temporary folder, and must give a
 * located problem, quickly, with the output folder left as it was. Also the inputs YAML allows and
 * the compiler therefore accepts: a byte order mark and CRLF line ends give the same bytes as the
 * plain file.
 */
class HostileInputTest {

  /** Generous for inputs that are refused after reading at most 16 MiB. */
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private static final String PREVIOUS = "kind: Previous\n";

  @TempDir Path tmp;

  private final MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());

  /** Generates {@code platform} into a folder holding an earlier file; the problems, formatted. */
  private List<String> refused(Path platform) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("previous.yaml"), PREVIOUS);
    InvalidPlatformException e =
        assertTimeoutPreemptively(
            LIMIT,
            () -> catchThrowableOfType(
                InvalidPlatformException.class, () -> compiler.generate(new GenerateRequest(platform, out, GenerateExampleTest.NOW))));
    assertThat(e).as("the platform is refused").isNotNull();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("previous.yaml");
    }
    assertThat(out.resolve("previous.yaml")).hasContent(PREVIOUS.strip());
    return e.problems().stream().map(Problem::format).toList();
  }

  private Path platformFile(String relative) throws IOException {
    Path file = tmp.resolve("repo").resolve(relative);
    Files.createDirectories(file.getParent());
    return file;
  }

  @ParameterizedTest
  @ValueSource(strings = {"platform.yaml", "projects/huge.yaml"})
  void aFileOf60MegabytesIsRefusedBeforeItIsRead(String huge) throws IOException {
    // given: 60 MiB of valid-looking YAML, the platform itself or an included file
    Path platform = platformFile("platform.yaml");
    if (!huge.equals("platform.yaml")) {
      Files.writeString(platform, "apiVersion: maia/v1alpha1\nkind: Platform\nspec:\n  include: [projects/*.yaml]\n");
    }
    Path file = platformFile(huge);
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writer.write("projects:\n");
      String line = "  - {name: p, cluster: main, description: " + "x".repeat(100) + "}\n";
      for (long written = 0; written < 60L * 1024 * 1024; written += line.length()) {
        writer.write(line);
      }
    }
    long size = Files.size(file);

    // when
    List<String> problems = refused(platform);

    // then
    String where = huge.equals("platform.yaml") ? "platform.yaml:1:1 /" : "projects/huge.yaml:1:1 /";
    assertThat(problems)
        .containsExactly(
            where + ": the file is " + size + " bytes; a platform file may have at most 16777216"
                + " (split the platform into smaller files with spec.include)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"flow", "block"})
  void nesting10000LevelsDeepIsRefusedAtTheLevelThatIsTooDeep(String style) throws IOException {
    // given
    Path platform = platformFile("platform.yaml");
    StringBuilder text = new StringBuilder("apiVersion: maia/v1alpha1\nkind: Platform\nmetadata:\n  name: deep\n");
    if (style.equals("flow")) {
      text.append("spec: ").append("[".repeat(10_000)).append("]".repeat(10_000)).append('\n');
    } else {
      text.append("spec:\n  ").append("- ".repeat(10_000)).append("deep\n"); // block sequences, one in the next
    }
    Files.writeString(platform, text, StandardCharsets.UTF_8);

    // when
    List<String> problems = refused(platform);

    // then: where the 65th level opens, not at the top of the file
    assertThat(problems).singleElement().asString()
        .matches("platform\\.yaml:(5|6):\\d+ /: the document is nested more than 64 levels deep .*")
        .doesNotStartWith("platform.yaml:1:1");
  }

  @Test
  void aFloodOfAliasesIsCountedNotListed() throws IOException {
    // given: two million aliases, 12 MB; each would be one more problem
    Path platform = platformFile("platform.yaml");
    try (BufferedWriter writer = Files.newBufferedWriter(platform, StandardCharsets.UTF_8)) {
      writer.write("apiVersion: maia/v1alpha1\nkind: Platform\nx: &a lol\ny:\n");
      for (int i = 0; i < 2_000_000; i++) {
        writer.write("- *a\n");
      }
    }

    // when
    List<String> problems = refused(platform);

    // then
    assertThat(problems).hasSize(101);
    assertThat(problems.get(0)).startsWith("platform.yaml:5:3 /y/0: YAML aliases (*a) are not supported in platform files");
    assertThat(problems.get(100)).endsWith(": 1999900 more problems in platform.yaml are not shown (fix the ones shown and run again)");
  }

  @Test
  void aByteOrderMarkIsAcceptedAndGivesTheSameBytes() throws IOException {
    // given: every file of the example with a UTF-8 byte order mark
    Path repo = copyOfTheExample(text -> "\uFEFF" + text);

    // when / then
    assertThat(generated(repo.resolve("platform.yaml"))).isEqualTo(generated(TestPaths.examplePlatform()));
    assertThat(Files.readAllBytes(repo.resolve("platform.yaml"))).startsWith(0xEF, 0xBB, 0xBF);
  }

  @Test
  void crlfLineEndsAreAcceptedAndGiveTheSameBytes() throws IOException {
    // given: every file of the example with CRLF line ends
    Path repo = copyOfTheExample(text -> text.replace("\n", "\r\n"));

    // when
    Map<String, String> tree = generated(repo.resolve("platform.yaml"));

    // then
    assertThat(tree).isEqualTo(generated(TestPaths.examplePlatform()));
    assertThat(tree.values()).allSatisfy(text -> assertThat(text).doesNotContain("\r"));
    assertThat(Files.readString(repo.resolve("platform.yaml"))).contains("\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"platform.yaml", "projects/brain-mets.yaml"})
  void anUnreadableFileIsALocatedProblem(String unreadable) throws IOException {
    // given: a file without any permission (chmod 000)
    Path repo = copyOfTheExample(text -> text);
    Path file = repo.resolve(unreadable);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    boolean permissionsStopReads = !canRead(file);

    if (permissionsStopReads) {
      // when
      List<String> problems = refused(repo.resolve("platform.yaml"));

      // then
      String where = unreadable.equals("platform.yaml") ? "platform.yaml:1:1 /" : "platform.yaml:24:7 /spec/include/0";
      assertThat(problems).containsExactly(where + ": cannot read " + unreadable + ": permission denied (make the file readable)");
    } else {
      // when: as root (as in CI), permissions do not stop reads; the file is read like any other
      Map<String, String> tree = generated(repo.resolve("platform.yaml"));

      // then
      assertThat(tree).isEqualTo(generated(TestPaths.examplePlatform()));
    }
  }

  /** The example's tree when generated from {@code platform} into a fresh folder. */
  private Map<String, String> generated(Path platform) throws IOException {
    Path out = Files.createTempDirectory(tmp, "out");
    compiler.generate(new GenerateRequest(platform, out, GenerateExampleTest.NOW));
    return GenerateExampleTest.tree(out);
  }

  /** The example platform repo's YAML files, each changed by {@code change}, in a fresh folder. */
  private Path copyOfTheExample(java.util.function.UnaryOperator<String> change) throws IOException {
    Path from = TestPaths.examplePlatform().getParent();
    Path repo = Files.createTempDirectory(tmp, "repo");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".yaml") && !from.relativize(p).startsWith("target")).toList()) {
        Path target = repo.resolve(from.relativize(p).toString());
        Files.createDirectories(target.getParent());
        try (OutputStream stream = Files.newOutputStream(target)) {
          stream.write(change.apply(Files.readString(p, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return repo;
  }

  private static boolean canRead(Path file) {
    try {
      Files.readAllBytes(file);
      return true;
    } catch (AccessDeniedException e) {
      return false;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
