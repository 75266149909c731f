package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.maia.core.problem.Problem;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files of the platform repo that are not what they seem: a named pipe, a link to {@code
 * /dev/zero}, a link out of the repo, a file too large. Each of the places the compiler reads (the
 * platform file, an include, {@code maia.lock}, a site template, a sealed secret) is refused the same
 * way, by the one reader of the repo: quickly, with the file, the rule and the fix, and with the
 * output folder left as it was (not even created or locked). Limits too small to reach with real
 * files are in {@code load.RepoReaderTest}.
 */
class HostileFilesTest {

  /** Far more than a refusal takes; a read of a pipe or of /dev/zero would never end. */
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private static final String PREVIOUS = "kind: Previous\n";

  private static final String INSIDE =
      " (only files inside the folder of the platform file are read, not even through a symbolic link; copy the file into the repo)";

  private static final String REGULAR = " (only regular files are read; replace it with a file, or remove it)";

  @TempDir Path tmp;

  private final MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());

  /** A place the compiler reads: the platform repo it is in, the file, and where a refusal of it is located. */
  record Place(String platform, String file, String at) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Place> places() {
    return Stream.of(
        new Place("example", "platform.yaml", "platform.yaml:1:1 /"),
        new Place("example", "projects/x.yaml", "platform.yaml:24:7 /spec/include/0"),
        new Place("example", "bookings/b-2026-0001.yaml", "platform.yaml:25:7 /spec/include/1"),
        new Place("example", "maia.lock", "maia.lock:1:1 /"),
        new Place("example", "templates/minio/values.yaml.ftl", "templates/minio/values.yaml.ftl:1:1 /"),
        new Place("sealed", "sealed-secrets/one/lung/minio-root.yaml", "sealed-secrets/one/lung/minio-root.yaml:1:1 /"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("places")
  void aNamedPipeIsRefusedWithoutBeingOpened(Place place) throws Exception {
    // given: a pipe no one writes into, where the compiler reads a file
    Path repo = repo(place.platform());
    Path pipe = repo.resolve(place.file());
    Files.createDirectories(pipe.getParent());
    Files.deleteIfExists(pipe);
    assumeTrue(TestPaths.mkfifo(pipe), "this system cannot make a named pipe");

    // when
    List<String> problems = refused(repo);

    // then
    assertThat(problems).containsExactly(place.at() + ": " + place.file() + " is a named pipe (FIFO), not a regular file" + REGULAR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("places")
  void aLinkToDevZeroIsRefusedWithoutBeingRead(Place place) throws Exception {
    // given: a file that is endless and reports a size of 0
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "this system has no /dev/zero");
    Path repo = repo(place.platform());
    Path link = repo.resolve(place.file());
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, zero);

    // when
    List<String> problems = refused(repo);

    // then
    assertThat(problems).containsExactly(place.at() + ": " + place.file() + " resolves to /dev/zero, outside the platform repo" + INSIDE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("places")
  void aLinkToAFileOutsideTheRepoIsRefusedWithoutBeingRead(Place place) throws Exception {
    // given: a copy of the very file, outside the repo, that the repo links to
    Path repo = repo(place.platform());
    Path file = repo.resolve(place.file());
    Path outside = Files.createDirectories(tmp.resolve("elsewhere")).resolve(file.getFileName());
    if (Files.exists(file)) {
      Files.move(file, outside);
    } else {
      Files.writeString(outside, "projects: []\n");
    }
    Files.createDirectories(file.getParent());
    Files.createSymbolicLink(file, outside);

    // when
    List<String> problems = refused(repo);

    // then
    assertThat(problems)
        .containsExactly(place.at() + ": " + place.file() + " resolves to " + outside.toRealPath() + ", outside the platform repo" + INSIDE);
  }

  @ParameterizedTest
  @MethodSource("siteFolders")
  void aSiteFolderLinkedOutOfTheRepoIsRefused(String platform, String folder) throws Exception {
    // given: templates/ or sealed-secrets/ moved out of the repo and linked back
    Path repo = repo(platform);
    Path outside = tmp.resolve("elsewhere-" + folder);
    Files.createDirectories(repo.resolve(folder).resolve("minio"));
    Files.writeString(repo.resolve(folder).resolve("minio/values.yaml.ftl"), "mode: standalone\n");
    Files.move(repo.resolve(folder), outside);
    Files.createSymbolicLink(repo.resolve(folder), outside);

    // when
    List<String> problems = refused(repo);

    // then
    assertThat(problems).containsExactly(folder + ":1:1 /: " + folder + " resolves to " + outside.toRealPath() + ", outside the platform repo" + INSIDE);
  }

  static Stream<Arguments> siteFolders() {
    return Stream.of(Arguments.of("example", "templates"), Arguments.of("sealed", "sealed-secrets"));
  }

  @Test
  void aLinkToAFolderInsideTheRepoIsNotFollowed() throws Exception {
    // given: a site template folder that is a link to another folder of the repo
    Path repo = repo("example");
    Files.createDirectories(repo.resolve("site/minio"));
    Files.writeString(repo.resolve("site/minio/values.yaml.ftl"), "mode: standalone\n");
    Files.createDirectories(repo.resolve("templates"));
    Files.createSymbolicLink(repo.resolve("templates/minio"), repo.resolve("site/minio"));

    // when
    List<String> problems = refused(repo);

    // then
    assertThat(problems).containsExactly("templates/minio:1:1 /: templates/minio is a symbolic link to the folder site/minio; links to"
        + " folders are not followed (move the files into templates/minio, or remove the link)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("places")
  void aFileLargerThanTheLimitIsRefusedBeforeItIsRead(Place place) throws Exception {
    // given: 17 MiB (a sparse file: its size is real, its bytes cost nothing)
    Path repo = repo(place.platform());
    Path file = repo.resolve(place.file());
    Files.createDirectories(file.getParent());
    try (RandomAccessFile huge = new RandomAccessFile(file.toFile(), "rw")) {
      huge.setLength(17L * 1024 * 1024);
    }

    // when
    List<String> problems = refused(repo);

    // then: at the file itself, which the size is about
    assertThat(problems).containsExactly(place.file() + ":1:1 /: the file is 17825792 bytes; a platform file may have at most 16777216"
        + " (split the platform into smaller files with spec.include)");
  }

  @Test
  void aBrokenLinkIsNamedWithWhereItPoints() throws Exception {
    // given
    Path repo = repo("example");
    Files.createSymbolicLink(repo.resolve("projects/gone.yaml"), Path.of("../moved/gone.yaml"));

    // when
    List<String> problems = refused(repo);

    // then
    assertThat(problems).containsExactly("platform.yaml:24:7 /spec/include/0: projects/gone.yaml is a symbolic link to ../moved/gone.yaml,"
        + " which does not exist (fix or remove the link)");
  }

  @Test
  void everyRefusedFileIsReportedInOneRun() throws Exception {
    // given: a pipe and a link out, matched by one pattern, and a template too large
    Path repo = repo("example");
    assumeTrue(TestPaths.mkfifo(repo.resolve("projects/a-pipe.yaml")), "this system cannot make a named pipe");
    Files.writeString(Files.createDirectories(tmp.resolve("elsewhere")).resolve("b.yaml"), "projects: []\n");
    Files.createSymbolicLink(repo.resolve("projects/b-out.yaml"), tmp.resolve("elsewhere/b.yaml"));
    Path template = Files.createDirectories(repo.resolve("templates/minio")).resolve("values.yaml.ftl");
    try (RandomAccessFile huge = new RandomAccessFile(template.toFile(), "rw")) {
      huge.setLength(17L * 1024 * 1024);
    }

    // when
    List<String> problems = refused(repo);

    // then
    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).startsWith("platform.yaml:24:7 /spec/include/0: projects/a-pipe.yaml is a named pipe (FIFO)");
    assertThat(problems.get(1)).startsWith("platform.yaml:24:7 /spec/include/0: projects/b-out.yaml resolves to ");
    assertThat(problems.get(2)).startsWith("templates/minio/values.yaml.ftl:1:1 /: the file is 17825792 bytes");
  }

  @Test
  void aSiteTemplateAndASealedSecretThatAreRegularFilesInsideTheRepoAreRead() throws IOException {
    // given: a template reached through a link to a file inside the repo
    Path repo = repo("example");
    Path site = Files.createDirectories(repo.resolve("site"));
    Files.copy(TestPaths.repoRoot().resolve("templates/minio/values.yaml.ftl"), site.resolve("minio.ftl"));
    Files.createDirectories(repo.resolve("templates/minio"));
    Files.createSymbolicLink(repo.resolve("templates/minio/values.yaml.ftl"), Path.of("../../site/minio.ftl"));
    Path out = tmp.resolve("out");

    // when
    compiler.generate(new GenerateRequest(repo.resolve("platform.yaml"), out, GenerateExampleTest.NOW));

    // then: the same tree as the example's, whose MinIO template is the built-in one
    Path reference = tmp.resolve("reference");
    compiler.generate(new GenerateRequest(TestPaths.examplePlatform(), reference, GenerateExampleTest.NOW));
    assertThat(GenerateExampleTest.tree(out)).isEqualTo(GenerateExampleTest.tree(reference));
  }

  /** A copy of a platform repo: {@code example} (the example's YAML and lock) or a test platform. */
  private Path repo(String platform) throws IOException {
    Path from = platform.equals("example") ? TestPaths.examplePlatform().getParent() : TestPaths.testPlatform(platform);
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String relative = from.relativize(p).toString();
        if (relative.startsWith("target") || relative.equals("pom.xml")) {
          continue;
        }
        Path target = repo.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
      }
    }
    return repo;
  }

  /** Generates the repo's platform into a folder holding an earlier file; the problems, formatted. */
  private List<String> refused(Path repo) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("previous.yaml"), PREVIOUS, StandardCharsets.UTF_8);
    InvalidPlatformException e =
        assertTimeoutPreemptively(
            LIMIT,
            () -> catchThrowableOfType(
                InvalidPlatformException.class,
                () -> compiler.generate(new GenerateRequest(repo.resolve("platform.yaml"), out, GenerateExampleTest.NOW))));
    assertThat(e).as("the platform is refused").isNotNull();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("previous.yaml");
    }
    assertThat(out.resolve("previous.yaml")).hasContent(PREVIOUS.strip());
    return e.problems().stream().map(Problem::format).toList();
  }
}
