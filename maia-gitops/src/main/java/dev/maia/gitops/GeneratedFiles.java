package dev.maia.gitops;

import dev.maia.core.output.Hashes;
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
   * Reads the files of the last generate run in {@code outputDirectory}, path to bytes.
   *
   * @throws IllegalStateException when the folder holds no index or a file differs from its hash
   */
  public static SortedMap<String, byte[]> read(Path outputDirectory) {
    Map<String, String> index = new TreeWriter(outputDirectory, Duration.ZERO).readIndex();
    Path indexFile = outputDirectory.resolve(TreeWriter.INDEX);
    if (!Files.isRegularFile(indexFile)) {
      throw new IllegalStateException("no " + TreeWriter.INDEX + " in " + outputDirectory + "; run maia:generate first");
    }
    // read and hashed in parallel: the tree of a large federation is tens of megabytes
    Map<String, byte[]> read = new ConcurrentHashMap<>();
    index.entrySet().parallelStream().forEach(entry -> {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(outputDirectory.resolve(entry.getKey()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the generated tree in " + outputDirectory + ": " + e.getMessage(), e);
      }
      if (!Hashes.sha256(bytes).equals(entry.getValue())) {
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
    return Collections.unmodifiableSortedMap(files);
  }
}
