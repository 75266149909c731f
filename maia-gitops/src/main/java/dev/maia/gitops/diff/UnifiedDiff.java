package dev.maia.gitops.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** Unified diffs of two texts, by JGit's histogram diff (a Myers variant) with three lines of context. */
final class UnifiedDiff {

  private static final DiffAlgorithm ALGORITHM = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

  private UnifiedDiff() {}

  /** The {@code ---}/{@code +++} header naming {@code label}, then the hunks. */
  static String of(String label, String before, String after) {
    RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
    RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
    EditList edits = ALGORITHM.diff(RawTextComparator.DEFAULT, a, b);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      formatter.setContext(3);
      formatter.format(edits, a, b);
      formatter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "--- a/" + label + "\n+++ b/" + label + "\n" + out.toString(StandardCharsets.UTF_8);
  }
}
