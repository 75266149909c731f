package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Platform;
import java.util.List;

/** The rules a schema cannot express: names, references, quantities, capacities, ports. */
public final class SemanticValidator {

  /** Every semantic problem of a schema-valid platform, located. */
  public List<Problem> validate(Platform platform, SourceMap sources) {
    return List.of(); // TODO(semantic)
  }
}
