package dev.maia.core.output;

import java.util.List;

/** A rule that judges one document on its own. Implementations are stateless and thread-safe. */
interface DocumentRule {

  /** Adds a finding to {@code findings} for every violation in {@code document}. */
  void check(LintedDocument document, List<Finding> findings);
}
