package dev.maia.gitops.git;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Builds the tree of the next commit: the branch's tree with the generator's files under the
 * published folder replaced by the new ones. Files outside the folder, and files inside it that
 * the generator does not own, are kept as they are.
 */
final class TreeAssembler {

  private TreeAssembler() {}

  static ObjectId assemble(Repository repository, ObjectInserter inserter, BranchSnapshot branch, Map<String, byte[]> files)
      throws IOException {
    String prefix = branch.prefix();
    Set<String> generated = new HashSet<>();
    Set<String> generatedFolders = new HashSet<>();
    for (String file : files.keySet()) {
      generated.add(prefix + file);
      for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
        generatedFolders.add(prefix + file.substring(0, slash));
      }
    }
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    if (branch.tip().isPresent()) {
      try (TreeWalk walk = new TreeWalk(repository)) {
        walk.addTree(branch.tip().get().getTree());
        walk.setRecursive(true);
        while (walk.next()) {
          String path = walk.getPathString();
          boolean owned = path.startsWith(prefix) && branch.owns(path.substring(prefix.length()), files.keySet());
          if (owned || generated.contains(path) || generatedFolders.contains(path) || underGeneratedFile(path, generated)) {
            continue;
          }
          DirCacheEntry kept = new DirCacheEntry(path);
          kept.setFileMode(walk.getFileMode(0));
          kept.setObjectId(walk.getObjectId(0));
          builder.add(kept);
        }
      }
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      DirCacheEntry entry = new DirCacheEntry(prefix + file.getKey());
      entry.setFileMode(FileMode.REGULAR_FILE);
      entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
      builder.add(entry);
    }
    builder.finish();
    ObjectId tree = index.writeTree(inserter);
    inserter.flush();
    return tree;
  }

  /** A kept file inside a folder whose name the generator now uses for a file. */
  private static boolean underGeneratedFile(String path, Set<String> generated) {
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (generated.contains(path.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }
}
