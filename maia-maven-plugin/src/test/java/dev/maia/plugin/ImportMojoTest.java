package dev.maia.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maia:import translates the core's answers; the mapping itself is tested in the core and the IT. */
class ImportMojoTest {

  private static final Path FIXTURES =
      Path.of("..", "maia-core", "src", "test", "resources", "import", "maia-config").toAbsolutePath().normalize();

  @TempDir Path basedir;

  private final RecordingLog log = new RecordingLog();

  private ImportMojo mojo() {
    ImportMojo mojo = new ImportMojo();
    mojo.setLog(log);
    mojo.basedir = basedir.toFile();
    mojo.platform = basedir.resolve("platform.yaml").toFile();
    mojo.now = "2026-11-26T00:00:00Z";
    mojo.from = FIXTURES.toFile();
    mojo.to = basedir.toFile();
    return mojo;
  }

  @Test
  void anImportWritesTheFilesLogsEveryNoteAndValidates() throws MojoExecutionException, MojoFailureException {
    // when
    mojo().execute();

    // then
    assertThat(basedir.resolve("platform.yaml")).isRegularFile();
    assertThat(log.lines).contains("INFO platform.yaml is valid.");
    assertThat(log.lines).anyMatch(line -> line.startsWith("WARN To do: set `spec.gitops.repoURL`"));
    assertThat(log.lines).anyMatch(line -> line.startsWith("WARN KI_Hospital.yaml:17 `docker_password` is a credential"));
  }

  @Test
  void anExistingFileIsABuildFailureAndStaysAsItWas() throws IOException {
    // given
    Files.writeString(basedir.resolve("IMPORT-NOTES.md"), "mine\n");

    // when / then
    assertThatThrownBy(mojo()::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("maia:import: nothing was written: IMPORT-NOTES.md exists in ");
    assertThat(Files.readString(basedir.resolve("IMPORT-NOTES.md"))).isEqualTo("mine\n");
    assertThat(basedir.resolve("platform.yaml")).doesNotExist();
  }

  @Test
  void maiaImportSkipSkipsWithOneInfoLine() throws MojoExecutionException, MojoFailureException {
    // given
    ImportMojo mojo = mojo();
    mojo.importSkip = true;

    // when
    mojo.execute();

    // then
    assertThat(log.lines).containsExactly("INFO Skipping maia:import: maia.import.skip is true.");
    assertThat(basedir.resolve("platform.yaml")).doesNotExist();
  }
}
