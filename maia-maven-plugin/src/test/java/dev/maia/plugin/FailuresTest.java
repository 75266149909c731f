package dev.maia.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.load.SourceLocation;
import dev.maia.core.output.Finding;
import dev.maia.core.output.SecurityRule;
import dev.maia.core.output.UnsafeOutputException;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  private final Path basedir = Path.of("repo").toAbsolutePath();
  private final ProjectPaths paths = new ProjectPaths(basedir);
  private final RecordingLog log = new RecordingLog();

  private static Problem problem(String file, int line, int column, String pointer, String message, String hint) {
    return new Problem(new SourceLocation(file, line, column), pointer, message, hint);
  }

  @Test
  void anInvalidPlatformIsABuildFailureListingEveryProblemInOrder() {
    // given: three problems, handed over out of order
    InvalidPlatformException invalid =
        new InvalidPlatformException(
            List.of(
                problem("projects/a.yaml", 3, 5, "/spec/projects/1/users", "must be a list", null),
                problem("platform.yaml", 42, 7, "/spec/projects/0/cluster", "'ki-hospitl' is not a cluster", "did you mean 'ki-hospital'?"),
                problem("platform.yaml", 9, 3, "/spec/gitops", "repoURL is missing", "add spec.gitops.repoURL")));

    // when
    MojoFailureException failure = Failures.invalidPlatform(invalid, basedir.resolve("platform.yaml"), paths, log);

    // then
    assertThat(failure)
        .hasMessage(
            "platform.yaml has 3 problems:\n"
                + "  platform.yaml:9:3 /spec/gitops: repoURL is missing (add spec.gitops.repoURL)\n"
                + "  platform.yaml:42:7 /spec/projects/0/cluster: 'ki-hospitl' is not a cluster (did you mean 'ki-hospital'?)\n"
                + "  projects/a.yaml:3:5 /spec/projects/1/users: must be a list")
        .hasNoCause(); // Maven would append the cause's message to the summary: the same list again
  }

  @Test
  void eachProblemIsAlsoLoggedAtErrorOnItsOwnLine() {
    // given
    InvalidPlatformException invalid =
        new InvalidPlatformException(
            List.of(
                problem("platform.yaml", 42, 7, "/spec/projects/0/cluster", "'x' is not a cluster", null),
                problem("platform.yaml", 9, 3, "/spec/gitops", "repoURL is missing", null)));

    // when
    Failures.invalidPlatform(invalid, basedir.resolve("platform.yaml"), paths, log);

    // then
    assertThat(log.lines)
        .containsExactly(
            "ERROR platform.yaml:9:3 /spec/gitops: repoURL is missing",
            "ERROR platform.yaml:42:7 /spec/projects/0/cluster: 'x' is not a cluster");
  }

  @Test
  void oneProblemIsCountedInTheSingular() {
    // given
    InvalidPlatformException invalid =
        new InvalidPlatformException(List.of(problem("platform.yaml", 1, 1, "", "the platform file does not exist", null)));

    // when
    MojoFailureException failure = Failures.invalidPlatform(invalid, basedir.resolve("platform.yaml"), paths, log);

    // then
    assertThat(failure).hasMessage("platform.yaml has 1 problem:\n  platform.yaml:1:1 /: the platform file does not exist");
  }

  @Test
  void problemsOfAPlatformInASubfolderAreLocatedRelativeToTheProject() {
    // given
    InvalidPlatformException invalid =
        new InvalidPlatformException(
            List.of(
                problem("platform.yaml", 2, 1, "/kind", "must be Platform", null),
                problem("projects/b.yaml", 4, 9, "/projects/0/name", "must be a DNS label", null)));

    // when
    MojoFailureException failure =
        Failures.invalidPlatform(invalid, basedir.resolve("infra/platform.yaml"), paths, log);

    // then
    assertThat(failure)
        .hasMessage(
            "infra/platform.yaml has 2 problems:\n"
                + "  infra/platform.yaml:2:1 /kind: must be Platform\n"
                + "  infra/projects/b.yaml:4:9 /projects/0/name: must be a DNS label");
    assertThat(log.at("ERROR"))
        .containsExactly(
            "infra/platform.yaml:2:1 /kind: must be Platform",
            "infra/projects/b.yaml:4:9 /projects/0/name: must be a DNS label");
  }

  @Test
  void anythingElseIsABuildErrorThatKeepsItsCause() {
    // given
    RuntimeException broken = new UncheckedIOException("cannot write target/gitops", new IOException("disk full"));

    // when
    MojoExecutionException error = Failures.unexpected("generate", broken);

    // then
    assertThat(error)
        .hasMessage("maia:generate failed: java.io.UncheckedIOException: cannot write target/gitops")
        .hasCause(broken);
  }

  @Test
  void aBadParameterIsABuildFailureNamingPropertyAndValue() {
    // given // when
    MojoFailureException failure = Failures.badParameter("maia.now", "soon", "an ISO-8601 instant");

    // then
    assertThat(failure).hasMessage("maia.now 'soon' is not an ISO-8601 instant");
  }

  @Test
  void unsafeOutputIsABuildFailureListingEveryFinding() {
    // given
    UnsafeOutputException unsafe =
        new UnsafeOutputException(
            List.of(
                new Finding("argocd/apps/c/p-workspace.yaml", 0, "Application/p-workspace-c", SecurityRule.NO_CREDENTIALS, "a literal under hub.cookieSecret"),
                new Finding("argocd/appprojects/p.yaml", 0, "AppProject/p", SecurityRule.APPPROJECT_SCOPE, "sourceRepos has '*'")));

    // when
    MojoFailureException failure = Failures.unsafeOutput(unsafe, log);

    // then
    assertThat(failure.getMessage())
        .startsWith("the generated tree would be unsafe, so nothing was written (2 findings):")
        .contains("AppProject/p", "Application/p-workspace-c");
    assertThat(log.at("ERROR")).hasSize(2);
  }
}
