package dev.maia.gitops.git;

import dev.maia.core.model.ChartRef;
import dev.maia.core.verify.chart.ChartUnavailableException;
import dev.maia.core.verify.chart.ChartUnavailableException.Reason;
import dev.maia.core.verify.chart.GitFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The chart folders of Git repositories, for {@code maia:verify}: the tag alone is fetched (depth 1)
 * into a scratch repository without a work tree, and the folder's files read from the tag's tree.
 * Anonymous: the charts a platform pins from Git are public (the local-path provisioner's).
 */
public final class ChartFolders implements GitFolders {

  private static final int TIMEOUT_SECONDS = 60;

  @Override
  public SortedMap<String, byte[]> files(ChartRef ref, long maxBytes) {
    String tag = "refs/tags/" + ref.version();
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("maia-chart-folder");
      try (Git git = Git.init().setBare(true).setDirectory(scratch.toFile()).call()) {
        git.fetch().setRemote(ref.repoURL()).setRefSpecs(new RefSpec("+" + tag + ":" + tag)).setDepth(1)
            .setTimeout(TIMEOUT_SECONDS).call();
        return read(ref, git.getRepository(), maxBytes);
      }
    } catch (GitAPIException e) {
      String message = String.valueOf(e.getMessage());
      Reason reason = message.contains("not have " + tag) || message.contains(tag + " available") ? Reason.NOT_FOUND : Reason.UNREACHABLE;
      throw new ChartUnavailableException(ref, reason, reason == Reason.NOT_FOUND
          ? "the Git repository " + ref.repoURL() + " has no tag " + ref.version()
          : "cannot fetch the tag " + ref.version() + " of " + ref.repoURL() + ": " + message);
    } catch (IOException e) {
      throw new ChartUnavailableException(ref, Reason.UNREACHABLE, "cannot read the tag " + ref.version() + " of " + ref.repoURL()
          + ": " + e.getMessage());
    } finally {
      delete(scratch);
    }
  }

  private static SortedMap<String, byte[]> read(ChartRef ref, Repository repository, long maxBytes) throws IOException {
    ObjectId commitId = repository.resolve("refs/tags/" + ref.version() + "^{commit}");
    if (commitId == null) {
      throw new ChartUnavailableException(ref, Reason.NOT_FOUND, "the Git repository " + ref.repoURL() + " has no tag " + ref.version());
    }
    String folder = ref.chart().replaceAll("^/+|/+$", "");
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(commitId);
      ObjectId root = commit.getTree();
      if (!folder.isEmpty()) {
        try (TreeWalk at = TreeWalk.forPath(repository, folder, commit.getTree())) {
          if (at == null || !FileMode.TREE.equals(at.getFileMode(0))) {
            throw new ChartUnavailableException(ref, Reason.NOT_FOUND, "the tag " + ref.version() + " of " + ref.repoURL()
                + " has no folder " + folder);
          }
          root = at.getObjectId(0);
        }
      }
      long total = 0;
      try (TreeWalk entries = new TreeWalk(repository)) {
        entries.addTree(root);
        entries.setRecursive(true);
        while (entries.next()) {
          FileMode mode = entries.getFileMode(0);
          if (FileMode.SYMLINK.equals(mode) || FileMode.GITLINK.equals(mode)) {
            throw new ChartUnavailableException(ref, Reason.INVALID, folder + "/" + entries.getPathString() + " at tag " + ref.version()
                + " of " + ref.repoURL() + " is a " + (FileMode.SYMLINK.equals(mode) ? "link" : "submodule")
                + ": a chart folder must hold its files, which the tag pins");
          }
          ObjectLoader blob = repository.open(entries.getObjectId(0));
          total += blob.getSize();
          if (total > maxBytes) {
            throw new ChartUnavailableException(ref, Reason.INVALID, "the folder " + folder + " at tag " + ref.version() + " of "
                + ref.repoURL() + " holds more than " + maxBytes / (1024 * 1024) + " MiB");
          }
          files.put(entries.getPathString(), blob.getBytes());
        }
      }
    }
    return files;
  }

  private static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a scratch folder left in the temporary folder
    }
  }
}
