package dev.maia.gitops.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maia.core.output.TreeWriter;
import dev.maia.gitops.diff.Diff;
import dev.maia.gitops.diff.TreeDiff;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The GitOps branch at one commit, as far as the generator is concerned: the files under the
 * published folder, and which of them the generator owns (those its {@code maia-index.json} lists,
 * and the index itself). Files it does not own are never changed or reported.
 */
public final class BranchSnapshot {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Repository repository;
  private final RevCommit tip;
  private final String prefix;
  private final Map<String, ObjectId> underPath;
  private final Set<String> indexed;

  private BranchSnapshot(Repository repository, RevCommit tip, String prefix, Map<String, ObjectId> underPath, Set<String> indexed) {
    this.repository = repository;
    this.tip = tip;
    this.prefix = prefix;
    this.underPath = underPath;
    this.indexed = indexed;
  }

  /** The branch at {@code tip} (null: the branch does not exist, everything is new). */
  public static BranchSnapshot read(Repository repository, ObjectId tip, String prefix) throws IOException {
    if (tip == null) {
      return new BranchSnapshot(repository, null, prefix, Map.of(), Set.of());
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(tip);
      Map<String, ObjectId> files = new TreeMap<>();
      try (TreeWalk tree = new TreeWalk(repository)) {
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        if (!prefix.isEmpty()) {
          tree.setFilter(PathFilter.create(prefix.substring(0, prefix.length() - 1)));
        }
        while (tree.next()) {
          if (tree.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
            files.put(tree.getPathString().substring(prefix.length()), tree.getObjectId(0));
          }
        }
      }
      BranchSnapshot snapshot = new BranchSnapshot(repository, commit, prefix, files, Set.of());
      return new BranchSnapshot(repository, commit, prefix, files, snapshot.readIndex());
    }
  }

  private Set<String> readIndex() throws IOException {
    ObjectId index = underPath.get(TreeWriter.INDEX);
    if (index == null) {
      return Set.of();
    }
    try {
      JsonNode files = JSON.readTree(bytes(index)).path("files");
      Set<String> names = new HashSet<>();
      files.fieldNames().forEachRemaining(names::add);
      return names;
    } catch (IOException e) {
      return Set.of(); // an index that is not JSON owns nothing; its own path is still owned
    }
  }

  /** The tip commit, empty when the branch does not exist. */
  public Optional<RevCommit> tip() {
    return Optional.ofNullable(tip);
  }

  public String prefix() {
    return prefix;
  }

  /** Every file under the published folder (relative to it) and its blob. */
  public Map<String, ObjectId> filesUnderPath() {
    return Collections.unmodifiableMap(underPath);
  }

  /**
   * Whether the generator owns {@code path} (relative to the folder): the branch's index lists it,
   * it is the index, or the generator produces it now ({@code generated}).
   */
  public boolean owns(String path, Collection<String> generated) {
    return path.equals(TreeWriter.INDEX) || indexed.contains(path) || generated.contains(path);
  }

  /**
   * What changes when {@code generated} (path relative to the folder to bytes) replaces the files
   * the generator owns on the branch. A file whose bytes have the Git blob id the branch already
   * holds is equal without reading the branch's copy, so the cost grows with the change, not with
   * the tree.
   */
  public Diff compare(SortedMap<String, byte[]> generated) throws IOException {
    return compare(generated, BlobIds.none());
  }

  /** As {@link #compare(SortedMap)}, with the blob ids of files an earlier run hashed taken from {@code ids}. */
  Diff compare(SortedMap<String, byte[]> generated, BlobIds ids) throws IOException {
    SortedMap<String, byte[]> before = new TreeMap<>();
    SortedMap<String, byte[]> after = new TreeMap<>();
    Set<String> same = generated.entrySet().parallelStream()
        .filter(file -> ids.of(file.getKey(), file.getValue()).equals(underPath.get(file.getKey())))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    generated.forEach((path, bytes) -> {
      if (!same.contains(path)) {
        after.put(path, bytes);
      }
    });
    for (Map.Entry<String, ObjectId> file : underPath.entrySet()) {
      if (!same.contains(file.getKey()) && owns(file.getKey(), generated.keySet())) {
        before.put(file.getKey(), bytes(file.getValue()));
      }
    }
    return TreeDiff.compare(before, after);
  }

  /**
   * The Git blob id of {@code bytes}, with the JDK's SHA-1 (several times faster than JGit's
   * collision-detecting one, whose protection matters for objects received, not for comparing our
   * own files; the push writes its blobs through JGit).
   */
  static ObjectId blobId(byte[] bytes) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(Constants.encodedTypeString(Constants.OBJ_BLOB));
      sha1.update((byte) ' ');
      sha1.update(Constants.encodeASCII(bytes.length));
      sha1.update((byte) 0);
      sha1.update(bytes);
      return ObjectId.fromRaw(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  private byte[] bytes(ObjectId blob) throws IOException {
    try (ObjectReader reader = repository.newObjectReader()) {
      return reader.open(blob).getBytes();
    }
  }
}
