package dev.maia.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maia:diff and maia:push against a bare repository in a folder, on a copy of the example platform. */
class GitOpsMojosTest {

  private static final Path EXAMPLE = Path.of("..", "example-platform-repo").toAbsolutePath().normalize();

  @TempDir Path basedir;

  private final RecordingLog log = new RecordingLog();
  private Path remote;

  @BeforeEach
  void copyTheExampleAndCreateTheRemote() throws Exception {
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !EXAMPLE.relativize(f).startsWith("target")).toList()) {
        Path copy = basedir.resolve("platform").resolve(EXAMPLE.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
    remote = basedir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
  }

  private <T extends AbstractGitOpsMojo> T configure(T mojo) {
    mojo.setLog(log);
    mojo.basedir = basedir.toFile();
    mojo.platform = basedir.resolve("platform/platform.yaml").toFile();
    mojo.outputDirectory = basedir.resolve("target/gitops").toFile();
    mojo.workDirectory = basedir.resolve("target/maia").toFile();
    mojo.now = "2026-11-26T00:00:00Z";
    mojo.gitopsRepo = "gitops.git";
    mojo.strictHostKeyChecking = true;
    mojo.username = "x-access-token";
    mojo.environment = Map.of("GITLAB_USER_NAME", "Ada", "GITLAB_USER_EMAIL", "ada@example.org");
    return mojo;
  }

  private PushMojo push() {
    PushMojo mojo = configure(new PushMojo());
    mojo.retries = 5;
    return mojo;
  }

  @Test
  void diffAgainstAMissingBranchReportsEverythingAddedAndCanFailOnIt() throws Exception {
    // given
    DiffMojo diff = configure(new DiffMojo());

    // when
    diff.execute();

    // then
    assertThat(log.lines).contains("INFO   cluster kth-main added", "INFO   project brain-mets gains workspace on ki-hospital")
        .anySatisfy(line -> assertThat(line).matches(
            "INFO Compared target/gitops with branch gitops \\(not created yet\\) in gitops.git: \\d+ added, 0 changed, 0 removed\\."));
    assertThat(basedir.resolve("target/maia/diff.md")).content(UTF_8).contains("#### Platform changes", "- cluster kth-main added");
    assertThat(basedir.resolve("target/maia/report.html")).exists();
    DiffMojo strict = configure(new DiffMojo());
    strict.failOnDiff = true;
    assertThatThrownBy(strict::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("maia.failOnDiff is true");
  }

  @Test
  void anInvalidPlatformStillWritesTheReportsBeforeFailing() throws Exception {
    // given
    Path projects = basedir.resolve("platform/projects/brain-mets.yaml");
    Files.writeString(projects, Files.readString(projects).replace("cluster: ki-hospital", "cluster: ki-hospitl"), UTF_8);

    // when / then
    assertThatThrownBy(configure(new DiffMojo())::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("ki-hospitl");
    assertThat(basedir.resolve("target/maia/report.sarif")).content(UTF_8)
        .contains("\"uri\" : \"platform/projects/brain-mets.yaml\"", "\"startLine\" : 4");
    assertThat(basedir.resolve("target/maia/report-junit.xml")).content(UTF_8).contains("failures=\"1\"");
    assertThat(basedir.resolve("target/gitops")).doesNotExist();
  }

  @Test
  void pushCommitsOnceAndTheDeletionGuardStopsDiffAndPush() throws Exception {
    // given
    PushMojo first = push();
    first.sourceCommit = "0123456789abcdef0123456789abcdef01234567";
    first.execute();
    push().execute();
    Files.delete(basedir.resolve("platform/projects/vertebra-ct.yaml"));

    // when / then
    assertThatThrownBy(configure(new DiffMojo())::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("maia:diff would delete 5 Applications and namespaces, more than maia.allowDeletions=0 allows:")
        .hasMessageContaining("Application argocd/vertebra-ct-namespace-kth-main (argocd/apps/kth-main/vertebra-ct-namespace.yaml)")
        .hasMessageContaining("Namespace vertebra-ct (clusters/kth-main/projects/vertebra-ct/resources.yaml)");
    assertThat(basedir.resolve("target/maia/diff.md")).content(UTF_8).contains("Blocked: 5 Applications and namespaces");
    assertThatThrownBy(push()::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("maia:push would delete 5");
    try (Repository repository = Git.open(remote.toFile()).getRepository(); RevWalk walk = new RevWalk(repository)) {
      RevCommit tip = walk.parseCommit(repository.resolve("refs/heads/gitops"));
      assertThat(tip.getParentCount()).isZero();
      assertThat(tip.getAuthorIdent().getName()).isEqualTo("Ada");
      assertThat(tip.getFullMessage()).contains("Maia-Source-Commit: 0123456789abcdef0123456789abcdef01234567");
    }
    assertThat(log.lines).anySatisfy(line -> assertThat(line).startsWith("INFO Pushed commit "))
        .anySatisfy(line -> assertThat(line).startsWith("INFO Nothing to push: gitops of gitops.git already holds this tree"));
  }

  @Test
  void aRepositoryParameterWithCredentialsIsABuildFailureThatDoesNotShowThem() {
    // given
    PushMojo push = push();
    push.gitopsRepo = "https://ci:" + "pw-in-the-url" + "@git.example.org/maia/gitops.git";

    // when / then
    assertThatThrownBy(push::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("maia.gitops: the GitOps repository 'https://****@git.example.org/maia/gitops.git' holds credentials")
        .hasMessageContaining("maia.git.tokenEnv")
        .hasMessageNotContaining("pw-in-the-url");
    assertThat(log.lines).noneSatisfy(line -> assertThat(line).contains("pw-in-the-url"));
  }

  @Test
  void aDryRunPushesNothingAndAMissingTokenIsNamed() throws IOException {
    // given
    PushMojo dry = push();
    dry.dryRun = true;
    PushMojo tokenless = push();
    tokenless.tokenEnv = "GITOPS_TOKEN";

    // when / then
    assertThatThrownBy(tokenless::execute).isInstanceOf(MojoFailureException.class)
        .hasMessage("maia.git.tokenEnv names the environment variable GITOPS_TOKEN, which is not set; set it to the token");
    try {
      dry.execute();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(log.lines).anySatisfy(line -> assertThat(line).startsWith("INFO Dry run: would commit "))
        .anySatisfy(line -> assertThat(line).startsWith("INFO   | Maia-Version: "));
    try (Repository repository = Git.open(remote.toFile()).getRepository()) {
      assertThat(repository.exactRef("refs/heads/gitops")).isNull();
    }
  }
}
