package dev.maia.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Includes may not leave the platform repo through a symbolic link, to a folder or to a file. */
class IncludeSymlinkTest {

  private static final String PLATFORM =
      "apiVersion: maia/v1alpha1\nkind: Platform\nmetadata:\n  name: kth-ki\nspec:\n  include:\n    - projects/*.yaml\n";

  private static final String LEAVES =
      " (includes may not leave the folder of the platform file, not even through a symbolic link)";

  @TempDir Path temp;

  private Path outside;
  private Path repo;

  @BeforeEach
  void repoAndAFolderOutsideIt() throws IOException {
    outside = Files.createDirectories(temp.resolve("elsewhere"));
    Files.writeString(outside.resolve("lung.yaml"), "projects:\n  - name: lung\n", StandardCharsets.UTF_8);
    repo = Files.createDirectories(temp.resolve("repo"));
    Files.writeString(repo.resolve("platform.yaml"), PLATFORM, StandardCharsets.UTF_8);
  }

  @Test
  void aLinkedFolderOutsideTheRepoIsRefused() throws IOException {
    // given
    Files.createSymbolicLink(repo.resolve("projects"), outside);

    // when
    var problems = problems();

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:7 /spec/include/0: include 'projects/*.yaml' goes through projects, a symbolic link to a"
                + " folder outside the platform repo"
                + LEAVES);
  }

  @Test
  void aLinkedFileOutsideTheRepoIsRefused() throws IOException {
    // given
    Files.createDirectories(repo.resolve("projects"));
    Files.createSymbolicLink(repo.resolve("projects/lung.yaml"), outside.resolve("lung.yaml"));

    // when
    var problems = problems();

    // then
    assertThat(problems)
        .containsExactly("platform.yaml:7:7 /spec/include/0: projects/lung.yaml resolves to " + realOutside().resolve("lung.yaml")
            + ", outside the platform repo (only files inside the folder of the platform file are read, not even through a symbolic"
            + " link; copy the file into the repo)");
  }

  @Test
  void aLinkedFolderInsideTheRepoIsNotSilentlySkipped() throws IOException {
    // given
    Path real = Files.createDirectories(repo.resolve("teams/projects"));
    Files.writeString(real.resolve("lung.yaml"), "projects:\n  - name: lung\n", StandardCharsets.UTF_8);
    Files.createSymbolicLink(repo.resolve("projects"), real);

    // when
    var problems = problems();

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:7 /spec/include/0: include 'projects/*.yaml' goes through projects, a symbolic link; links"
                + " to folders are not followed (include 'teams/projects/*.yaml' instead)");
  }

  @Test
  void aLinkedFolderBelowADoubleStarIsNotSilentlySkipped() throws IOException {
    // given: projects/** would reach into a linked folder the walk does not enter
    Files.writeString(repo.resolve("platform.yaml"), PLATFORM.replace("projects/*.yaml", "projects/**/*.yaml"), StandardCharsets.UTF_8);
    Files.createDirectories(repo.resolve("projects"));
    Files.writeString(repo.resolve("projects/a.yaml"), "projects:\n  - name: a\n", StandardCharsets.UTF_8);
    Files.createSymbolicLink(repo.resolve("projects/team"), outside);

    // when
    var problems = problems();

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:7 /spec/include/0: include 'projects/**/*.yaml' goes through projects/team, a symbolic link to a"
                + " folder outside the platform repo"
                + LEAVES);
  }

  private Path realOutside() throws IOException {
    return outside.toRealPath();
  }

  private java.util.List<String> problems() {
    InvalidPlatformException thrown =
        catchThrowableOfType(InvalidPlatformException.class, () -> new PlatformLoader().load(repo.resolve("platform.yaml")));
    assertThat(thrown).as("the platform is refused").isNotNull();
    return thrown.problems().stream().map(Problem::format).toList();
  }
}
