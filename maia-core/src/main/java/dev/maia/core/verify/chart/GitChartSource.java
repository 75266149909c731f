package dev.maia.core.verify.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.model.ChartRef;
import dev.maia.core.verify.chart.ChartUnavailableException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A chart that is a folder of a Git repository at a tag, as ArgoCD syncs it ({@code repoURL},
 * {@code path}, {@code targetRevision}): the folder ({@link GitFolders}) packed as Helm packs a
 * chart, so the cache, the digest in the lock and the render treat it like a downloaded archive. The
 * archive is made the same way every time (entries in path order, a fixed time, no owner), so the
 * same folder gives the same digest.
 */
final class GitChartSource {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** The time of every entry: the archive depends on the tree alone. */
  private static final Date EPOCH = new Date(0);

  private final GitFolders folders;
  private final long maxBytes;

  GitChartSource(GitFolders folders, long maxBytes) {
    this.folders = folders;
    this.maxBytes = maxBytes;
  }

  ChartDownloader.Download fetch(ChartRef ref) {
    URI uri = URI.create(ref.repoURL());
    if (!"https".equals(uri.getScheme()) && !ChartDownloader.loopback(uri.getHost())) {
      throw new ChartUnavailableException(ref, Reason.UNREACHABLE, "the Git repository " + ref.repoURL()
          + " is not https:// (other schemes only on the loopback address)");
    }
    SortedMap<String, byte[]> files = folders.files(ref, maxBytes);
    try {
      JsonNode chart = files.containsKey("Chart.yaml") ? YAML.readTree(files.get("Chart.yaml")) : null;
      if (chart == null || chart.path("name").asText("").isEmpty()) {
        throw new ChartUnavailableException(ref, Reason.INVALID, ref.chart() + " at tag " + ref.version() + " of " + ref.repoURL()
            + " is not a chart: it has no Chart.yaml with a name");
      }
      return new ChartDownloader.Download(pack(chart.path("name").asText(), files), Optional.empty(), uri);
    } catch (IOException e) {
      throw new ChartUnavailableException(ref, Reason.INVALID, ref.chart() + " at tag " + ref.version() + " of " + ref.repoURL()
          + " is not a chart: " + e.getMessage());
    }
  }

  /** The chart archive of {@code files}, under the folder {@code name}/ as {@code helm package} writes it. */
  static byte[] pack(String name, SortedMap<String, byte[]> files) throws IOException {
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(archive))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(name + "/" + file.getKey());
        entry.setSize(file.getValue().length);
        entry.setModTime(EPOCH);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    }
    return archive.toByteArray();
  }
}
