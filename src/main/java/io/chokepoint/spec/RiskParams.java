package io.chokepoint.spec;

import io.chokepoint.error.UsageException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The supply-risk settings of a job, parsed once from {@code params}.
 *
 * @param windowFrom first year of the averaging window, or null for one period per year
 * @param windowTo last year of the window, or null
 * @param materials the materials assessed (names as in the EU parameters), or empty for every mapped one
 * @param unscored what to do with producers without a governance score: zero, exclude or median
 * @param criticalSr the SR at or above which a material is critical (with criticalEi)
 * @param criticalEi the economic importance at or above which a material is critical (with criticalSr)
 */
public record RiskParams(Integer windowFrom, Integer windowTo, Optional<List<String>> materials, String unscored,
    double criticalSr, double criticalEi) {
  public static final List<String> UNSCORED = List.of("zero", "exclude", "median");

  public static RiskParams from(Params p) {
    Integer from = null;
    Integer to = null;
    Optional<com.fasterxml.jackson.databind.JsonNode> w = p.get(ParamKeys.RISK_WINDOW);
    if (w.isPresent()) {
      var v = w.get();
      if (!v.isArray() || v.size() != 2 || !v.get(0).canConvertToInt() || !v.get(1).canConvertToInt()
          || !v.get(0).isIntegralNumber() || !v.get(1).isIntegralNumber()) {
        throw new UsageException("params." + ParamKeys.RISK_WINDOW + ": expected [first year, last year], got " + v);
      }
      from = v.get(0).asInt();
      to = v.get(1).asInt();
      if (from > to) {
        throw new UsageException("params." + ParamKeys.RISK_WINDOW + ": first year " + from + " is after " + to);
      }
    }
    String unscored = p.oneOf(ParamKeys.UNSCORED_COUNTRIES, "zero", UNSCORED).toLowerCase(Locale.ROOT);
    double sr = p.number(ParamKeys.CRITICAL_SR, 1.0);
    double ei = p.number(ParamKeys.CRITICAL_EI, 2.8);
    return new RiskParams(from, to, p.strings(ParamKeys.MATERIALS), unscored, sr, ei);
  }
}
