package dev.maia.core.render;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/** Kubernetes quantities compared and converted by value. */
final class Quantities {

  private Quantities() {}

  static BigDecimal value(String quantity) {
    return Quantity.getAmountInBytes(new Quantity(quantity));
  }

  /** The smaller of two quantities, as written. */
  static String min(String a, String b) {
    return value(a).compareTo(value(b)) <= 0 ? a : b;
  }

  /** A plain number of the quantity (CPU cores or bytes), for values that take numbers. */
  static BigDecimal number(String quantity) {
    BigDecimal v = value(quantity).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }
}
