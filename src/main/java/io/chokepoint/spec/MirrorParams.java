package io.chokepoint.spec;

import io.chokepoint.error.UsageException;
import java.util.List;

/**
 * The mirror-flow settings of a job, parsed once from {@code params} (see docs/trade-truth.md).
 *
 * @param valueBasis {@link #REPORTED}, {@link #MIRROR} or {@link #RECONCILED}: whose values the exposure tables use
 * @param mirrorFlows whether the job publishes {@code mirror_flows} (true whenever the basis is not reported)
 * @param valueTolerance the largest value discrepancy |X − M| / (X + M) of a pair that still agrees
 * @param weightTolerance the same for net weights
 * @param cifFactor what an exporter's FOB value is multiplied by to stand for a CIF import value
 */
public record MirrorParams(String valueBasis, boolean mirrorFlows, double valueTolerance, double weightTolerance,
    double cifFactor) {
  /** The importers' own reports: today's exposure tables, unchanged. */
  public static final String REPORTED = "reported";
  /** The partners' reports of their exports to each importer (FOB). */
  public static final String MIRROR = "mirror";
  /** The importer's report where there is one, else the partner's FOB value times {@link #cifFactor}. */
  public static final String RECONCILED = "reconciled";
  public static final List<String> BASES = List.of(REPORTED, MIRROR, RECONCILED);

  public static final double DEFAULT_VALUE_TOLERANCE = 0.1;
  public static final double DEFAULT_WEIGHT_TOLERANCE = 0.1;
  public static final double DEFAULT_CIF_FACTOR = 1.05;

  static MirrorParams from(Params p) {
    String basis = p.oneOf(ParamKeys.VALUE_BASIS, REPORTED, BASES);
    boolean needed = !REPORTED.equals(basis);
    boolean mirror = p.bool(ParamKeys.MIRROR_FLOWS, needed);
    if (needed && !mirror) {
      throw new UsageException("params.mirror_flows is false, but params.value_basis '" + basis
          + "' is computed from the mirror pairs: leave mirror_flows out or set it to true");
    }
    double vt = fraction(p, ParamKeys.MIRROR_VALUE_TOLERANCE, DEFAULT_VALUE_TOLERANCE);
    double wt = fraction(p, ParamKeys.MIRROR_WEIGHT_TOLERANCE, DEFAULT_WEIGHT_TOLERANCE);
    double cif = p.number(ParamKeys.CIF_FOB_FACTOR, DEFAULT_CIF_FACTOR);
    if (!(cif >= 1 && cif <= 2)) {
      throw new UsageException("params." + ParamKeys.CIF_FOB_FACTOR + ": expected 1 to 2 (a CIF value is the FOB "
          + "value plus freight and insurance), got " + cif);
    }
    return new MirrorParams(basis, mirror, vt, wt, cif);
  }

  private static double fraction(Params p, String key, double def) {
    double v = p.number(key, def);
    if (!(v >= 0 && v <= 1)) {
      throw new UsageException("params." + key + ": expected a discrepancy from 0 to 1, got " + v);
    }
    return v;
  }
}
