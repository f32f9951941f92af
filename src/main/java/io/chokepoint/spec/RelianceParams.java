package io.chokepoint.spec;

import io.chokepoint.error.UsageException;

/**
 * The import-reliance settings of a job, parsed once from {@code params} (see docs/import-reliance.md).
 *
 * @param tolerancePp computed and published net import reliance within this many percentage points agree
 */
public record RelianceParams(double tolerancePp) {
  public static final double DEFAULT_TOLERANCE_PP = 2;

  static RelianceParams from(Params p) {
    double tol = p.number(ParamKeys.RELIANCE_TOLERANCE_PP, DEFAULT_TOLERANCE_PP);
    if (!(tol >= 0 && tol <= 100)) {
      throw new UsageException("params." + ParamKeys.RELIANCE_TOLERANCE_PP + ": expected 0 to 100 percentage points, got "
          + tol);
    }
    return new RelianceParams(tol);
  }
}
