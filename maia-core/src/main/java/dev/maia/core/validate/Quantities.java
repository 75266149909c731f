package dev.maia.core.validate;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes resource quantities: the syntax the API server accepts, and their numeric value. */
final class Quantities {

  /**
   * {@code <sign><number><suffix>} of {@code k8s.io/apimachinery/pkg/api/resource}: a decimal
   * number, then a binary (Ki..Ei) or decimal (n, u, m, k, M..E) suffix or an exponent.
   */
  private static final Pattern SYNTAX =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");

  private Quantities() {}

  /** The value of {@code text} in base units (cores, bytes), or empty when it is not a quantity. */
  static Optional<BigDecimal> parse(String text) {
    if (!SYNTAX.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Quantity.getAmountInBytes(new Quantity(text)));
    } catch (ArithmeticException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
