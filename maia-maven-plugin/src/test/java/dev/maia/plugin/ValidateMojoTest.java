package dev.maia.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateMojoTest {

  /** The example platform of this repository; tests run in the module folder. */
  private static final Path EXAMPLE = Path.of("..", "example-platform-repo").toAbsolutePath().normalize();

  @TempDir Path basedir;

  private final RecordingLog log = new RecordingLog();

  private ValidateMojo mojo(Path platform) {
    ValidateMojo mojo = new ValidateMojo();
    mojo.setLog(log);
    mojo.basedir = basedir.toFile();
    mojo.platform = platform.toFile();
    return mojo;
  }

  @Test
  void aValidPlatformIsReportedInOneLineWithCounts() throws Exception {
    // given
    ValidateMojo mojo = mojo(EXAMPLE.resolve("platform.yaml"));
    mojo.basedir = EXAMPLE.toFile();

    // when
    mojo.execute();

    // then
    assertThat(log.at("INFO")).containsExactly("platform.yaml is valid: 5 files, 2 clusters, 3 projects, 1 booking.");
    assertThat(log.at("DEBUG")).anySatisfy(line -> assertThat(line).startsWith("Read 5 file(s): platform.yaml, "));
    assertThat(log.at("ERROR")).isEmpty();
  }

  @Test
  void everyProblemOfTheInputIsABuildFailureAndAnErrorLine() throws IOException {
    // given: two duplicate keys, which the loader reports together
    Path platform = basedir.resolve("platform.yaml");
    Files.writeString(platform, "apiVersion: maia/v1alpha1\nkind: Platform\nkind: Platform\nspec:\n  gitops: {}\n  gitops: {}\n", UTF_8);
    ValidateMojo mojo = mojo(platform);

    // when // then
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "platform.yaml has 2 problems:\n"
                + "  platform.yaml:3:1 /kind: duplicate key 'kind' (first defined at 2:1) (remove one of them)\n"
                + "  platform.yaml:6:3 /spec/gitops: duplicate key 'gitops' (first defined at 5:3) (remove one of them)");
    assertThat(log.at("ERROR"))
        .containsExactly(
            "platform.yaml:3:1 /kind: duplicate key 'kind' (first defined at 2:1) (remove one of them)",
            "platform.yaml:6:3 /spec/gitops: duplicate key 'gitops' (first defined at 5:3) (remove one of them)");
  }

  @Test
  void aMissingPlatformFileIsABuildFailure() {
    // given
    ValidateMojo mojo = mojo(basedir.resolve("config").resolve("platform.yaml"));

    // when // then
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("config/platform.yaml has 1 problem:\n  config/platform.yaml:1:1 /: the platform file does not exist");
  }

  @Test
  void maiaSkipSkipsWithOneInfoLineAndReadsNothing() throws MojoExecutionException, MojoFailureException {
    // given: a platform file that does not exist, so running would fail
    ValidateMojo mojo = mojo(basedir.resolve("missing.yaml"));
    mojo.skip = true;

    // when
    mojo.execute();

    // then
    assertThat(log.lines).containsExactly("INFO Skipping maia:validate: maia.skip is true.");
  }

  @Test
  void maiaValidateSkipSkipsWithOneInfoLine() throws MojoExecutionException, MojoFailureException {
    // given
    ValidateMojo mojo = mojo(basedir.resolve("missing.yaml"));
    mojo.validateSkip = true;

    // when
    mojo.execute();

    // then
    assertThat(log.lines).containsExactly("INFO Skipping maia:validate: maia.validate.skip is true.");
  }
}
