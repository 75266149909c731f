package dev.maia.core.output;

import java.util.Comparator;
import java.util.Objects;

/**
 * One violation of a {@link SecurityRule} in the generated output. Printed as
 * {@code path[#document] Kind/name: rule: detail}; the document number (from 1) is there only when
 * the file holds more than one document. A finding never repeats a credential it found.
 *
 * @param path file (or, for a whole namespace folder, folder ending in {@code /}) relative to the
 *     output folder
 * @param document the document in the file, from 1; 0 when the file holds one document or the
 *     finding is about a folder
 * @param subject {@code Kind/name} of the resource, or {@code Namespace/NAME} for a folder
 * @param rule the rule that fired
 * @param detail where in the document, what is wrong and how to fix it
 */
public record Finding(String path, int document, String subject, SecurityRule rule, String detail)
    implements Comparable<Finding> {

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::path)
          .thenComparingInt(Finding::document)
          .thenComparing(Finding::subject)
          .thenComparing(Finding::rule)
          .thenComparing(Finding::detail);

  public Finding {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detail, "detail");
    if (document < 0) {
      throw new IllegalArgumentException("document must be 0 or more: " + document);
    }
  }

  @Override
  public int compareTo(Finding other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return path + (document > 0 ? "#" + document : "") + " " + subject + ": " + rule.id() + ": " + detail;
  }
}
