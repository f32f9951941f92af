package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Sums that do not depend on the order rows arrive in: each value is taken as a decimal (fixed
 * point, exact to the last place kept), the decimals are added exactly and the total turned back
 * into a double. A double sum may differ in its last bits with the order of its terms, which a
 * shuffle does not fix; these give the same double on every run and with any engine.
 */
final class Sums {
  /** Amounts up to 1e15 (USD, kg), kept to 1e-6: a sum of 10^17 such values still fits. */
  private static final org.apache.spark.sql.types.DecimalType AMOUNT = DataTypes.createDecimalType(38, 6);
  /** Values in [0, 1] (shares, their squares), kept to 1e-18. */
  private static final org.apache.spark.sql.types.DecimalType UNIT = DataTypes.createDecimalType(38, 18);

  private Sums() {}

  /** The exact sum of amounts, as a double; null over no non-null value. */
  static Column exact(Column amount) {
    return sum(amount.cast(AMOUNT)).cast(DataTypes.DoubleType);
  }

  /** The exact sum of amounts over a window, as a double. */
  static Column exact(Column amount, org.apache.spark.sql.expressions.WindowSpec window) {
    return sum(amount.cast(AMOUNT)).over(window).cast(DataTypes.DoubleType);
  }

  /** The exact sum of values in [0, 1] (shares, squared shares), as a double. */
  static Column exactUnit(Column unit) {
    return sum(unit.cast(UNIT)).cast(DataTypes.DoubleType);
  }
}
