package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The user's input is wrong. Carries every problem found, sorted by position; when two stages found
 * problems in one run (the schema's, then the semantic rules' on what passed it), the first stage's
 * come first. This is the only exception the core throws for bad input; anything else is a broken
 * environment or a bug.
 */
public final class InvalidPlatformException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public InvalidPlatformException(List<Problem> problems) {
    this(problems, List.of());
  }

  /** The problems of two stages: {@code first}'s sorted by position, then {@code then}'s. */
  public InvalidPlatformException(List<Problem> first, List<Problem> then) {
    super(summary(ordered(first, then)));
    if (first.isEmpty()) {
      throw new IllegalArgumentException("an invalid platform needs at least one problem");
    }
    this.problems = ordered(first, then);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static List<Problem> ordered(List<Problem> first, List<Problem> then) {
    return Stream.concat(first.stream().sorted(), then.stream().sorted()).distinct().toList();
  }

  private static String summary(List<Problem> problems) {
    String noun = problems.size() == 1 ? "problem" : "problems";
    return "The platform has "
        + problems.size()
        + " "
        + noun
        + ":\n"
        + problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n"));
  }
}
