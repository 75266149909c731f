package dev.maia.gitops.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the four reports of a diff run into one folder (default {@code target/maia}). */
public final class Reports {

  public static final String MARKDOWN = "diff.md";
  public static final String HTML = "report.html";
  public static final String SARIF = "report.sarif";
  public static final String JUNIT = "report-junit.xml";

  private Reports() {}

  /** Writes diff.md, report.html, report.sarif and report-junit.xml; returns their paths. */
  public static List<Path> write(Path folder, ReportInput input) {
    try {
      Files.createDirectories(folder);
      List<Path> written = List.of(
          write(folder.resolve(MARKDOWN), MarkdownReport.render(input, MarkdownReport.DEFAULT_LIMIT)),
          write(folder.resolve(HTML), HtmlReport.render(input)),
          write(folder.resolve(SARIF), SarifReport.render(input.problems(), input.version())),
          write(folder.resolve(JUNIT), JUnitReport.render(input)));
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports to " + folder + ": " + e.getMessage(), e);
    }
  }

  private static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
