package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a schema cannot express, one class per family: {@link NameRules}, {@link
 * GeneratedNameRules}, {@link ReferenceRules}, {@link EmailRules}, {@link QuantityRules}, {@link
 * GpuRules}, {@link PortRules}, {@link BookingRules}, {@link BookingPolicyRules}, {@link
 * ClusterRules}, {@link ToolRules}, {@link WorkspaceRules}, {@link OverrideRules}, {@link
 * RolloutRules}, {@link HpcRules}, {@link IdentityRules}. (How the volumes fit the storage depends
 * on the site's templates as well: {@link StorageRules}.) Every rule runs, so all problems are
 * reported at once.
 */
public final class SemanticValidator {

  /** The rules that do not depend on the time of the run. */
  private static final List<SemanticRule> TIMELESS_RULES =
      List.of(
          new NameRules(),
          new GeneratedNameRules(),
          new ReferenceRules(),
          new EmailRules(),
          new QuantityRules(),
          new GpuRules(),
          new PortRules(),
          new BookingRules(),
          new ClusterRules(),
          new CoreRules(),
          new ToolRules(),
          new WorkspaceRules(),
          new OverrideRules(),
          new RolloutRules(),
          new HpcRules(),
          new IdentityRules());

  /**
   * Every semantic problem of a schema-valid platform, located and sorted by position.
   *
   * @param now the time of the run: a booking that starts after it is a future booking
   */
  public List<Problem> validate(Platform platform, SourceMap sources, Instant now) {
    List<SemanticRule> rules = new ArrayList<>(TIMELESS_RULES);
    rules.add(new BookingPolicyRules(now));
    Problems problems = new Problems(sources);
    for (SemanticRule rule : rules) {
      rule.check(platform, sources, problems);
    }
    return problems.list().stream().sorted().distinct().toList();
  }
}
