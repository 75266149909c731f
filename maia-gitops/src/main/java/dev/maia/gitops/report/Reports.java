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
          write(folder.resolve(SARIF), SarifReport.render(all(input), input.version())),
          write(folder.resolve(JUNIT), JUnitReport.render(input)));
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports to " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The problems of an invalid platform and the findings of the checks, for the reports that list them alike. */
  private static java.util.List<dev.maia.core.problem.Problem> all(ReportInput input) {
    java.util.List<dev.maia.core.problem.Problem> all = new java.util.ArrayList<>(input.problems());
    all.addAll(input.findings());
    return all;
  }

  private static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
