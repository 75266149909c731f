package dev.maia.gitops;

import dev.maia.core.output.Hashes;
import dev.maia.core.output.RenderCache;
import dev.maia.core.output.TreeWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published part of an output folder: every file its {@code maia-index.json} lists, and the
 * index itself. The writer's control folder {@code .maia/} and files the generator did not write
 * are not part of it.
 */
public final class GeneratedFiles {

  private GeneratedFiles() {}

  /**
   * The files of a generate run, and the SHA-256 of each as the tree's index lists it (the index
   * itself has none).
   */
  public record Tree(SortedMap<String, byte[]> files, Map<String, String> sha256) {}

  /**
   * Reads the files of the last generate run in {@code outputDirectory}, path to bytes.
   *
   * @throws IllegalStateException when the folder holds no index or a file differs from its hash
   */
  public static SortedMap<String, byte[]> read(Path outputDirectory) {
    return tree(outputDirectory).files();
  }

  /**
   * Reads the files of the last generate run in {@code outputDirectory}, each checked against its
   * hash in the index. A file that is on disk as the run left it (same size and modification time
   * as the render cache recorded for it, with the same hash) is not hashed again: that is the trust
   * the render cache already gives it when a run keeps the file instead of rendering it.
   *
   * @throws IllegalStateException when the folder holds no index or a file differs from its hash
   */
  public static Tree tree(Path outputDirectory) {
    Map<String, String> index = new TreeWriter(outputDirectory, Duration.ZERO).readIndex();
    Path indexFile = outputDirectory.resolve(TreeWriter.INDEX);
    if (!Files.isRegularFile(indexFile)) {
      throw new IllegalStateException("no " + TreeWriter.INDEX + " in " + outputDirectory + "; run maia:generate first");
    }
    Map<String, RenderCache.FileStamp> stamps = RenderCache.read(outputDirectory).stamps();
    // read (and where needed hashed) in parallel: the tree of a large federation is tens of megabytes
    Map<String, byte[]> read = new ConcurrentHashMap<>();
    index.entrySet().parallelStream().forEach(entry -> {
      Path file = outputDirectory.resolve(entry.getKey());
      byte[] bytes;
      boolean asWritten;
      try {
        bytes = Files.readAllBytes(file);
        // the attributes after the bytes: a write in between shows as a new modification time
        RenderCache.FileStamp stamp = stamps.get(entry.getKey());
        asWritten = stamp != null && stamp.sha256().equals(entry.getValue()) && stamp.size() == bytes.length
            && stamp.modifiedMillis() == Files.getLastModifiedTime(file).toMillis();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the generated tree in " + outputDirectory + ": " + e.getMessage(), e);
      }
      if (!asWritten && !Hashes.sha256(bytes).equals(entry.getValue())) {
        throw new IllegalStateException(entry.getKey() + " in " + outputDirectory + " was changed after it was generated; run maia:generate again");
      }
      read.put(entry.getKey(), bytes);
    });
    SortedMap<String, byte[]> files = new TreeMap<>(read);
    try {
      files.put(TreeWriter.INDEX, Files.readAllBytes(indexFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the generated tree in " + outputDirectory + ": " + e.getMessage(), e);
    }
    return new Tree(Collections.unmodifiableSortedMap(files), Map.copyOf(index));
  }
}
