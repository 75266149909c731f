package dev.maia.gitops.git;

import dev.maia.gitops.DiffResult;
import dev.maia.gitops.GeneratedFiles;
import dev.maia.gitops.GitCredentials;
import dev.maia.gitops.GitOpsException;
import dev.maia.gitops.GitOpsTarget;
import dev.maia.gitops.diff.Diff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Compares a generated tree with the GitOps branch: a repository on this machine is read directly,
 * a remote one is fetched into the cache first. A missing branch means everything is added.
 */
public final class BranchReader {

  private BranchReader() {}

  public static DiffResult diff(GitOpsTarget target, GitCredentials credentials, Path cacheDirectory, SortedMap<String, byte[]> files) {
    return diff(target, credentials, cacheDirectory, files, BlobIds.none());
  }

  /**
   * Compares a generated tree read by {@link GeneratedFiles#tree}: the blob ids of its files are
   * remembered in {@code cacheDirectory} by their SHA-256, so that the next diff hashes only the
   * files that changed.
   */
  public static DiffResult diff(GitOpsTarget target, GitCredentials credentials, Path cacheDirectory, GeneratedFiles.Tree tree) {
    BlobIds ids = BlobIds.read(cacheDirectory.resolve(BlobIds.FILE), tree.sha256());
    DiffResult result = diff(target, credentials, cacheDirectory, tree.files(), ids);
    ids.write();
    return result;
  }

  private static DiffResult diff(
      GitOpsTarget target, GitCredentials credentials, Path cacheDirectory, SortedMap<String, byte[]> files, BlobIds ids) {
    Optional<Path> local = target.localRepository();
    try {
      if (local.isPresent()) {
        if (!Files.isDirectory(local.get())) {
          throw new GitOpsException("the GitOps repository " + local.get() + " is not a folder; set maia.gitops.repo to a Git URL or a repository folder");
        }
        try (Repository repository = RemoteBranch.openLocal(local.get())) {
          return compare(repository, RemoteBranch.readLocal(repository, target), target, files, ids);
        }
      }
      try (Repository cache = RemoteBranch.openCache(cacheDirectory, target.repository());
          GitSession session = new GitSession(target.repository(), credentials)) {
        return compare(cache, RemoteBranch.fetch(cache, session, target), target, files, ids);
      }
    } catch (TransportException e) {
      throw new GitOpsException(credentials.mask("cannot read branch " + target.branch() + " of " + target.repository() + ": " + e.getMessage()), null);
    } catch (IOException e) {
      throw new GitOpsException(credentials.mask("cannot read the GitOps repository " + target.repository() + ": " + e.getMessage()), null);
    }
  }

  private static DiffResult compare(Repository repository, ObjectId tip, GitOpsTarget target, SortedMap<String, byte[]> files, BlobIds ids)
      throws IOException {
    BranchSnapshot branch = BranchSnapshot.read(repository, tip, target.prefix());
    Diff diff = branch.compare(files, ids);
    String where = target.path().isEmpty() ? "" : " (folder " + target.path() + ")";
    String against = tip == null
        ? "branch " + target.branch() + where + " (not created yet)"
        : "branch " + target.branch() + where + " at " + tip.abbreviate(12).name();
    return new DiffResult(against, tip == null ? null : tip.name(), diff);
  }
}
