package dev.maia.gitops;

import dev.maia.core.validate.UrlCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the generated tree is published: a Git repository (a URL, or a folder on this machine), a
 * branch, and a folder inside the branch ({@code ""} for its root). A URL holds no credentials (see
 * {@link UrlCredentials}): the login is given apart from it ({@link GitCredentials}), so that it
 * never shows in a message, a log line or the name of the cache folder.
 */
public record GitOpsTarget(String repository, String branch, String path) {

  /** {@code user@host:path}, Git's short form of an SSH URL. */
  private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.+-]+@[\\w.-]+:.*");

  public GitOpsTarget {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(branch, "branch");
    path = path == null ? "" : path.replace('\\', '/').replaceAll("^/+|/+$", "");
    if (repository.isBlank()) {
      throw new IllegalArgumentException("the GitOps repository is empty");
    }
    if (UrlCredentials.find(repository).isPresent()) {
      throw new IllegalArgumentException("the GitOps repository '" + UrlCredentials.mask(repository) + "' holds credentials before its"
          + " host; write '" + UrlCredentials.strip(repository) + "' and pass the token with maia.git.tokenEnv (or the key with"
          + " maia.git.sshKey)");
    }
    if (branch.isBlank() || branch.startsWith("refs/") || branch.contains("..")) {
      throw new IllegalArgumentException("'" + branch + "' is not a branch name; write it like gitops");
    }
    if (path.contains("..")) {
      throw new IllegalArgumentException("the GitOps path '" + path + "' leaves the repository");
    }
  }

  /** The full name of the branch, {@code refs/heads/BRANCH}. */
  public String ref() {
    return "refs/heads/" + branch;
  }

  /** The prefix of every published file inside the branch: {@code ""} or {@code PATH/}. */
  public String prefix() {
    return path.isEmpty() ? "" : path + "/";
  }

  /** The repository as a folder on this machine, when it is not a URL. */
  public Optional<Path> localRepository() {
    if (repository.contains("://") || SCP_LIKE.matcher(repository).matches()) {
      return repository.startsWith("file://") ? Optional.of(Path.of(URI.create(repository))) : Optional.empty();
    }
    return Optional.of(Path.of(repository));
  }

  /** {@code gitops} or {@code gitops:clusters/prod}: the branch and folder, for messages. */
  public String describe() {
    return path.isEmpty() ? branch : branch + ":" + path;
  }
}
