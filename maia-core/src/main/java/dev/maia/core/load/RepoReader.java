package dev.maia.core.load;

import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The one way the compiler reads a file of the platform repo: the platform file, its includes,
 * {@code maia.lock}, the site's {@code templates/} and {@code sealed-secrets/}. It reads only a
 * regular file that lies inside the repo once every symbolic link is resolved, of at most {@value
 * #MAX_FILE_BYTES} bytes, and all the files of one run together at most {@value #MAX_TOTAL_BYTES}
 * bytes (each file counted once, however often it is read). A named pipe, a device, a socket or a
 * folder is never opened (a pipe would block the build until someone writes into it, {@code
 * /dev/zero} would fill the memory), and the bytes come through a bounded stream: the size the file
 * system reports decides nothing but an early refusal, since a device reports 0.
 *
 * <p>A refusal names the file, the rule it breaks and the fix. Thread-safe: units rendered in
 * parallel read sealed secrets and templates through it.
 */
public final class RepoReader {

  /** The most bytes one file may have; split a platform with {@code include}. */
  public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  /** The most bytes one run reads of the platform repo, every file counted once. */
  public static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

  static final String INSIDE_HINT =
      "only files inside the folder of the platform file are read, not even through a symbolic link; copy the file into the repo";

  private static final String REGULAR_HINT = "only regular files are read; replace it with a file, or remove it";

  private final Path root;
  private final String rootName;
  private final Path realRoot;
  private final int maxFileBytes;
  private final long maxTotalBytes;
  /** The files counted in the total, by their path relative to the repo. */
  private final Set<String> counted = ConcurrentHashMap.newKeySet();

  private final AtomicLong total = new AtomicLong();

  /**
   * A reader of the repo in {@code root}.
   *
   * @throws IOException when {@code root} cannot be resolved
   */
  public RepoReader(Path root) throws IOException {
    this(root, "the platform repo", MAX_FILE_BYTES, MAX_TOTAL_BYTES);
  }

  /**
   * A reader of another folder read as a platform repo is ({@code maia:import}'s source), named
   * {@code rootName} in messages ({@code the folder imported from}).
   *
   * @throws IOException when {@code root} cannot be resolved
   */
  public RepoReader(Path root, String rootName) throws IOException {
    this(root, rootName, MAX_FILE_BYTES, MAX_TOTAL_BYTES);
  }

  /** A reader with other limits, for tests. */
  RepoReader(Path root, int maxFileBytes, long maxTotalBytes) throws IOException {
    this(root, "the platform repo", maxFileBytes, maxTotalBytes);
  }

  private RepoReader(Path root, String rootName, int maxFileBytes, long maxTotalBytes) throws IOException {
    this.rootName = rootName;
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = this.root.toRealPath();
    this.maxFileBytes = maxFileBytes;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** The repo folder, as it was given. */
  public Path root() {
    return root;
  }

  /** The repo folder with every symbolic link resolved. */
  Path realRoot() {
    return realRoot;
  }

  /** What reading one file found. */
  public sealed interface Result permits Content, Missing, Refused {}

  /** The bytes of a regular file inside the repo. */
  public record Content(String file, byte[] bytes) implements Result {}

  /** Nothing at that path (a symbolic link to nothing is {@link Refused}). */
  public record Missing(String file) implements Result {}

  /**
   * A file that is not read, and why.
   *
   * @param ofContent whether the refusal is about the file's content (its size), located at the
   *     file itself; else it is about the path (a link, a pipe), located where the file was asked for
   */
  public record Refused(String file, String message, String hint, boolean ofContent) implements Result {

    /** The problem: at the file itself when it is about its content, else at {@code at}. */
    public Problem problem(SourceLocation at, String pointer) {
      return ofContent ? problem() : new Problem(at, pointer, message, hint);
    }

    /** The problem, located at the start of the file. */
    public Problem problem() {
      return new Problem(SourceLocation.startOf(file), "", message, hint);
    }
  }

  /** The regular files under a folder of the repo, and the entries there that may not be read. */
  public record Listing(List<String> files, List<Refused> refused) {

    public Listing {
      files = List.copyOf(files);
      refused = List.copyOf(refused);
    }

    /** The refusals as problems, each at its file. */
    public List<Problem> problems() {
      return refused.stream().map(Refused::problem).toList();
    }
  }

  /** Reads {@code relative} ({@code /} separators) under the repo, and counts it in the total. */
  public Result read(String relative) {
    Result result = readUncounted(relative);
    if (result instanceof Content content) {
      Optional<Refused> over = count(relative, content.bytes().length);
      if (over.isPresent()) {
        return over.get();
      }
    }
    return result;
  }

  /** What the run may still read in all. */
  long unread() {
    return Math.max(0, maxTotalBytes - total.get());
  }

  /**
   * Counts {@code size} bytes of a file read by {@link #readUncounted} in the total, once per file;
   * the refusal when the total passes the limit with them.
   */
  Optional<Refused> count(String relative, int size) {
    if (counted.add(relative)) {
      long after = total.addAndGet(size);
      if (after > maxTotalBytes) {
        return Optional.of(new Refused(
            relative,
            "with this file's " + size + " bytes the files read hold " + after + " bytes, more than the " + maxTotalBytes
                + " one run reads of " + rootName + " in all",
            "narrow the include patterns to the platform's own files, and keep other files out of templates/ and sealed-secrets/",
            true));
      }
    }
    return Optional.empty();
  }

  /** Reads {@code relative} as {@link #read} does, without counting it in the total (parsing ahead of order). */
  Result readUncounted(String relative) {
    Path path = root.resolve(relative);
    BasicFileAttributes entry;
    try {
      entry = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return new Missing(relative);
    } catch (IOException e) {
      return cannotRead(relative, e);
    }
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      return entry.isSymbolicLink()
          ? new Refused(relative, relative + " is a symbolic link to " + linkTarget(path) + ", which does not exist", "fix or remove the link", false)
          : new Missing(relative);
    } catch (IOException e) {
      return cannotRead(relative, e);
    }
    if (!real.startsWith(realRoot)) {
      return new Refused(relative, relative + " resolves to " + real + ", outside " + rootName, INSIDE_HINT, false);
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(real, BasicFileAttributes.class);
    } catch (IOException e) {
      return cannotRead(relative, e);
    }
    if (!attributes.isRegularFile()) {
      if (attributes.isDirectory() && entry.isSymbolicLink()) {
        return new Refused(
            relative,
            relative + " is a symbolic link to the folder " + realRoot.relativize(real).toString().replace('\\', '/')
                + "; links to folders are not followed",
            "move the files into " + relative + ", or remove the link",
            false);
      }
      return new Refused(relative, relative + " is " + kind(real, attributes) + ", not a regular file", REGULAR_HINT, false);
    }
    if (attributes.size() > maxFileBytes) {
      return tooLarge(relative, "the file is " + attributes.size() + " bytes");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(real)) {
      bytes = in.readNBytes(maxFileBytes + 1);
    } catch (IOException e) {
      return cannotRead(relative, e);
    }
    if (bytes.length > maxFileBytes) {
      return tooLarge(relative, "the file has more than " + maxFileBytes + " bytes");
    }
    return new Content(relative, bytes);
  }

  /**
   * Every file under {@code folder} of the repo, read as {@link #read} reads it; the folder itself,
   * and every folder below it, must be a folder and not a link to one. Sorted by path; empty when the
   * folder does not exist.
   */
  public Listing folder(String folder) {
    Path start = root.resolve(folder);
    List<Refused> refused = new ArrayList<>();
    if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
      return new Listing(List.of(), List.of());
    }
    if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
      // a link (to a folder or not) is refused as read refuses it; a plain file of that name is no folder to read
      return read(folder) instanceof Refused r ? new Listing(List.of(), List.of(r)) : new Listing(List.of(), List.of());
    }
    TreeMap<String, Path> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(start)) {
      walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> entries.put(relative(p), p));
    } catch (IOException | java.io.UncheckedIOException e) {
      IOException cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
      return new Listing(List.of(), List.of(new Refused(folder, "cannot list " + folder + ": " + reason(cause), null, false)));
    }
    List<String> files = new ArrayList<>();
    for (String file : entries.keySet()) {
      Result result = read(file);
      if (result instanceof Content) {
        files.add(file);
      } else if (result instanceof Refused r) {
        refused.add(r);
      }
    }
    return new Listing(files, refused);
  }

  private String relative(Path path) {
    return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private Refused tooLarge(String relative, String size) {
    return new Refused(
        relative,
        size + "; a platform file may have at most " + maxFileBytes,
        "split the platform into smaller files with spec.include",
        true);
  }

  private static Refused cannotRead(String relative, IOException e) {
    boolean denied = e instanceof AccessDeniedException;
    return new Refused(relative, "cannot read " + relative + ": " + reason(e), denied ? "make the file readable" : null, false);
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "a path";
    }
  }

  /** What a file that is not a regular file is: {@code a named pipe (FIFO)}, {@code a character device}, ... */
  static String kind(Path real, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a folder";
    }
    try {
      int type = ((Integer) Files.getAttribute(real, "unix:mode")) & 0170000;
      return switch (type) {
        case 0010000 -> "a named pipe (FIFO)";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return "a special file";
    }
  }
}
