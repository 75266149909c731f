package dev.maia.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.maia.core.TestPaths;
import dev.maia.core.problem.Problem;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one reader of the platform repo, with limits small enough to reach: a file larger than the
 * limit per file, and more than a run may read in all, counted in the order the platform is read
 * (so the same file is named however many threads parse ahead), each file once. The real limits
 * ({@value RepoReader#MAX_FILE_BYTES} and {@value RepoReader#MAX_TOTAL_BYTES} bytes) are checked with
 * real files in {@code HostileFilesTest} and {@code HostileInputTest}.
 */
class RepoReaderTest {

  private static final String TOTAL_HINT =
      " (narrow the include patterns to the platform's own files, and keep other files out of templates/ and sealed-secrets/)";

  @TempDir Path repo;

  private void write(String relative, String content) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** {@code projects:} with one project and padding to exactly {@code size} bytes. */
  private static String project(String name, int size) {
    String head = "projects:\n  - name: " + name + "\n# ";
    return head + "x".repeat(size - head.length() - 1) + "\n";
  }

  private List<String> problems(int maxFileBytes, long maxTotalBytes) {
    InvalidPlatformException thrown = catchThrowableOfType(
        InvalidPlatformException.class,
        () -> new PlatformLoader().load(repo.resolve("platform.yaml"), glob -> false, maxFileBytes, maxTotalBytes));
    assertThat(thrown).as("the platform is refused").isNotNull();
    return thrown.problems().stream().map(Problem::format).toList();
  }

  @RepeatedTest(5)
  void moreThanARunMayReadInAllIsRefusedAtTheFileThatPassesTheLimitWhateverParsesAhead() throws IOException {
    // given: a platform of 60 bytes, then eight files of 100 bytes in sorted order; 500 bytes in all may be read
    write("platform.yaml", "apiVersion: maia/v1alpha1\nspec:\n  include: [projects/*.yaml]\n".substring(0, 60));
    for (char c = 'a'; c <= 'h'; c++) {
      write("projects/" + c + ".yaml", project(String.valueOf(c), 100));
    }
    assertThat(Files.size(repo.resolve("platform.yaml"))).isEqualTo(60);

    // when
    List<String> problems = problems(1000, 500);

    // then: the fifth file passes the limit, and each one after it
    assertThat(problems).first().isEqualTo(
        "projects/e.yaml:1:1 /: with this file's 100 bytes the files read hold 560 bytes, more than the 500 one run reads of the"
            + " platform repo in all" + TOTAL_HINT);
    assertThat(problems).hasSize(4).allSatisfy(p -> assertThat(p).contains("more than the 500 one run reads"));
  }

  @Test
  void theSiteFilesCountInTheTotalAfterThePlatformsOwn() throws IOException {
    // given: 200 bytes of platform, 300 of templates
    write("platform.yaml", "spec: {}\n# " + "x".repeat(188) + "\n");
    write("templates/minio/values.yaml.ftl", "x".repeat(299) + "\n");

    // when
    List<String> problems = problems(1000, 400);

    // then
    assertThat(problems).containsExactly(
        "templates/minio/values.yaml.ftl:1:1 /: with this file's 300 bytes the files read hold 500 bytes, more than the 400 one run"
            + " reads of the platform repo in all" + TOTAL_HINT);
  }

  @Test
  void aFileIsCountedOnceHoweverOftenItIsRead() throws IOException {
    // given
    write("maia.lock", "x".repeat(300));
    RepoReader reader = new RepoReader(repo, 1000, 500);

    // when
    List<RepoReader.Result> reads = List.of(reader.read("maia.lock"), reader.read("maia.lock"), reader.read("maia.lock"));

    // then
    assertThat(reads).allSatisfy(r -> assertThat(r).isInstanceOf(RepoReader.Content.class));
    assertThat(reader.unread()).isEqualTo(200);
  }

  @Test
  void aFileLargerThanTheLimitPerFileIsRefusedAtTheFile() throws IOException {
    // given
    write("platform.yaml", "spec:\n  include: [projects/*.yaml]\n");
    write("projects/big.yaml", project("big", 101));
    write("projects/small.yaml", project("small", 100));

    // when
    List<String> problems = problems(100, 10_000);

    // then
    assertThat(problems).containsExactly(
        "projects/big.yaml:1:1 /: the file is 101 bytes; a platform file may have at most 100 (split the platform into smaller files with"
            + " spec.include)");
  }

  @Test
  void whatIsMissingIsNoRefusal() throws IOException {
    // given
    RepoReader reader = new RepoReader(repo);

    // then
    assertThat(reader.read("maia.lock")).isEqualTo(new RepoReader.Missing("maia.lock"));
    assertThat(reader.read("sealed-secrets/one/x/y.yaml")).isEqualTo(new RepoReader.Missing("sealed-secrets/one/x/y.yaml"));
    assertThat(reader.folder("templates").files()).isEmpty();
    assertThat(reader.folder("templates").refused()).isEmpty();
  }

  @Test
  void aNamedPipeIsNeverOpenedAndAFolderIsNoFile() throws IOException {
    // given
    Path pipe = repo.resolve("pipe.yaml");
    assumeTrue(TestPaths.mkfifo(pipe), "this system cannot make a named pipe");
    Files.createDirectories(repo.resolve("folder.yaml"));
    RepoReader reader = new RepoReader(repo);

    // when
    RepoReader.Result piped = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> reader.read("pipe.yaml"));
    RepoReader.Result folder = reader.read("folder.yaml");

    // then
    assertThat(piped).isInstanceOfSatisfying(RepoReader.Refused.class,
        r -> assertThat(r.message()).isEqualTo("pipe.yaml is a named pipe (FIFO), not a regular file"));
    assertThat(folder).isInstanceOfSatisfying(RepoReader.Refused.class,
        r -> assertThat(r.message()).isEqualTo("folder.yaml is a folder, not a regular file"));
  }

  @Test
  void aFolderListsItsRegularFilesInPathOrderAndRefusesTheRest() throws IOException {
    // given
    write("templates/b/values.yaml.ftl", "b: 1\n");
    write("templates/a/values.yaml.ftl", "a: 1\n");
    write("elsewhere.ftl", "c: 1\n");
    Files.createSymbolicLink(repo.resolve("templates/c.ftl"), repo.resolve("elsewhere.ftl"));
    Files.createSymbolicLink(repo.resolve("templates/d"), repo.resolve("templates/a"));
    RepoReader reader = new RepoReader(repo);

    // when
    RepoReader.Listing listing = reader.folder("templates");

    // then: a link to a file inside the repo is read, a link to a folder is not followed
    assertThat(listing.files()).containsExactly("templates/a/values.yaml.ftl", "templates/b/values.yaml.ftl", "templates/c.ftl");
    assertThat(listing.refused()).extracting(RepoReader.Refused::message)
        .containsExactly("templates/d is a symbolic link to the folder templates/a; links to folders are not followed");
  }
}
