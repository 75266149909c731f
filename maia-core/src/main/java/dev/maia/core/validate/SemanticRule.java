package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Platform;

/**
 * One family of semantic rules. A rule reports every problem it finds into {@code problems} and
 * never stops at the first one; rules are independent of each other and may run in any order.
 */
interface SemanticRule {

  void check(Platform platform, SourceMap sources, Problems problems);
}
