package dev.maia.core.load;

import java.util.Comparator;

/**
 * Where a node of the platform came from: a file relative to the platform repo (always with
 * {@code /} separators), and a 1-based line and column.
 */
public record SourceLocation(String file, int line, int column) implements Comparable<SourceLocation> {

  /**
   * How a file built into the plugin is named ({@code built-in:templates/mlflow/values.yaml.ftl}):
   * a site overrides it with a file of the same path under {@code templates/} of the platform repo.
   */
  public static final String BUILT_IN = "built-in:";

  private static final Comparator<SourceLocation> ORDER =
      Comparator.comparing(SourceLocation::file)
          .thenComparingInt(SourceLocation::line)
          .thenComparingInt(SourceLocation::column);

  /** The start of a file, for problems that concern the file as a whole. */
  public static SourceLocation startOf(String file) {
    return new SourceLocation(file, 1, 1);
  }

  /** Whether the file is built into the plugin rather than in the platform repo. */
  public boolean builtIn() {
    return file.startsWith(BUILT_IN);
  }

  @Override
  public int compareTo(SourceLocation other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
