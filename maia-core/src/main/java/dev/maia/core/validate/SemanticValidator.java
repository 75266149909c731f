package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Platform;
import java.util.List;

/**
 * The rules a schema cannot express, one class per family: {@link NameRules}, {@link
 * ReferenceRules}, {@link EmailRules}, {@link QuantityRules}, {@link GpuRules}, {@link PortRules},
 * {@link BookingRules}, {@link ClusterRules}, {@link ToolRules}. Every rule runs, so all problems
 * are reported at once.
 */
public final class SemanticValidator {

  private static final List<SemanticRule> RULES =
      List.of(
          new NameRules(),
          new ReferenceRules(),
          new EmailRules(),
          new QuantityRules(),
          new GpuRules(),
          new PortRules(),
          new BookingRules(),
          new ClusterRules(),
          new ToolRules());

  /** Every semantic problem of a schema-valid platform, located and sorted by position. */
  public List<Problem> validate(Platform platform, SourceMap sources) {
    Problems problems = new Problems(sources);
    for (SemanticRule rule : RULES) {
      rule.check(platform, sources, problems);
    }
    return problems.list().stream().sorted().distinct().toList();
  }
}
