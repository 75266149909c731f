package dev.maia.core.output;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes the generated tree into an output folder so that the folder only ever holds the complete
 * previous tree or the complete new one, and touches no file it did not generate.
 *
 * <p>A write is a transaction. Files whose bytes changed are staged under {@code .maia/staging/tree},
 * in the tree's own layout; nothing in the tree changes until {@link Transaction#commit()} writes a
 * journal (the commit point, one atomic rename) and then moves the staged files into place with
 * atomic renames (a folder the tree does not have yet moves whole, in one rename) and deletes stale
 * generated files. A run that dies before the commit point leaves the old tree as it
 * was; one that dies after it is finished by the next run, which replays the journal first. The
 * index ({@value #INDEX}) records every generated file with its SHA-256 and is the only
 * authority on which files the generator owns. A lock file keeps two runs out of the same folder.
 *
 * <p>The writer never goes through a symbolic link, and opens nothing but folders and regular files:
 * a link (or a named pipe, a device) as the control folder {@code .maia} or inside it, as the index,
 * or on the way to a file the last run generated is refused before anything is written, with an
 * {@link OutputConflictException} that names every such entry; one on the way to a file this run
 * adds is refused before that file is staged, and the tree is left as it was. Otherwise a generated
 * folder replaced by a link to a folder outside would make a run write, move and delete files
 * there, and a linked {@code .maia} would put the lock, the staging and the journal elsewhere.
 *
 * <p>Every IO failure (a read-only folder, a full disk) becomes an {@link OutputWriteException} that
 * names the folder, the step, the cause and the state the folder was left in.
 */
public final class TreeWriter {

  public static final String INDEX = "maia-index.json";
  public static final String CONTROL_DIR = ".maia";
  /** The folder under {@code .maia/staging} that holds staged files in the tree's layout. */
  private static final String STAGED_TREE = "tree";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  /** The state of the folder after a failure before the commit point. */
  private static final String UNCHANGED = "nothing in it was changed";

  private final Path root;
  private final Duration lockWait;

  public TreeWriter(Path outputDirectory, Duration lockWait) {
    this.root = outputDirectory.toAbsolutePath().normalize();
    this.lockWait = lockWait;
  }

  /**
   * Takes the folder's lock, finishes any interrupted run, and opens a transaction.
   *
   * @throws OutputConflictException if another run holds the lock longer than the wait
   * @throws OutputWriteException if the folder cannot be created, locked or read
   */
  public Transaction begin() {
    refuseLinks();
    try {
      Files.createDirectories(root.resolve(CONTROL_DIR));
    } catch (IOException e) {
      throw OutputWriteException.of(root, "creating it and its " + CONTROL_DIR + " folder", e, UNCHANGED);
    }
    Lock lock = Lock.acquire(root, lockWait);
    try {
      recover();
      Files.createDirectories(control("staging"));
      return new Transaction(lock, readIndex());
    } catch (IOException e) {
      lock.release();
      throw OutputWriteException.of(root, "preparing " + CONTROL_DIR + "/staging", e, UNCHANGED);
    } catch (RuntimeException e) {
      lock.release();
      throw e;
    }
  }

  /**
   * Refuses, before anything is written, an output folder where the writer would go through a
   * symbolic link or open what is no regular file: {@code .maia} and everything in it, the index,
   * the journal of an interrupted run and every folder on the way to a file the index or the journal
   * names. Folders on the way to new files are checked as they are staged ({@link Transaction#put}).
   *
   * @throws OutputConflictException naming every such entry
   */
  private void refuseLinks() {
    if (!Files.isDirectory(root)) {
      return; // nothing there yet; the folder itself may be a link: it is the one configured
    }
    Set<String> found = new TreeSet<>();
    Path control = root.resolve(CONTROL_DIR);
    if (special(control, true)) {
      found.add(CONTROL_DIR);
    } else if (Files.isDirectory(control, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> walk = Files.walk(control)) {
        walk.filter(p -> special(p, true)).forEach(p -> found.add(relative(p)));
      } catch (IOException e) {
        throw OutputWriteException.of(root, "reading its " + CONTROL_DIR + " folder", e, UNCHANGED);
      } catch (java.io.UncheckedIOException e) {
        throw OutputWriteException.of(root, "reading its " + CONTROL_DIR + " folder", e.getCause(), UNCHANGED);
      }
    }
    if (special(root.resolve(INDEX), false)) {
      found.add(INDEX);
    }
    if (found.isEmpty()) {
      List<String> paths = indexedPaths();
      paths.addAll(journalPaths());
      Set<String> folders = new HashSet<>();
      for (String path : paths) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
          String folder = path.substring(0, slash);
          if (folders.add(folder) && special(root.resolve(folder), true)) {
            found.add(folder);
          }
        }
      }
    }
    if (!found.isEmpty()) {
      throw new OutputConflictException(linked(found, "wrote nothing"));
    }
  }

  /** The paths the index lists, read without building its tree (the index of a large tree is megabytes). */
  private List<String> indexedPaths() {
    Path index = root.resolve(INDEX);
    if (!Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
      return new ArrayList<>();
    }
    List<String> paths = new ArrayList<>();
    try (JsonParser parser = JSON.getFactory().createParser(index.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return paths;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean files = "files".equals(parser.currentName());
        JsonToken value = parser.nextToken();
        if (files && value == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            paths.add(parser.currentName());
            parser.nextToken();
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw OutputWriteException.of(root, "reading " + INDEX, e, UNCHANGED);
    }
    return paths;
  }

  /** The paths a journal left by an interrupted run moves files to or deletes; none without one. */
  private List<String> journalPaths() {
    Path journal = control("journal");
    if (!Files.isRegularFile(journal, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    try {
      JsonNode plan = JSON.readTree(journal.toFile());
      plan.path("moves").forEach(m -> paths.add(m.path("to").asText()));
      plan.path("removes").forEach(r -> paths.add(r.asText()));
    } catch (IOException e) {
      throw OutputWriteException.of(root, "reading the journal " + CONTROL_DIR + "/journal", e, UNCHANGED);
    }
    return paths;
  }

  /**
   * Whether {@code path} exists and is a symbolic link or something that is neither a folder nor a
   * regular file (a named pipe, a device, a socket); without {@code folderAllowed}, a folder too.
   */
  private static boolean special(Path path, boolean folderAllowed) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isSymbolicLink() || attributes.isOther() || (!folderAllowed && attributes.isDirectory());
    } catch (IOException e) {
      return false; // not there, or not readable: writing it fails with its own message
    }
  }

  /** The message for entries of the output folder that the writer does not go through. */
  private String linked(Set<String> entries, String state) {
    List<String> described = new ArrayList<>();
    int shown = 0;
    for (String entry : entries) {
      if (++shown > 10) {
        described.add("and " + (entries.size() - 10) + " more");
        break;
      }
      described.add(entry + " (" + describeEntry(root.resolve(entry)) + ")");
    }
    String them = entries.size() == 1 ? "it" : "them";
    return "the output folder " + root + " holds " + String.join(", ", described) + " where maia writes its tree; maia writes only"
        + " into folders and files of its own, never through a symbolic link, and " + state + ": remove " + them
        + " (maia makes the folders and files it needs), then run again";
  }

  private String describeEntry(Path path) {
    try {
      if (Files.isSymbolicLink(path)) {
        Path target = Files.readSymbolicLink(path);
        Path resolved = path.getParent().resolve(target).normalize();
        return "a symbolic link to " + target + (resolved.startsWith(root) ? "" : ", outside the output folder");
      }
    } catch (IOException | UnsupportedOperationException e) {
      return "a symbolic link";
    }
    return "a named pipe, a device or a socket";
  }

  private String relative(Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  /** The generated files and their hashes, as recorded by the last committed run. */
  public Map<String, String> readIndex() {
    Path index = root.resolve(INDEX);
    if (!Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
      return Map.of();
    }
    try {
      JsonNode files = JSON.readTree(index.toFile()).path("files");
      Map<String, String> result = new TreeMap<>();
      files.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
      return result;
    } catch (IOException e) {
      throw OutputWriteException.of(root, "reading " + INDEX, e, UNCHANGED);
    }
  }

  /** Replays a journal left by a run that died after its commit point; drops uncommitted staging. */
  private void recover() {
    Path journal = control("journal");
    try {
      if (Files.exists(journal)) {
        JsonNode plan = JSON.readTree(journal.toFile());
        apply(plan);
        Files.delete(journal);
      }
      deleteRecursively(control("staging"));
      Files.deleteIfExists(control("journal.tmp"));
    } catch (IOException e) {
      throw OutputWriteException.of(
          root,
          "completing an interrupted run from its journal",
          e,
          "the journal " + CONTROL_DIR + "/journal is kept, and the next run completes the interrupted one first");
    }
  }

  /**
   * Carries out a journal: each staged file or folder (a path under {@code .maia/staging}) is
   * renamed to its place, then stale files are deleted. Idempotent: a move whose staged file or
   * folder is gone was done before the run died.
   */
  private void apply(JsonNode plan) throws IOException {
    Path staging = control("staging");
    List<JsonNode> moves = new ArrayList<>();
    plan.path("moves").forEach(moves::add);
    // The last move (the index, when it changed) waits for the others: the index only names files
    // that are in place. The others are independent renames, done on every core.
    JsonNode last = moves.isEmpty() ? null : moves.remove(moves.size() - 1);
    // computeIfAbsent makes a thread that needs a folder wait until the thread making it is done
    Map<Path, Boolean> madeDirs = new ConcurrentHashMap<>();
    try {
      moves.parallelStream().forEach(move -> move(staging, move, madeDirs));
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    if (last != null) {
      move(staging, last, madeDirs);
    }
    for (JsonNode remove : plan.path("removes")) {
      Path target = resolveInside(remove.asText());
      Files.deleteIfExists(target);
      pruneEmptyParents(target.getParent());
    }
  }

  /** One move of a journal; a staged file or folder that is gone was moved before the run died. */
  private void move(Path staging, JsonNode move, Map<Path, Boolean> madeDirs) {
    try {
      Path staged = staging.resolve(move.path("from").asText());
      if (Files.exists(staged)) {
        Path target = resolveInside(move.path("to").asText());
        madeDirs.computeIfAbsent(target.getParent(), TreeWriter::createDirectories);
        moveAtomically(staged, target);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Boolean createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
      return Boolean.TRUE;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Path resolveInside(String relative) {
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new IllegalStateException("generated path escapes the output folder: " + relative);
    }
    return target;
  }

  private Path control(String name) {
    return root.resolve(CONTROL_DIR).resolve(name);
  }

  private void pruneEmptyParents(Path dir) throws IOException {
    Path current = dir;
    while (current != null && current.startsWith(root) && !current.equals(root)) {
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
      current = current.getParent();
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * One write of the whole tree. {@link #put} may be called from several threads; each path once.
   * Closing without commit discards everything staged and leaves the tree untouched.
   */
  public final class Transaction implements AutoCloseable {

    private final Lock lock;
    private final Map<String, String> previous;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    /** The generated paths staged under {@code .maia/staging/tree}. */
    private final Set<String> staged = ConcurrentHashMap.newKeySet();
    /** Folders made under the staging tree; computeIfAbsent makes a thread wait for the one making it. */
    private final Map<Path, Boolean> stagingDirs = new ConcurrentHashMap<>();
    private final Path stagedTree = control("staging").resolve(STAGED_TREE);
    /** Folders of the tree found to be folders, not links ({@link #refuseLinksOnTheWay}). */
    private final Set<String> realFolders = ConcurrentHashMap.newKeySet();
    private boolean done;

    private Transaction(Lock lock, Map<String, String> previous) {
      this.lock = lock;
      this.previous = previous;
    }

    /** The generated files and their hashes as the last committed run left them. */
    public Map<String, String> previous() {
      return java.util.Collections.unmodifiableMap(previous);
    }

    /**
     * Adds a generated file that the last committed run wrote with the same bytes, without reading
     * or writing it (the caller knows it is still in place, see {@link RenderCache}).
     *
     * @throws IllegalStateException if the last run did not generate {@code path} with {@code sha256}
     */
    public void keep(String path, String sha256) {
      if (!sha256.equals(previous.get(path))) {
        throw new IllegalStateException("not generated by the last run with this hash: " + path);
      }
      if (hashes.putIfAbsent(path, sha256) != null) {
        throw new IllegalStateException("generated twice: " + path);
      }
    }

    /** The hash of a file added to this transaction, or null. */
    public String hash(String path) {
      return hashes.get(path);
    }

    /**
     * Adds a generated file. Bytes equal to what is on disk are not written again.
     *
     * @throws OutputConflictException if a file the generator did not write stands at {@code path}
     * @throws OutputWriteException if the file cannot be staged; the tree is unchanged
     */
    public void put(String path, byte[] bytes) {
      if (path.equals(INDEX) || path.startsWith(CONTROL_DIR + "/")) {
        throw new IllegalArgumentException("reserved path: " + path);
      }
      Path target = resolveInside(path);
      if (!target.equals(root.resolve(path))) {
        throw new IllegalArgumentException("not a normalized path: " + path); // staged and moved by this name
      }
      String hash = Hashes.sha256(bytes);
      if (hashes.putIfAbsent(path, hash) != null) {
        throw new IllegalStateException("generated twice: " + path);
      }
      refuseLinksOnTheWay(path);
      try {
        BasicFileAttributes found = attributes(target);
        if (found != null && (found.isSymbolicLink() || found.isOther())) {
          throw new OutputConflictException(linked(new TreeSet<>(Set.of(path)), "the run stopped before anything in the tree changed"));
        }
        if (found != null) {
          boolean same = found.isRegularFile() && found.size() == bytes.length && Arrays.equals(Files.readAllBytes(target), bytes);
          if (same) {
            return; // an identical file is adopted even without an index entry
          }
          if (!previous.containsKey(path)) {
            throw new OutputConflictException(
                path + " exists in the output folder but was not generated by maia; move it away or delete it");
          }
        }
        Path file = stagedTree.resolve(path);
        stagingDirs.computeIfAbsent(file.getParent(), TreeWriter::createDirectories);
        Files.write(file, bytes);
        staged.add(path);
      } catch (IOException e) {
        throw OutputWriteException.of(root, "staging " + path, e, UNCHANGED);
      } catch (java.io.UncheckedIOException e) {
        throw OutputWriteException.of(root, "staging " + path, e.getCause(), UNCHANGED);
      }
    }

    /** Refuses a symbolic link (or a pipe, a device) on the way to {@code path}, before anything of it is staged. */
    private void refuseLinksOnTheWay(String path) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        String folder = path.substring(0, slash);
        if (realFolders.contains(folder)) {
          continue;
        }
        if (special(root.resolve(folder), true)) {
          throw new OutputConflictException(linked(new TreeSet<>(Set.of(folder)), "the run stopped before anything in the tree changed"));
        }
        realFolders.add(folder);
      }
    }

    private BasicFileAttributes attributes(Path file) throws IOException {
      try {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    /**
     * Makes the new tree visible: writes the index and the journal (the commit point), moves staged
     * files into place and deletes generated files that are no longer generated.
     *
     * @param provenance extra fields for the index (generator version, platform name, sources)
     * @throws OutputWriteException if a file cannot be written or moved; the message says whether the
     *     failure came before the commit point (the tree is unchanged) or after it (the next run
     *     completes this one)
     */
    public GeneratedTree commit(Map<String, Object> provenance) {
      if (done) {
        throw new IllegalStateException("already committed");
      }
      boolean committed = false;
      try {
        List<String> removed = new ArrayList<>(new TreeSet<>(previous.keySet()));
        removed.removeAll(hashes.keySet());
        removed.removeIf(p -> !Files.exists(root.resolve(p)));
        byte[] index = index(provenance);
        Path indexTarget = root.resolve(INDEX);
        boolean indexChanged = !Files.exists(indexTarget) || !Arrays.equals(Files.readAllBytes(indexTarget), index);
        List<String> written = List.copyOf(new TreeSet<>(staged));
        Map<String, String> moves = new java.util.LinkedHashMap<>();
        moveUnits(written).forEach(unit -> moves.put(unit, STAGED_TREE + "/" + unit));
        if (indexChanged) {
          Files.write(control("staging").resolve(INDEX), index);
          moves.put(INDEX, INDEX); // last: the index only names files that are in place
        }
        if (!moves.isEmpty() || !removed.isEmpty()) {
          ObjectNode plan = JSON.createObjectNode();
          var moveList = plan.putArray("moves");
          moves.forEach((to, from) -> moveList.addObject().put("from", from).put("to", to));
          removed.forEach(plan.putArray("removes")::add);
          Path tmp = control("journal.tmp");
          try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(plan)));
            channel.force(true);
          }
          moveAtomically(tmp, control("journal")); // the commit point
          committed = true;
          apply(plan);
          Files.delete(control("journal"));
        }
        deleteRecursively(control("staging"));
        done = true;
        return new GeneratedTree(written, hashes.size() - written.size(), removed);
      } catch (IOException e) {
        throw committed
            ? OutputWriteException.of(
                root,
                "moving the new tree into place",
                e,
                "the run stopped after its commit point, and the next run completes it from " + CONTROL_DIR + "/journal")
            : OutputWriteException.of(root, "staging the new tree", e, UNCHANGED);
      }
    }

    /**
     * What the commit renames, in order: for each staged file, the shallowest of its folders that the
     * tree does not have yet (moved whole: on a first run, a handful of folders instead of one
     * rename per file), or else the file itself.
     */
    List<String> moveUnits(List<String> sortedPaths) {
      List<String> units = new ArrayList<>();
      Map<String, Boolean> exists = new java.util.HashMap<>();
      String movedDir = null; // the last folder moved whole; sorted paths under it follow it
      for (String path : sortedPaths) {
        if (movedDir != null && path.startsWith(movedDir + "/")) {
          continue;
        }
        movedDir = null;
        String unit = path;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
          String dir = path.substring(0, slash);
          if (!exists.computeIfAbsent(dir, d -> Files.exists(root.resolve(d)))) {
            unit = dir;
            movedDir = dir;
            break;
          }
        }
        units.add(unit);
      }
      return units;
    }

    private byte[] index(Map<String, Object> provenance) throws IOException {
      ObjectNode index = JSON.createObjectNode();
      new TreeMap<>(provenance).forEach((k, v) -> index.set(k, JSON.valueToTree(v)));
      ObjectNode files = index.putObject("files");
      new TreeMap<>(hashes).forEach(files::put);
      String text = JSON.writer().writeValueAsString(CanonicalYaml.canonical(index, false)).replace("\r\n", "\n");
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Releases the lock; without a commit, staged files are dropped and the tree stays as it was. */
    @Override
    public void close() {
      try {
        if (!done) {
          deleteRecursively(control("staging"));
          Files.deleteIfExists(control("journal.tmp"));
        }
      } catch (IOException e) {
        throw OutputWriteException.of(
            root, "dropping the staged files", e, "the tree was not changed, and the next run removes " + CONTROL_DIR + "/staging");
      } finally {
        lock.release();
      }
    }
  }

  /** An exclusive lock on the output folder, across processes and across threads of this JVM. */
  private static final class Lock {
    private final Path key;
    private final FileChannel channel;
    private final FileLock fileLock;

    private Lock(Path key, FileChannel channel, FileLock fileLock) {
      this.key = key;
      this.channel = channel;
      this.fileLock = fileLock;
    }

    static Lock acquire(Path root, Duration wait) {
      Path file = root.resolve(CONTROL_DIR).resolve("lock");
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        if (LOCKED_IN_THIS_JVM.add(root)) {
          try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            try {
              fileLock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
              fileLock = null;
            }
            if (fileLock != null) {
              return new Lock(root, channel, fileLock);
            }
            channel.close();
          } catch (FileAlreadyExistsException e) {
            // fall through and retry
          } catch (IOException e) {
            LOCKED_IN_THIS_JVM.remove(root);
            throw OutputWriteException.of(root, "taking its lock " + CONTROL_DIR + "/lock", e, UNCHANGED);
          }
          LOCKED_IN_THIS_JVM.remove(root);
        }
        if (System.nanoTime() > deadline) {
          throw new OutputConflictException(
              "another maia run is writing " + root + " (lock " + root.relativize(file) + " is held); waited " + wait.toSeconds() + " s");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OutputConflictException("interrupted while waiting for the lock on " + root);
        }
      }
    }

    void release() {
      try {
        fileLock.release();
        channel.close();
      } catch (IOException e) {
        throw OutputWriteException.of(key, "releasing its lock " + CONTROL_DIR + "/lock", e, "the tree is complete");
      } finally {
        LOCKED_IN_THIS_JVM.remove(key);
      }
    }
  }
}
