package dev.maia.core.output;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.load.LockReader;
import dev.maia.core.model.Lock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes the allocation lock with the canonical writer, only when its bytes change, through a
 * temporary file and an atomic rename, so a reader sees the old lock or the new one, never a mix.
 */
public final class LockWriter {

  private LockWriter() {}

  /** The lock as its YAML document. */
  public static ObjectNode document(Lock lock) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", LockReader.API_VERSION);
    root.put("kind", LockReader.KIND);
    ObjectNode ports = root.putObject("ports");
    lock.ports().forEach((slot, port) -> {
      ObjectNode range = ports.withObject("/" + LockReader.escape(slot.cluster())).withObject("/" + slot.range().key());
      if (slot.user().isEmpty()) {
        range.put(slot.project(), port);
      } else {
        range.withObject("/" + LockReader.escape(slot.project())).put(slot.user(), port);
      }
    });
    if (!lock.charts().isEmpty()) {
      ObjectNode charts = root.putObject("charts");
      lock.charts().forEach((chart, digest) -> charts.withObject("/" + LockReader.escape(chart.repoURL()))
          .withObject("/" + LockReader.escape(chart.chart())).put(chart.version(), digest));
    }
    return root;
  }

  /** The bytes of the lock file. */
  public static byte[] bytes(Lock lock) {
    return CanonicalYaml.write(document(lock));
  }

  /**
   * Writes {@code lock} to {@code file} unless the file already holds exactly these bytes, or the
   * file does not exist and the lock is empty (a platform that needs no port and has pulled no chart
   * gets no lock file). Only a regular file is compared (by its size first, which a regular file
   * reports truly); anything else at that path, a link included, is replaced by the rename.
   *
   * @return whether the file was written
   */
  public static boolean write(Path file, Lock lock) {
    byte[] bytes = bytes(lock);
    try {
      boolean unchanged = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          ? Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)
          : !Files.exists(file, LinkOption.NOFOLLOW_LINKS) && lock.isEmpty();
      if (unchanged) {
        return false;
      }
      Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.deleteIfExists(temp); // whatever stands there, a link included, is not written through
      Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
