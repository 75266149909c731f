package dev.maia.core.output;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The generated output breaks a security rule (DESIGN invariants 4 and 5), so nothing was written:
 * the output folder holds the previous tree. A problem of the input (platform.yaml or a site's
 * template override), to be reported like an invalid platform. The message lists every finding,
 * one a line, sorted; it never repeats a credential it found.
 */
public final class UnsafeOutputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<Finding> findings;

  public UnsafeOutputException(Collection<Finding> findings) {
    this(sorted(findings));
  }

  private UnsafeOutputException(List<Finding> sorted) {
    super(message(sorted));
    this.findings = sorted;
  }

  /** Every finding, sorted by path, document, subject and rule. */
  public List<Finding> findings() {
    return findings;
  }

  private static List<Finding> sorted(Collection<Finding> findings) {
    if (findings.isEmpty()) {
      throw new IllegalArgumentException("an unsafe output needs at least one finding");
    }
    return List.copyOf(new TreeSet<>(findings));
  }

  private static String message(List<Finding> findings) {
    return "the generated output has "
        + findings.size()
        + " security finding(s); nothing was written (see docs/security.md, \"Output lint\"):\n"
        + findings.stream().map(f -> "  " + f).collect(Collectors.joining("\n"));
  }
}
