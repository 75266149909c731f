package dev.maia.core.verify.chart;

import dev.maia.core.model.ChartRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.verify.chart.ChartUnavailableException.Reason;
import dev.maia.core.verify.helm.ChartWorkingCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The charts this machine has pulled, in a folder outside the GitOps tree (several builds and
 * platforms share it). Archives are kept by digest and checked against it whenever they are read;
 * which digest a chart had when it was pulled is recorded beside them. Everything is written
 * through a temporary file and a rename, so a reader sees a whole file or none.
 *
 * <pre>
 * v1/archives/HEX.tgz        an archive, named by the SHA-256 of its bytes
 * v1/refs/HEX.json           a chart pulled: repoURL, chart, version and digest
 * v1/unpacked/HEX[-noschema] its working copy for Helm ({@link ChartWorkingCopy})
 * </pre>
 */
public final class ChartCache {

  /** A chart's archive on this machine. */
  public record Fetched(ChartRef ref, String digest, Path archive, boolean downloaded) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final ChartDownloader downloader;
  private final boolean offline;

  /**
   * @param offline when true, a chart that is not in the cache fails instead of being downloaded
   */
  public ChartCache(Path folder, ChartDownloader downloader, boolean offline) {
    this.root = folder.resolve("v1");
    this.downloader = downloader;
    this.offline = offline;
  }

  /**
   * The archive of {@code ref}: from the cache when it holds the digest {@code maia.lock} records
   * (or, without a recorded digest, the digest of the chart's last pull), otherwise downloaded. A
   * download whose bytes differ from the digest the repository announced fails. The caller
   * compares the digest with the lock's.
   */
  public Fetched fetch(ChartRef ref, Optional<String> locked) {
    Optional<String> known = locked.isPresent() ? locked : recorded(ref);
    if (known.isPresent()) {
      Optional<Path> archive = archive(known.get());
      if (archive.isPresent()) {
        return new Fetched(ref, known.get(), archive.get(), false);
      }
    }
    if (offline) {
      throw new ChartUnavailableException(ref, Reason.UNREACHABLE, ref.describe() + " is not in the chart cache " + root.getParent()
          + ", and downloads are off (maia.offline)");
    }
    ChartDownloader.Download download = downloader.download(ref);
    String digest = ChartDigest.of(download.archive());
    if (download.announcedDigest().isPresent() && !download.announcedDigest().get().equals(digest)) {
      throw new ChartUnavailableException(ref, Reason.INVALID, download.from() + " sent bytes whose digest is " + digest
          + ", not the " + download.announcedDigest().get() + " the repository announced");
    }
    Path archive = root.resolve("archives").resolve(ChartDigest.hex(digest) + ".tgz");
    write(archive, download.archive());
    ObjectNode record = JSON.createObjectNode()
        .put("repoURL", ref.repoURL()).put("chart", ref.chart()).put("version", ref.version()).put("digest", digest);
    try {
      write(refFile(ref), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Fetched(ref, digest, archive, true);
  }

  /** The chart unpacked and prepared for Helm. */
  public Path workingCopy(Fetched chart, boolean skipSchemaValidation) {
    Path folder = root.resolve("unpacked").resolve(ChartDigest.hex(chart.digest()) + (skipSchemaValidation ? "-noschema" : ""));
    return ChartWorkingCopy.unpack(chart.archive(), folder, skipSchemaValidation);
  }

  /** The archive with {@code digest}, if the cache has it and its bytes still have that digest. */
  private Optional<Path> archive(String digest) {
    Path archive = root.resolve("archives").resolve(ChartDigest.hex(digest) + ".tgz");
    try {
      if (Files.isRegularFile(archive) && ChartDigest.of(Files.readAllBytes(archive)).equals(digest)) {
        return Optional.of(archive);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The digest {@code ref} had when this machine last pulled it. */
  private Optional<String> recorded(ChartRef ref) {
    Path file = refFile(ref);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode record = JSON.readTree(file.toFile());
      String digest = record.path("digest").asText("");
      boolean same = ref.repoURL().equals(record.path("repoURL").asText())
          && ref.chart().equals(record.path("chart").asText())
          && ref.version().equals(record.path("version").asText());
      return same && ChartDigest.FORM.matcher(digest).matches() ? Optional.of(digest) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // a damaged record is pulled again
    }
  }

  private Path refFile(ChartRef ref) {
    String key = ChartDigest.hex(ChartDigest.of((ref.repoURL() + "\n" + ref.chart() + "\n" + ref.version()).getBytes(StandardCharsets.UTF_8)));
    return root.resolve("refs").resolve(key + ".json");
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      Files.write(temp, bytes);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + " in the chart cache: " + e.getMessage(), e);
    }
  }
}
