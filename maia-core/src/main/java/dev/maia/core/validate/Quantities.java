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

  /** Cores as a plain number: {@code 6}, {@code 1.5}. */
  static String cores(BigDecimal cores) {
    BigDecimal v = cores.stripTrailingZeros();
    return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
  }

  /** Bytes in the largest binary unit that holds them whole ({@code 12Gi}, {@code 1536Mi}), else in bytes. */
  static String bytes(BigDecimal bytes) {
    String[] units = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
    for (int i = 0; i < units.length; i++) {
      BigDecimal unit = BigDecimal.valueOf(1024).pow(units.length - i);
      BigDecimal[] split = bytes.divideAndRemainder(unit);
      if (split[0].signum() > 0 && split[1].signum() == 0) {
        return cores(split[0]) + units[i];
      }
    }
    return cores(bytes);
  }
}
