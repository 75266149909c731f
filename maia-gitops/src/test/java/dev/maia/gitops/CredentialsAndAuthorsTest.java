package dev.maia.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.gitops.git.SourceRevision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsAndAuthorsTest {

  @Test
  void theTokenIsMaskedInEveryMessageAndNeverPrinted() {
    // given
    GitCredentials token = GitCredentials.tokenFromEnvironment("GITOPS_TOKEN", null, Map.of("GITOPS_TOKEN", "glpat-abc123\n"));

    // when / then
    assertThat(token.mask("push to https://x-access-token:glpat-abc123@git.example.org/r.git failed: glpat-abc123"))
        .isEqualTo("push to https://x-access-token:****@git.example.org/r.git failed: ****");
    assertThat(token.mask("https://ci:other-secret@host/repo.git")).isEqualTo("https://ci:****@host/repo.git");
    assertThat(token.toString()).isEqualTo("token of x-access-token").doesNotContain("glpat");
    assertThat(token.username()).contains(GitCredentials.TOKEN_USER);
    assertThat(GitCredentials.ssh(Path.of("keys/id_ed25519"), null, true)).hasToString("SSH key id_ed25519");
  }

  @Test
  void anUnsetTokenVariableIsNamedWithoutAValue() {
    assertThatThrownBy(() -> GitCredentials.tokenFromEnvironment("GITOPS_TOKEN", "ci", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maia.git.tokenEnv names the environment variable GITOPS_TOKEN, which is not set; set it to the token");
  }

  @Test
  void theAuthorComesFromTheParameterTheCiOrAFixedIdentity() {
    assertThat(Authors.resolve("Jane Doe <jane@example.org>", Map.of("GITHUB_ACTOR", "octocat")))
        .extracting(PersonIdent::getName, PersonIdent::getEmailAddress).containsExactly("Jane Doe", "jane@example.org");
    assertThat(Authors.resolve(null, Map.of("GITLAB_USER_NAME", "Ada", "GITLAB_USER_EMAIL", "ada@example.org")))
        .extracting(PersonIdent::getName, PersonIdent::getEmailAddress).containsExactly("Ada", "ada@example.org");
    assertThat(Authors.resolve("", Map.of("GITHUB_ACTOR", "octocat", "GITHUB_ACTOR_ID", "583231")))
        .extracting(PersonIdent::getName, PersonIdent::getEmailAddress)
        .containsExactly("octocat", "583231+octocat@users.noreply.github.com");
    assertThat(Authors.resolve(null, Map.of()))
        .extracting(PersonIdent::getName, PersonIdent::getEmailAddress).containsExactly("maia-maven-plugin", "maia@localhost");
    assertThatThrownBy(() -> Authors.resolve("just a name", Map.of()))
        .hasMessage("'just a name' is not an author; write it like Jane Doe <jane@example.org>");
  }

  @Test
  void theTargetKnowsUrlsFromFolders() {
    assertThat(new GitOpsTarget("https://git.example.org/gitops.git", "gitops", "/prod/").prefix()).isEqualTo("prod/");
    assertThat(new GitOpsTarget("git@git.example.org:maia/gitops.git", "gitops", "").localRepository()).isEmpty();
    assertThat(new GitOpsTarget("../gitops.git", "gitops", null).localRepository()).contains(Path.of("../gitops.git"));
    assertThatThrownBy(() -> new GitOpsTarget("x", "refs/heads/gitops", "")).hasMessageContaining("is not a branch name");
  }

  @Test
  void aTargetUrlWithCredentialsIsRefusedWithoutShowingThemAndAnSshLoginIsNot() {
    assertThatThrownBy(() -> new GitOpsTarget("https://oauth2:glpat-in-the-url@git.example.org/maia/gitops.git", "gitops", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the GitOps repository 'https://****@git.example.org/maia/gitops.git' holds credentials before its host; write"
            + " 'https://git.example.org/maia/gitops.git' and pass the token with maia.git.tokenEnv (or the key with maia.git.sshKey)");
    assertThatThrownBy(() -> new GitOpsTarget("https://glpat-as-user@git.example.org/gitops.git", "gitops", ""))
        .hasMessageNotContaining("glpat");
    assertThat(new GitOpsTarget("ssh://git@git.example.org/maia/gitops.git", "gitops", "").localRepository()).isEmpty();
  }

  @Test
  void theSourceRevisionIsReadFromThePlatformRepoWithoutCredentials(@TempDir Path temp) throws Exception {
    // given: a platform repo cloned with a token in its URL, two commits
    List<SourceRevision> chain = GitFixtures.platformChain(temp, 2);
    try (Git git = Git.open(temp.toFile())) {
      var config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", "https://gitlab-ci-token:glpat-xyz@git.example.org/maia/platform.git");
      config.save();
    }
    Files.createDirectories(temp.resolve("infra"));

    // when
    SourceRevision head = SourceRevision.read(temp.resolve("infra"), null);
    SourceRevision first = SourceRevision.read(temp, chain.get(0).commit().substring(0, 10));
    SourceRevision outside = SourceRevision.read(temp.getRoot(), null);

    // then
    assertThat(head.repository()).isEqualTo("https://git.example.org/maia/platform.git");
    assertThat(head.commit()).isEqualTo(chain.get(1).commit());
    assertThat(head.time()).isEqualTo(chain.get(1).time());
    assertThat(head.repositoryFolder()).isPresent();
    assertThat(first.commit()).isEqualTo(chain.get(0).commit());
    assertThat(outside.commit()).isNull();
    assertThat(outside.shortCommit()).isEqualTo("unknown");
  }
}
