package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The user's input is wrong. Carries every problem found, sorted by position. This is the only
 * exception the core throws for bad input; anything else is a broken environment or a bug.
 */
public final class InvalidPlatformException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public InvalidPlatformException(List<Problem> problems) {
    super(summary(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid platform needs at least one problem");
    }
    this.problems = problems.stream().sorted().distinct().toList();
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    List<Problem> sorted = problems.stream().sorted().distinct().toList();
    String noun = sorted.size() == 1 ? "problem" : "problems";
    return "The platform has "
        + sorted.size()
        + " "
        + noun
        + ":\n"
        + sorted.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n"));
  }
}
