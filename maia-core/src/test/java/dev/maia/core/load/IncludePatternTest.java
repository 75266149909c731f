package dev.maia.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.problem.Problem;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An include pattern that matches no file is a problem: a typo in it would drop every file it was
 * meant to add. The hint names the folder that is missing (with the closest one there is) or what
 * the folder holds. The corpus case {@code include-matches-no-file} has the common typos; here are
 * the forms its folder cannot hold.
 */
class IncludePatternTest {

  @TempDir Path repo;

  private void write(String relative, String content) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private List<String> problems() {
    InvalidPlatformException thrown =
        catchThrowableOfType(InvalidPlatformException.class, () -> new PlatformLoader().load(repo.resolve("platform.yaml")));
    assertThat(thrown).as("the platform is refused").isNotNull();
    return thrown.problems().stream().map(Problem::format).toList();
  }

  @Test
  void aPatternOfThePlatformsFolderNamesWhatTheFolderHolds() throws IOException {
    // given
    write("platform.yaml", "spec:\n  include: ['*.yml']\n");
    write("projects.yaml", "projects: []\n");

    // then
    assertThat(problems()).containsExactly("platform.yaml:2:13 /spec/include/0: include '*.yml' matches no file (the folder of the"
        + " platform file holds platform.yaml, projects.yaml, and none of them matches; fix the pattern, or remove the include)");
  }

  @Test
  void aFolderOfManyFilesNamesTheFirstThree() throws IOException {
    // given
    write("platform.yaml", "spec:\n  include: [projects/*.yml]\n");
    for (String name : List.of("a", "b", "c", "d", "e")) {
      write("projects/" + name + ".yaml", "projects: []\n");
    }

    // then
    assertThat(problems()).containsExactly("platform.yaml:2:13 /spec/include/0: include 'projects/*.yml' matches no file (projects/"
        + " holds a.yaml, b.yaml, c.yaml and 2 more, and none of them matches; fix the pattern, or remove the include)");
  }

  @Test
  void aPatternTheCallerAllowsToMatchNothingIsNoProblem() throws IOException {
    // given: what maia:book loads before it writes the first booking
    write("platform.yaml", "spec:\n  include: [bookings/*.yaml, projects/*.yaml]\n");
    write("projects/a.yaml", "projects: []\n");

    // when
    LoadedPlatform loaded = new PlatformLoader().load(repo.resolve("platform.yaml"), glob -> glob.startsWith("bookings/"));

    // then
    assertThat(loaded.files()).containsExactly("platform.yaml", "projects/a.yaml");
  }
}
