package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder under {@code invalid/} is a platform repo with one mistake (or a few), and an {@code
 * expected.txt} holding the exact problem lines the compiler must report, sorted. Run with {@code
 * -Dmaia.updateGolden=true} to rewrite the expected files from the current output, then review the diff.
 * Includes through symbolic links need links, which resources cannot hold: see {@code
 * IncludeSymlinkTest}.
 */
class InvalidInputCorpusTest {

  private static final String CORPUS = "invalid";

  /** The time of the run the corpus is judged at: it decides which bookings are future bookings. */
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  static Stream<Named<Path>> cases() throws IOException, URISyntaxException {
    Path corpus = Path.of(InvalidInputCorpusTest.class.getResource("/" + CORPUS).toURI());
    try (Stream<Path> folders = Files.list(corpus)) {
      return folders.filter(Files::isDirectory).sorted().map(p -> Named.of(p.getFileName().toString(), p)).toList().stream();
    }
  }

  @TempDir Path out;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedProblemsAndWritesNothing(Path caseDir) throws IOException {
    // given
    Path platform = caseDir.resolve("platform.yaml");
    Files.writeString(out.resolve("previous-output.yaml"), "kind: Previous\n");

    // when
    MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
    InvalidPlatformException thrown =
        catchThrowableOfType(
            InvalidPlatformException.class, () -> compiler.generate(new GenerateRequest(platform, out, NOW)));

    // then
    assertThat(thrown).as("the platform in %s is rejected", caseDir.getFileName()).isNotNull();
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("previous-output.yaml");
    }
    assertThat(out.resolve("previous-output.yaml")).hasContent("kind: Previous");
    List<String> actual = thrown.problems().stream().map(Problem::format).toList();
    if (updateGolden()) {
      Path source =
          Path.of(System.getProperty("maia.repoRoot"), "maia-core", "src", "test", "resources", CORPUS)
              .resolve(caseDir.getFileName().toString());
      Files.write(source.resolve("expected.txt"), actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).containsExactlyElementsOf(Files.readAllLines(caseDir.resolve("expected.txt"), StandardCharsets.UTF_8));
  }

  private static boolean updateGolden() {
    return Boolean.parseBoolean(System.getProperty("maia.updateGolden"));
  }
}
