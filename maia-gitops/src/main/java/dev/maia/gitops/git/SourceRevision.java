package dev.maia.gitops.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;

/**
 * The platform repo's commit a tree was generated from: its URL (without credentials), commit id
 * and commit time, and where the repository is on this machine (to compare commits by ancestry).
 * Every part may be unknown when the platform folder is not in a Git work tree.
 *
 * @param repository the URL of remote {@code origin}, or null
 * @param commit the full commit id, or null
 * @param time the commit's committer time, or null
 * @param gitDir the platform repository's .git folder, or null
 */
public record SourceRevision(String repository, String commit, Instant time, Path gitDir) {

  public static SourceRevision unknown() {
    return new SourceRevision(null, null, null, null);
  }

  /**
   * Reads the repository that holds {@code platformFolder}: HEAD, or {@code commitOverride} when
   * set (a commit id or any revision Git understands).
   */
  public static SourceRevision read(Path platformFolder, String commitOverride) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(platformFolder.toAbsolutePath().toFile());
    if (builder.getGitDir() == null) {
      return commitOverride == null ? unknown() : new SourceRevision(null, commitOverride, null, null);
    }
    try (Repository repository = builder.build()) {
      String origin = repository.getConfig().getString("remote", "origin", "url");
      ObjectId id = repository.resolve(commitOverride == null ? "HEAD" : commitOverride + "^{commit}");
      Path gitDir = repository.getDirectory().toPath();
      if (id == null) {
        return new SourceRevision(withoutCredentials(origin), commitOverride, null, gitDir);
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit commit = walk.parseCommit(id);
        return new SourceRevision(withoutCredentials(origin), id.name(), commit.getCommitterIdent().getWhenAsInstant(), gitDir);
      }
    }
  }

  /** {@code https://host/repo.git} for {@code https://user:token@host/repo.git}. */
  static String withoutCredentials(String url) {
    if (url == null) {
      return null;
    }
    try {
      URIish uri = new URIish(url);
      if (uri.getPass() == null && (uri.getUser() == null || !isHttp(uri))) {
        return url;
      }
      uri = uri.setPass(null);
      return (isHttp(uri) ? uri.setUser(null) : uri).toString();
    } catch (URISyntaxException e) {
      return url.replaceAll("://[^/@]*@", "://");
    }
  }

  private static boolean isHttp(URIish uri) {
    return uri.getScheme() != null && uri.getScheme().startsWith("http");
  }

  /** The first twelve characters of the commit id, or {@code unknown}. */
  public String shortCommit() {
    return commit == null ? "unknown" : commit.substring(0, Math.min(12, commit.length()));
  }

  public Optional<Path> repositoryFolder() {
    return Optional.ofNullable(gitDir);
  }
}
