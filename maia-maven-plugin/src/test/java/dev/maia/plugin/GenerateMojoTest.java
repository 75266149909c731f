package dev.maia.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMojoTest {

  private static final Path EXAMPLE = Path.of("..", "example-platform-repo", "platform.yaml").toAbsolutePath().normalize();

  @TempDir Path basedir;

  private final RecordingLog log = new RecordingLog();

  private GenerateMojo mojo(Path platform) {
    GenerateMojo mojo = new GenerateMojo();
    mojo.setLog(log);
    mojo.basedir = basedir.toFile();
    mojo.platform = platform.toFile();
    mojo.outputDirectory = basedir.resolve("target").resolve("gitops").toFile();
    mojo.now = "2026-11-26T00:00:00Z";
    return mojo;
  }

  @Test
  void aBadNowIsABuildFailureBeforeAnythingIsReadOrWritten() {
    // given: a valid platform, so only the parameter can fail the build
    GenerateMojo mojo = mojo(EXAMPLE);
    mojo.now = "next tuesday";

    // when // then
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("maia.now 'next tuesday' is not an ISO-8601 instant")
        .hasMessageContaining("2026-11-26T00:00:00Z");
    assertThat(basedir.resolve("target")).doesNotExist();
  }

  @Test
  void anInvalidPlatformFailsTheBuildAndLeavesTheOutputAlone() throws IOException {
    // given
    Path platform = basedir.resolve("platform.yaml");
    Files.writeString(platform, "kind: Platform\nkind: Platform\n", UTF_8);
    Path earlier = basedir.resolve("target/gitops/clusters/a/kustomization.yaml");
    Files.createDirectories(earlier.getParent());
    Files.writeString(earlier, "resources: []\n", UTF_8);
    GenerateMojo mojo = mojo(platform);

    // when // then
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("platform.yaml:2:1 /kind: duplicate key 'kind'");
    assertThat(earlier).hasContent("resources: []");
    try (var files = Files.walk(basedir.resolve("target"))) {
      assertThat(files.filter(Files::isRegularFile)).containsExactly(earlier);
    }
  }

  @Test
  void aFrozenLockThatWouldChangeIsABuildFailureNamingTheLock() throws IOException {
    // given: a platform with an SSH user and no lock yet
    Path platform = basedir.resolve("platform.yaml");
    Files.writeString(platform, """
        apiVersion: maia/v1alpha1
        kind: Platform
        metadata: {name: frozen}
        spec:
          gitops: {repoURL: https://git.example.org/maia/gitops.git}
          argocd: {cluster: one}
          identity: {issuer: https://iam.example.org/realms/maia}
          secrets: {store: {name: vault}}
          clusters: [{name: one, server: https://kubernetes.default.svc, domain: one.example.org}]
          projects: [{name: lung, cluster: one, users: [a@x.org], tools: {workspace: {ssh: true}}}]
        """, UTF_8);
    GenerateMojo mojo = mojo(platform);
    mojo.lockFrozen = true;

    // when // then
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("maia.lock:1:1 /ports/one/ssh/lung/a@x.org: maia.lock is out of date")
        .hasMessageContaining("run maia:generate without maia.lock.frozen and commit maia.lock");
    assertThat(basedir.resolve("maia.lock")).doesNotExist();
    assertThat(basedir.resolve("target")).doesNotExist();

    // and without the flag the lock is written and the update logged
    mojo.lockFrozen = false;
    assertThatCode(mojo::execute).doesNotThrowAnyException();
    assertThat(basedir.resolve("maia.lock")).content(UTF_8).contains("a@x.org: 30000");
    assertThat(log.lines).contains("INFO Updated maia.lock: 1 port change(s).");
  }

  @Test
  void anOutputFolderThatCannotBeWrittenIsABuildErrorWithAPlainMessage() throws IOException {
    // given: a file stands where the output folder must go, which stops root as well as anyone
    GenerateMojo mojo = mojo(EXAMPLE);
    Path file = basedir.resolve("target/gitops");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "not a folder\n", UTF_8);

    // when // then: the folder and the cause in words; no exception class, no cause to print
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("maia:generate could not write its output: cannot write the output folder " + file)
        .hasMessageContaining(" while creating it and its .maia folder: ")
        .hasMessageEndingWith("; nothing in it was changed")
        .hasMessageNotContaining("Exception")
        .hasNoCause();
    assertThat(file).hasContent("not a folder");
    assertThat(log.at("DEBUG")).contains("maia:generate could not write its output folder");
  }

  @Test
  void aControlFolderThatIsALinkIsABuildErrorThatNamesItAndWritesNothing() throws IOException {
    // given: target/gitops/.maia leads to a folder elsewhere
    GenerateMojo mojo = mojo(EXAMPLE);
    Path out = Files.createDirectories(basedir.resolve("target/gitops"));
    Path elsewhere = Files.createDirectories(basedir.resolve("elsewhere"));
    Files.createSymbolicLink(out.resolve(".maia"), elsewhere);

    // when // then: the link in words, no exception class, no cause to print; nothing written through it
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("maia:generate could not write its output: the output folder " + out + " holds .maia (a symbolic link to "
            + elsewhere.toRealPath() + ", outside the output folder)")
        .hasMessageNotContaining("Exception")
        .hasNoCause();
    try (java.util.stream.Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void maiaSkipSkipsWithOneInfoLine() throws MojoExecutionException, MojoFailureException {
    // given: neither the platform nor maia.now would survive a real run
    GenerateMojo mojo = mojo(basedir.resolve("missing.yaml"));
    mojo.now = "not an instant";
    mojo.skip = true;

    // when
    mojo.execute();

    // then
    assertThat(log.lines).containsExactly("INFO Skipping maia:generate: maia.skip is true.");
    assertThat(basedir.resolve("target")).doesNotExist();
  }

  @Test
  void maiaGenerateSkipSkipsWithOneInfoLine() throws MojoExecutionException, MojoFailureException {
    // given
    GenerateMojo mojo = mojo(basedir.resolve("missing.yaml"));
    mojo.generateSkip = true;

    // when
    mojo.execute();

    // then
    assertThat(log.lines).containsExactly("INFO Skipping maia:generate: maia.generate.skip is true.");
    assertThat(basedir.resolve("target")).doesNotExist();
  }

  @Test
  void maiaSkipNamesItselfWhenBothSkipsAreSet() throws MojoExecutionException, MojoFailureException {
    // given
    GenerateMojo mojo = mojo(basedir.resolve("missing.yaml"));
    mojo.skip = true;
    mojo.generateSkip = true;

    // when
    mojo.execute();

    // then
    assertThat(log.lines).containsExactly("INFO Skipping maia:generate: maia.skip is true.");
  }
}
