package dev.maia.plugin;

import dev.maia.core.model.Platform;
import dev.maia.gitops.GitCredentials;
import dev.maia.gitops.GitOpsTarget;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code maia:diff} and {@code maia:push} share: they generate the tree first, then read the
 * GitOps branch ({@code spec.gitops}, which parameters may override) with the configured login.
 */
abstract class AbstractGitOpsMojo extends AbstractTreeMojo {

  /** The GitOps repository, a URL or a folder on this machine; default: {@code spec.gitops.repoURL}. */
  @Parameter(property = "maia.gitops.repo")
  String gitopsRepo;

  /** The GitOps branch; default: {@code spec.gitops.branch}. */
  @Parameter(property = "maia.gitops.branch")
  String gitopsBranch;

  /**
   * The name of an environment variable that holds an HTTPS token for the GitOps repository (for
   * example {@code GITOPS_TOKEN}). The token is sent as the password of {@code maia.git.username}
   * and never logged.
   */
  @Parameter(property = "maia.git.tokenEnv")
  String tokenEnv;

  /** The user name sent with the token. */
  @Parameter(property = "maia.git.username", defaultValue = GitCredentials.TOKEN_USER)
  String username;

  /** An SSH private key (OpenSSH or PEM format, without passphrase) for an {@code ssh://} repository. */
  @Parameter(property = "maia.git.sshKey")
  File sshKey;

  /** The known_hosts file that holds the SSH server's key; default: {@code ~/.ssh/known_hosts}. */
  @Parameter(property = "maia.git.knownHosts")
  File knownHosts;

  /** Whether the SSH server's key must be in the known_hosts file. Turn off only on a trusted network. */
  @Parameter(property = "maia.git.strictHostKeyChecking", defaultValue = "true")
  boolean strictHostKeyChecking;

  /**
   * How many Applications and namespaces a change may delete. More fails {@code maia:diff} and
   * makes {@code maia:push} refuse; both list what would be deleted.
   */
  @Parameter(property = "maia.allowDeletions", defaultValue = "0")
  int allowDeletions;

  /** The environment, where tokens and the CI's user are read from. */
  Map<String, String> environment = System.getenv();

  /** {@code spec.gitops} with the overrides; a relative folder is relative to the project. */
  GitOpsTarget target(Platform.GitOps spec) throws MojoFailureException {
    String repository = gitopsRepo == null || gitopsRepo.isBlank() ? spec.repoURL() : gitopsRepo.strip();
    String branch = gitopsBranch == null || gitopsBranch.isBlank() ? spec.branch() : gitopsBranch.strip();
    try {
      GitOpsTarget target = new GitOpsTarget(repository, branch, spec.path());
      return target.localRepository()
          .map(folder -> new GitOpsTarget(basedir.toPath().resolve(folder).normalize().toString(), target.branch(), target.path()))
          .orElse(target);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("maia.gitops: " + e.getMessage());
    }
  }

  /** The login the parameters describe. */
  GitCredentials credentials() throws MojoFailureException {
    try {
      if (tokenEnv != null && !tokenEnv.isBlank()) {
        return GitCredentials.tokenFromEnvironment(tokenEnv.strip(), username, environment);
      }
      if (sshKey != null || knownHosts != null || !strictHostKeyChecking) {
        return GitCredentials.ssh(path(sshKey), path(knownHosts), strictHostKeyChecking);
      }
      return GitCredentials.none();
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    }
  }

  /** {@code gitops-cache} in the work directory: fetched objects, kept between runs. */
  Path cacheDirectory() {
    return workDirectory.toPath().resolve("gitops-cache");
  }

  /** The repository as log lines show it: relative to the project when it is a folder. */
  String describe(GitOpsTarget target, ProjectPaths paths, GitCredentials credentials) {
    return target.localRepository().map(paths::relative).orElse(credentials.mask(target.repository()));
  }

  private static Path path(File file) {
    return file == null ? null : file.toPath();
  }
}
