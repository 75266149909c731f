package dev.maia.core;

import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.verify.VerifyResult;

/**
 * What a verify run did: the platform it read, the tree it generated, and what rendering the
 * tree's charts found.
 */
public record VerifyOutcome(ValidPlatform valid, GenerateResult generated, VerifyResult verified) {

  /**
   * Throws when the checks found anything.
   *
   * @throws InvalidPlatformException with every finding, located
   */
  public VerifyOutcome requireClean() {
    if (!verified.problems().isEmpty()) {
      throw new InvalidPlatformException(verified.problems());
    }
    return this;
  }
}
