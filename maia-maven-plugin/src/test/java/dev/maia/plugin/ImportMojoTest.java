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
  void placeholdersAreABuildFailureLoggedWhereTheyAreWrittenAndNothingIsWritten() throws IOException {
    // given: MAIA's templates copied into the project and only partly filled in
    Path from = basedir.resolve("maia-config");
    Path shapes = FIXTURES.resolveSibling("unfilled-template");
    try (var files = Files.walk(shapes)) {
      for (Path p : files.toList()) {
        Path target = from.resolve(shapes.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    ImportMojo mojo = mojo();
    mojo.from = from.toFile();

    // when / then: one ERROR line per placeholder, relative to the project, and the summary lists them
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("maia:import: nothing was written: 2 values of maia-config can not be imported:\n  "
            + "maia-config/demo-cluster.yaml:2:1 /domain: '<your_domain>' is a placeholder");
    assertThat(log.lines).filteredOn(line -> line.startsWith("ERROR ")).containsExactly(
        "ERROR maia-config/demo-cluster.yaml:2:1 /domain: '<your_domain>' is a placeholder of MAIA's configuration templates, not a"
            + " value the installation was configured with (fill in the installation's own value, or remove the field, and import again)",
        "ERROR maia-config/projects/maia-namespace.yaml:4:9 /users/0: '<user_email>' is a placeholder of MAIA's configuration"
            + " templates, not a value the installation was configured with (fill in the installation's own value, or remove the"
            + " field, and import again)");
    assertThat(basedir.resolve("platform.yaml")).doesNotExist();
    assertThat(basedir.resolve("IMPORT-NOTES.md")).doesNotExist();
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
