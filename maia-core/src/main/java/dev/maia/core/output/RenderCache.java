package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last committed run rendered for each cacheable unit, kept in {@code .maia/render-cache.json}
 * of the output folder: the unit's key (see {@code plan.UnitKeys}), its files with their SHA-256,
 * size and modification time, and its resources per cluster. A unit whose key is unchanged, and
 * whose files are all still on disk as that run left them, is taken over instead of rendered and
 * linted again.
 *
 * <p>The cache only ever saves work; it never decides content. An entry is used only when the
 * output folder's index lists each of its files with the same hash, and each file has the recorded
 * size and modification time (a file edited by hand is rendered, and so repaired, again). A cache
 * that is missing, unreadable or of another format is empty. It is written after the tree is
 * committed, under the folder's lock; a run that dies before writing it leaves the previous cache,
 * whose entries for files that changed no longer match.
 */
public final class RenderCache {

  static final String FILE = "render-cache.json";
  private static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A generated file as the run that wrote it left it. */
  public record FileStamp(String sha256, long size, long modifiedMillis) {}

  /**
   * One unit of a committed run.
   *
   * @param key the unit's key in that run
   * @param files path relative to the output folder to its stamp
   * @param resourcesPerCluster the resources the unit adds to each cluster
   */
  public record Entry(String key, Map<String, FileStamp> files, Map<String, Integer> resourcesPerCluster) {
    public Entry {
      files = Map.copyOf(files);
      resourcesPerCluster = Map.copyOf(resourcesPerCluster);
    }
  }

  private final Path root;
  private final Map<String, Entry> entries;

  private RenderCache(Path root, Map<String, Entry> entries) {
    this.root = root;
    this.entries = entries;
  }

  /** An empty cache for the output folder, to be filled by this run. */
  public static RenderCache empty(Path outputDirectory) {
    return new RenderCache(outputDirectory.toAbsolutePath().normalize(), new ConcurrentHashMap<>());
  }

  /** The cache the last committed run left in the output folder; empty when there is none to trust. */
  public static RenderCache read(Path outputDirectory) {
    RenderCache cache = empty(outputDirectory);
    Path file = cache.file();
    try {
      JsonNode tree = JSON.readTree(file.toFile());
      if (tree == null || tree.path("format").asInt() != FORMAT) {
        return cache;
      }
      tree.path("units").fields().forEachRemaining(unit -> {
        Map<String, FileStamp> files = new TreeMap<>();
        unit.getValue().path("files").fields().forEachRemaining(f -> {
          JsonNode s = f.getValue();
          files.put(f.getKey(), new FileStamp(s.path(0).asText(), s.path(1).asLong(), s.path(2).asLong()));
        });
        Map<String, Integer> counts = new TreeMap<>();
        unit.getValue().path("resources").fields().forEachRemaining(c -> counts.put(c.getKey(), c.getValue().asInt()));
        cache.entries.put(unit.getKey(), new Entry(unit.getValue().path("key").asText(), files, counts));
      });
      return cache;
    } catch (IOException | RuntimeException e) {
      return empty(outputDirectory); // missing or damaged: everything is rendered, nothing is lost
    }
  }

  /**
   * The entry of {@code unit} if it can stand for rendering it now: same key, every file listed in
   * {@code index} (the last committed run's) with the same hash, and on disk with the same size and
   * modification time.
   */
  public Optional<Entry> reusable(String unit, String key, Map<String, String> index) {
    Entry entry = entries.get(unit);
    if (entry == null || !entry.key().equals(key)) {
      return Optional.empty();
    }
    for (Map.Entry<String, FileStamp> file : entry.files().entrySet()) {
      FileStamp stamp = file.getValue();
      if (!stamp.sha256().equals(index.get(file.getKey())) || !stamp.equals(stamp(file.getKey(), stamp.sha256()))) {
        return Optional.empty();
      }
    }
    return Optional.of(entry);
  }

  /** The stamp of every file of every unit in the cache, by path. */
  public Map<String, FileStamp> stamps() {
    Map<String, FileStamp> all = new java.util.HashMap<>();
    entries.values().forEach(entry -> all.putAll(entry.files()));
    return all;
  }

  /** Records a unit of this run. */
  public void put(String unit, Entry entry) {
    entries.put(unit, entry);
  }

  /**
   * A file of this run as it is on disk now, with the hash it was generated with; null when it is
   * not there.
   */
  public FileStamp stamp(String path, String sha256) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(root.resolve(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return null; // a link or anything else in its place: rendered, and refused by the writer
      }
      return new FileStamp(sha256, attributes.size(), attributes.lastModifiedTime().toMillis());
    } catch (IOException e) {
      return null; // gone or unreadable: not reusable
    }
  }

  /** Writes the cache into the output folder's control folder, replacing the previous one atomically. */
  public void write() {
    ObjectNode tree = JSON.createObjectNode();
    tree.put("format", FORMAT);
    ObjectNode units = tree.putObject("units");
    new TreeMap<>(entries).forEach((name, entry) -> {
      ObjectNode unit = units.putObject(name);
      unit.put("key", entry.key());
      ObjectNode files = unit.putObject("files");
      new TreeMap<>(entry.files()).forEach((path, s) -> {
        ArrayNode stamp = files.putArray(path);
        stamp.add(s.sha256()).add(s.size()).add(s.modifiedMillis());
      });
      ObjectNode resources = unit.putObject("resources");
      new TreeMap<>(entry.resourcesPerCluster()).forEach(resources::put);
    });
    Path file = file();
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), tree);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(file); // no cache is safe; a half-known one is not worth keeping
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the next run cannot read it either and renders everything
      }
    }
  }

  private Path file() {
    return root.resolve(TreeWriter.CONTROL_DIR).resolve(FILE);
  }
}
