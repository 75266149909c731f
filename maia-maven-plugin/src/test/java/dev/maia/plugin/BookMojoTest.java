package dev.maia.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maia:book reads its parameters before anything else; the searching itself is tested in the core and the ITs. */
class BookMojoTest {

  private static final Path EXAMPLE = Path.of("..", "example-platform-repo", "platform.yaml").toAbsolutePath().normalize();

  @TempDir Path basedir;

  private final RecordingLog log = new RecordingLog();

  private BookMojo mojo() {
    BookMojo mojo = new BookMojo();
    mojo.setLog(log);
    mojo.basedir = basedir.toFile();
    mojo.platform = EXAMPLE.toFile();
    mojo.now = "2026-11-26T00:00:00Z";
    mojo.user = "radiologist@ki.se";
    mojo.project = "brain-mets";
    mojo.gpus = 1;
    mojo.days = 7;
    mojo.horizon = "P180D";
    return mojo;
  }

  @Test
  void badParametersAreBuildFailuresThatNameTheProperty() {
    // given
    BookMojo noDays = mojo();
    noDays.days = 0;
    BookMojo badAfter = mojo();
    badAfter.after = "tomorrow";
    BookMojo badHorizon = mojo();
    badHorizon.horizon = "six months";
    BookMojo noGpus = mojo();
    noGpus.gpus = 0;

    // when // then
    assertThatThrownBy(noDays::execute).isInstanceOf(MojoFailureException.class).hasMessage("maia.book.days '0' is not a number of days (1 or more)");
    assertThatThrownBy(badAfter::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("maia.book.after 'tomorrow' is not an ISO-8601 instant such as 2026-12-01T08:00:00Z");
    assertThatThrownBy(badHorizon::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("maia.book.horizon 'six months' is not an ISO-8601 duration such as P180D");
    assertThatThrownBy(noGpus::execute).isInstanceOf(MojoFailureException.class).hasMessage("maia.book.gpus '0' is not a number of GPUs (1 or more)");
  }

  @Test
  void aUserWhoIsNotInTheProjectGetsNoSlotAndTheRuleSaysWhy() {
    // given
    BookMojo mojo = mojo();
    mojo.user = "stranger@example.org";

    // when // then
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("No booking of 1 x NVIDIA-A100-SXM4-80GB for stranger@example.org in project 'brain-mets' for 7 days")
        .hasMessageContaining("'stranger@example.org' is not a user or admin of project 'brain-mets'");
    assertThat(log.lines).anyMatch(line -> line.startsWith("ERROR ") && line.contains("is not a user or admin"));
  }

  @Test
  void maiaBookSkipSkipsWithOneInfoLine() throws MojoExecutionException, MojoFailureException {
    // given
    BookMojo mojo = mojo();
    mojo.bookSkip = true;

    // when
    mojo.execute();

    // then
    assertThat(log.lines).containsExactly("INFO Skipping maia:book: maia.book.skip is true.");
  }
}
