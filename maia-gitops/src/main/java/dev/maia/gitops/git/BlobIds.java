package dev.maia.gitops.git;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The Git blob id of each generated file, remembered between runs by the file's SHA-256 (both are
 * functions of the bytes, so an entry never goes stale): a diff after a one-project change hashes
 * the few files that changed, not the whole tree. Kept in a small binary file of the work folder
 * (32 bytes of SHA-256 and 20 of blob id per file); a missing or damaged file is an empty memo.
 */
final class BlobIds {

  static final String FILE = "blob-ids.bin";
  private static final int MAGIC = 0x6d616962; // "maib"

  private final Path file;
  private final Map<String, String> sha256;
  private final Map<String, ObjectId> known;
  private final Map<String, ObjectId> used = new ConcurrentHashMap<>();

  private BlobIds(Path file, Map<String, String> sha256, Map<String, ObjectId> known) {
    this.file = file;
    this.sha256 = sha256;
    this.known = known;
  }

  /** No memo: every blob id is computed. */
  static BlobIds none() {
    return new BlobIds(null, Map.of(), Map.of());
  }

  /**
   * The memo in {@code file}, for a tree whose files have the SHA-256 of {@code sha256} (path to
   * hex, as the tree's index lists them).
   */
  static BlobIds read(Path file, Map<String, String> sha256) {
    Map<String, ObjectId> known = new ConcurrentHashMap<>();
    if (Files.isRegularFile(file)) {
      try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
        if (in.readInt() == MAGIC) {
          int count = in.readInt();
          byte[] sha = new byte[32];
          byte[] id = new byte[20];
          for (int i = 0; i < count; i++) {
            in.readFully(sha);
            in.readFully(id);
            known.put(HexFormat.of().formatHex(sha), ObjectId.fromRaw(id));
          }
        }
      } catch (IOException | RuntimeException e) {
        known.clear(); // damaged: computed again
      }
    }
    return new BlobIds(file, sha256, known);
  }

  /** The blob id of the file at {@code path} with {@code bytes}. */
  ObjectId of(String path, byte[] bytes) {
    String sha = sha256.get(path);
    if (sha == null) {
      return BranchSnapshot.blobId(bytes);
    }
    ObjectId id = known.get(sha);
    if (id == null) {
      id = BranchSnapshot.blobId(bytes);
    }
    used.put(sha, id);
    return id;
  }

  /** Keeps the ids used in this run (and only those) for the next one; a failure to write costs only time. */
  void write() {
    if (file == null || used.keySet().equals(known.keySet())) {
      return;
    }
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      temp = Files.createTempFile(file.getParent(), ".blob-ids", ".tmp");
      try (OutputStream raw = Files.newOutputStream(temp);
          DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
        out.writeInt(MAGIC);
        out.writeInt(used.size());
        byte[] id = new byte[20];
        for (Map.Entry<String, ObjectId> entry : used.entrySet()) {
          out.write(HexFormat.of().parseHex(entry.getKey()));
          entry.getValue().copyRawTo(id, 0);
          out.write(id);
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      } catch (IOException ignored) {
        // the next run hashes what it cannot find
      }
    }
  }
}
