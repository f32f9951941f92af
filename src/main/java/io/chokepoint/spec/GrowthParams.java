package io.chokepoint.spec;

import io.chokepoint.error.UsageException;

/**
 * The growth settings of a job, parsed once from {@code params}.
 *
 * @param horizonYear the last year projected
 * @param tolerancePp stated and implied CAGR within this many percentage points are consistent
 * @param minPoints fewest annual observations a trend needs
 */
public record GrowthParams(int horizonYear, double tolerancePp, int minPoints) {
  static GrowthParams from(Params p) {
    int horizon = p.integer(ParamKeys.HORIZON_YEAR).orElse(2035);
    double tol = p.number(ParamKeys.CAGR_TOLERANCE_PP, 0.5);
    int min = p.integer(ParamKeys.MIN_POINTS).orElse(3);
    if (tol < 0) {
      throw new UsageException("params.cagr_tolerance_pp: must be 0 or more, got " + tol);
    }
    if (min < 2) {
      throw new UsageException("params.min_points: a trend needs at least 2 points, got " + min);
    }
    if (horizon < 1900 || horizon > 2200) {
      throw new UsageException("params.horizon_year: " + horizon + " is not a plausible year");
    }
    return new GrowthParams(horizon, tol, min);
  }
}
