package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental run (the default) takes the units whose inputs did not change from the last run
 * into the same folder. After every kind of edit it must leave exactly the tree a run that renders
 * everything writes into an empty folder; and it must render again what it cannot trust.
 */
class IncrementalGenerateTest {

  private static final Instant NOW = GenerateExampleTest.NOW;

  @TempDir Path dir;

  private final MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
  private Path repo;
  private Path out;
  private int fullRuns;

  @BeforeEach
  void copyTheExample() {
    repo = TestPaths.copy(TestPaths.examplePlatform().getParent(), dir.resolve("repo"));
    out = dir.resolve("out");
  }

  private GenerateResult incremental(Instant now) {
    return compiler.generate(new GenerateRequest(repo.resolve("platform.yaml"), out, now));
  }

  /** Runs incrementally into the kept folder and fully into a new one; the two trees must be equal. */
  private GenerateResult assertIncrementalEqualsFull(Instant now) {
    GenerateResult result = incremental(now);
    Path full = dir.resolve("full-" + fullRuns++);
    compiler.generate(new GenerateRequest(repo.resolve("platform.yaml"), full, now).renderingEverything());
    SortedMap<String, byte[]> expected = tree(full);
    SortedMap<String, byte[]> actual = tree(out);
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((path, bytes) -> assertThat(new String(actual.get(path), StandardCharsets.UTF_8))
        .as(path).isEqualTo(new String(bytes, StandardCharsets.UTF_8)));
    return result;
  }

  private void edit(String file, String from, String to) throws IOException {
    Path path = repo.resolve(file);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    assertThat(text).as(file).contains(from);
    Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
  }

  @Test
  void aSecondRunWithoutChangeWritesNothingAndTakesEveryProjectFromTheCache() throws IOException {
    // given
    incremental(NOW);
    Path cache = out.resolve(".maia/render-cache.json");
    assertThat(cache).exists();

    // when
    GenerateResult again = assertIncrementalEqualsFull(NOW);

    // then
    assertThat(again.written()).isEmpty();
    assertThat(again.removed()).isEmpty();
    assertThat(Files.readString(cache)).contains("\"placement/ki-hospital/brain-mets\"", "\"project/brain-mets\"");
  }

  @Test
  void aChangedProjectRewritesOnlyItsOwnFiles() throws IOException {
    // given
    incremental(NOW);
    edit("projects/brain-mets.yaml", "storage: 500Gi", "storage: 600Gi");

    // when
    GenerateResult result = assertIncrementalEqualsFull(NOW);

    // then
    assertThat(result.written()).isNotEmpty().allMatch(path -> path.contains("brain-mets"), "a file of brain-mets");
  }

  @Test
  void everyKindOfEditLeavesTheTreeOfAFullRun() throws IOException {
    incremental(NOW);

    // a project
    edit("projects/fl-prostate.yaml", "tools:", "description: federated prostate\n    tools:");
    assertIncrementalEqualsFull(NOW);

    // a booking: changed, then the time of the run moves through its announcement, start and end
    edit("bookings/b-2026-0001.yaml", "gpus: 1", "gpus: 2");
    assertIncrementalEqualsFull(NOW);
    assertIncrementalEqualsFull(Instant.parse("2026-11-30T12:00:00Z"));
    assertIncrementalEqualsFull(Instant.parse("2026-12-02T00:00:00Z"));
    assertIncrementalEqualsFull(Instant.parse("2026-12-09T00:00:00Z"));

    // a site template of the platform repo
    Path template = repo.resolve("templates/mlflow/values.yaml.ftl");
    Files.createDirectories(template.getParent());
    Files.copy(TestPaths.repoRoot().resolve("templates/mlflow/values.yaml.ftl"), template);
    assertIncrementalEqualsFull(NOW);
    Files.writeString(template, Files.readString(template) + "\n# a site's comment\nextraFlag: true\n");
    assertIncrementalEqualsFull(NOW);

    // a user with SSH: the lock gets a new port
    edit("projects/brain-mets.yaml", "users: [radiologist@ki.se, phd.student@kth.se]", "users: [radiologist@ki.se, phd.student@kth.se, new.user@ki.se]");
    GenerateResult withPort = assertIncrementalEqualsFull(NOW);
    assertThat(withPort.lockChanges()).isNotEmpty();

    // a platform-wide setting
    edit("platform.yaml", "domain: maia.ki.example.org", "domain: maia2.ki.example.org");
    assertIncrementalEqualsFull(NOW);

    // a project removed
    Files.delete(repo.resolve("projects/vertebra-ct.yaml"));
    GenerateResult removed = assertIncrementalEqualsFull(NOW);
    assertThat(removed.removed()).contains("argocd/appprojects/vertebra-ct.yaml", "clusters/kth-main/projects/vertebra-ct/resources.yaml");
  }

  @Test
  void aGeneratedFileEditedByHandIsRenderedAgain() throws IOException {
    // given
    incremental(NOW);
    Path edited = out.resolve("clusters/ki-hospital/projects/brain-mets/resources.yaml");
    Files.writeString(edited, Files.readString(edited).replace("500Gi", "900Gi"));

    // when
    GenerateResult result = assertIncrementalEqualsFull(NOW);

    // then
    assertThat(result.written()).containsExactly("clusters/ki-hospital/projects/brain-mets/resources.yaml");
  }

  @Test
  void aDamagedCacheIsIgnoredAndReplaced() throws IOException {
    // given
    incremental(NOW);
    Path cache = out.resolve(".maia/render-cache.json");
    Files.writeString(cache, "{\"format\": 1, \"units\": [not json");

    // when
    GenerateResult result = assertIncrementalEqualsFull(NOW);

    // then
    assertThat(result.written()).isEmpty();
    assertThat(Files.readString(cache)).contains("\"placement/ki-hospital/brain-mets\"");
  }

  @Test
  void aChangedSealedSecretIsCopiedAgain() throws IOException {
    // given
    repo = TestPaths.copy(TestPaths.testPlatform("sealed"), dir.resolve("sealed"));
    incremental(NOW);
    Path secret = repo.resolve("sealed-secrets/one/lung/minio-root.yaml");
    String text = Files.readString(secret);
    assertThat(text).contains("AgB");
    Files.writeString(secret, text.replaceFirst("AgB", "AgBchanged"));

    // when
    GenerateResult result = assertIncrementalEqualsFull(NOW);

    // then
    assertThat(result.written()).containsExactly("clusters/one/projects/lung/resources.yaml");
  }

  /** Every file of an output folder but the writer's control folder. */
  static SortedMap<String, byte[]> tree(Path root) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String path = root.relativize(file).toString().replace('\\', '/');
        if (!path.startsWith(".maia/")) {
          files.put(path, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
