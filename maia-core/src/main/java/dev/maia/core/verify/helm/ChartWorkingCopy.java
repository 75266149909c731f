package dev.maia.core.verify.helm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import java.util.zip.GZIPInputStream;

/**
 * A chart archive unpacked into a folder for helm-java to render, changed in two ways so that
 * what helm-java prints is what {@code helm template --include-crds} prints under ArgoCD:
 *
 * <ul>
 *   <li><b>Hooks.</b> helm-java 0.0.21's template prints Helm's release manifest only, without
 *       the hooks (its Go code writes {@code rel.Manifest}; the Helm CLI also writes {@code
 *       rel.Hooks}). ArgoCD applies hooks as sync hooks, so they must be seen. Every {@value
 *       #HOOK} in the chart's templates and values files is renamed to {@value #RENAMED_HOOK}:
 *       Helm then treats hooks as plain manifests, and {@link RenderedManifest} renames the
 *       annotations back. Nothing else in the chart changes.
 *   <li><b>CRDs.</b> helm-java does not pass {@code --include-crds}; ArgoCD does. For each file in
 *       a {@code crds/} folder a template of the same name under {@value #CRD_TEMPLATES} is added that prints
 *       the file with {@code .Files.Get}, so CRDs appear exactly as written, and only for charts
 *       and subcharts that are enabled, as Helm decides.
 * </ul>
 *
 * With {@code skipSchemaValidation} (the Application's {@code helm.skipSchemaValidation}) every
 * {@code values.schema.json} is left out, which is what Helm's flag does.
 *
 * <p>The archive is read with the JDK's gzip reader: Helm writes a gzip header whose extra field
 * is not in the subfield form of RFC 1952, which stricter readers refuse. Unpacking follows Helm's own limits (5 MiB per file, 100 MiB per chart), refuses entries
 * that would land outside the folder, and skips links.
 */
public final class ChartWorkingCopy {

  /** Helm's hook annotation prefix ({@code helm.sh/hook}, {@code -weight}, {@code -delete-policy}). */
  public static final String HOOK = "helm.sh/hook";

  /** What the working copy calls it, so that Helm renders hooks as plain manifests. */
  public static final String RENAMED_HOOK = "maia.dev/rendered-helm-hook";

  /** The template folder that prints the files of a chart's {@code crds/} folder. */
  public static final String CRD_TEMPLATES = "templates/maia-crds/";

  static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
  static final long MAX_CHART_BYTES = 100L * 1024 * 1024;

  private ChartWorkingCopy() {}

  /**
   * Unpacks {@code archive} into {@code folder} (which must not exist yet; it is written through a
   * sibling temporary folder and renamed into place, so a folder that exists is complete) and
   * returns the chart's own folder inside it.
   */
  public static Path unpack(Path archive, Path folder, boolean skipSchemaValidation) {
    if (Files.isDirectory(folder)) {
      return chartFolder(folder);
    }
    Path temp = folder.resolveSibling(folder.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
    try {
      deleteTree(temp);
      Files.createDirectories(temp);
      long[] budget = {MAX_CHART_BYTES};
      extract(archive, temp, budget);
      Path chart = chartFolder(temp);
      unpackSubcharts(chart, budget);
      prepare(chart, skipSchemaValidation);
      try {
        Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        deleteTree(temp); // another run unpacked the same archive first
      }
      return chartFolder(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + archive + ": " + e.getMessage(), e);
    } finally {
      try {
        deleteTree(temp);
      } catch (IOException e) {
        // a stray temporary folder is removed by the next unpack of the same archive
      }
    }
  }

  /** Subcharts packed as {@code charts/<name>-<version>.tgz} become folders, so they can be prepared too. */
  private static void unpackSubcharts(Path chart, long[] budget) throws IOException {
    Path charts = chart.resolve("charts");
    if (!Files.isDirectory(charts)) {
      return;
    }
    List<Path> archives;
    try (Stream<Path> list = Files.list(charts)) {
      archives = list.filter(p -> p.getFileName().toString().endsWith(".tgz") && Files.isRegularFile(p)).sorted().toList();
    }
    for (Path archive : archives) {
      extract(archive, charts, budget);
      Files.delete(archive);
    }
    try (Stream<Path> list = Files.list(charts)) {
      for (Path sub : list.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"))).sorted().toList()) {
        unpackSubcharts(sub, budget);
      }
    }
  }

  private static void extract(Path archive, Path into, long[] budget) throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (!entry.isFile()) {
          continue; // folders are made as files need them; links are never followed
        }
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into) || target.equals(into)) {
          throw new IOException("the archive holds '" + entry.getName() + "', which would land outside the chart");
        }
        byte[] bytes = tar.readNBytes((int) Math.min(MAX_FILE_BYTES + 1, Integer.MAX_VALUE));
        if (bytes.length > MAX_FILE_BYTES) {
          throw new IOException("'" + entry.getName() + "' is larger than Helm's limit of 5 MiB per file");
        }
        budget[0] -= bytes.length;
        if (budget[0] < 0) {
          throw new IOException("the chart unpacks to more than Helm's limit of 100 MiB");
        }
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
      }
    }
  }

  /** The one folder at the top of an unpacked archive (Helm archives hold {@code <chart>/...}). */
  private static Path chartFolder(Path unpacked) {
    try (Stream<Path> top = Files.list(unpacked)) {
      List<Path> folders = top.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"))).toList();
      if (folders.size() != 1) {
        throw new UncheckedIOException(new IOException("the archive is not a Helm chart: expected one folder with a Chart.yaml at its top"));
      }
      return folders.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renames hooks, adds the CRD templates and drops schemas, in the chart and its subcharts. */
  private static void prepare(Path chart, boolean skipSchemaValidation) throws IOException {
    List<Path> charts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(chart)) {
      files.filter(p -> p.getFileName().toString().equals("Chart.yaml") && Files.isRegularFile(p)).forEach(p -> charts.add(p.getParent()));
    }
    for (Path c : charts) {
      if (skipSchemaValidation) {
        Files.deleteIfExists(c.resolve("values.schema.json"));
      }
      renameHooks(c.resolve("values.yaml"));
      Path templates = c.resolve("templates");
      if (Files.isDirectory(templates)) {
        try (Stream<Path> files = Files.walk(templates)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            renameHooks(file);
          }
        }
      }
      addCrdTemplates(c);
    }
  }

  private static void renameHooks(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    String text = Files.readString(file, StandardCharsets.ISO_8859_1); // byte for byte, whatever the encoding
    if (text.contains(HOOK)) {
      Files.writeString(file, text.replace(HOOK, RENAMED_HOOK), StandardCharsets.ISO_8859_1);
    }
  }

  private static void addCrdTemplates(Path chart) throws IOException {
    Path crds = chart.resolve("crds");
    if (!Files.isDirectory(crds)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(crds)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
    for (Path file : files) {
      String name = chart.relativize(file).toString().replace('\\', '/');
      Path template = chart.resolve(CRD_TEMPLATES + name.substring("crds/".length()));
      Files.createDirectories(template.getParent());
      Files.writeString(template, "{{ .Files.Get " + quote(name) + " }}\n", StandardCharsets.UTF_8);
    }
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
