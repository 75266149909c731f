package dev.maia.core.problem;

import dev.maia.core.load.SourceLocation;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with the user's input: where ({@code file:line:column} and the JSON pointer in
 * the merged document), what is wrong, and how to fix it.
 *
 * @param hint how to fix it, or {@code null} when the message already says so
 */
public record Problem(SourceLocation location, String pointer, String message, String hint)
    implements Comparable<Problem> {

  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::location)
          .thenComparing(Problem::pointer)
          .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /** {@code platform.yaml:42:7 /spec/projects/3/cluster: message (hint)}. */
  public String format() {
    String where = pointer.isEmpty() ? "/" : pointer;
    String text = location + " " + where + ": " + message;
    return hint == null || hint.isEmpty() ? text : text + " (" + hint + ")";
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return format();
  }
}
