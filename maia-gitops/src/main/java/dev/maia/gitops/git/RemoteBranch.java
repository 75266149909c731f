package dev.maia.gitops.git;

import dev.maia.gitops.GitOpsTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.util.sha1.SHA1;

/**
 * The GitOps branch of a remote repository, fetched into a bare cache repository of our own (one
 * per remote, reused between runs so that only new objects travel).
 */
public final class RemoteBranch {

  private RemoteBranch() {}

  /** Where the cache keeps the fetched tip of {@code branch}. */
  static String trackingRef(String branch) {
    return "refs/maia/" + branch;
  }

  /** Opens (creating it on first use) the cache repository for {@code remote} under {@code cacheRoot}. */
  public static Repository openCache(Path cacheRoot, String remote) throws IOException {
    String name = remote.replaceAll("^[a-z+]+://", "").replaceAll("[^A-Za-z0-9._-]+", "_");
    if (name.length() > 60) {
      name = name.substring(name.length() - 60);
    }
    SHA1 hash = SHA1.newInstance();
    hash.update(remote.getBytes(StandardCharsets.UTF_8));
    Path dir = cacheRoot.resolve(name + "-" + hash.toObjectId().abbreviate(8).name());
    if (!Files.isDirectory(dir.resolve("objects"))) {
      Files.createDirectories(dir);
      try {
        Git.init().setBare(true).setDirectory(dir.toFile()).call().close();
      } catch (GitAPIException e) {
        throw new IOException("cannot create the cache repository " + dir + ": " + e.getMessage(), e);
      }
    }
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
  }

  /**
   * Fetches the branch into {@code cache} and returns its tip, or null when the remote has no such
   * branch (then nothing has been published yet).
   */
  public static ObjectId fetch(Repository cache, GitSession session, GitOpsTarget target) throws IOException {
    Ref advertised;
    try (Transport transport = session.open(cache); FetchConnection connection = transport.openFetch()) {
      advertised = connection.getRef(target.ref());
    }
    String tracking = trackingRef(target.branch());
    if (advertised == null) {
      Ref stale = cache.exactRef(tracking);
      if (stale != null) {
        RefUpdate delete = cache.updateRef(tracking);
        delete.setForceUpdate(true);
        delete.delete();
      }
      return null;
    }
    try (Transport transport = session.open(cache)) {
      transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + target.ref() + ":" + tracking)));
    }
    Ref fetched = cache.exactRef(tracking);
    return fetched == null ? null : fetched.getObjectId();
  }

  /** The tip of the branch in a repository on this machine, read directly; null when it is missing. */
  public static ObjectId readLocal(Repository local, GitOpsTarget target) throws IOException {
    Ref ref = local.exactRef(target.ref());
    return ref == null ? null : ref.getObjectId();
  }

  /** Opens a repository on this machine: a bare one, or the .git of a work tree. */
  public static Repository openLocal(Path folder) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
    if (Files.isDirectory(folder.resolve(".git"))) {
      builder.setWorkTree(folder.toFile());
    } else {
      builder.setGitDir(folder.toFile()).setBare();
    }
    return builder.build();
  }
}
