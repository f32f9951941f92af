package io.chokepoint.spec;

import com.fasterxml.jackson.databind.JsonNode;
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
 * @param blocName the importing bloc of the bloc-sourcing term as named ({@code EU27}), or the ISO3
 *     codes joined by {@code +} when {@code params.bloc} lists them
 * @param bloc the bloc's members (ISO3, upper case): a bloc of the jar's {@code blocs.csv}, or the
 *     listed codes (checked against the job's countries table when the step runs)
 */
public record RiskParams(Integer windowFrom, Integer windowTo, Optional<List<String>> materials, String unscored,
    double criticalSr, double criticalEi, String blocName, List<String> bloc) {
  public static final List<String> UNSCORED = List.of("zero", "exclude", "median");
  /** The bloc when {@code params.bloc} is absent. */
  public static final String DEFAULT_BLOC = "EU27";

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
    BlocRef b = BlocRef.parse(p.get(ParamKeys.BLOC).orElse(com.fasterxml.jackson.databind.node.TextNode.valueOf(
        DEFAULT_BLOC)), "params." + ParamKeys.BLOC);
    String blocName = b.name();
    List<String> bloc = b.codes();
    return new RiskParams(from, to, p.strings(ParamKeys.MATERIALS), unscored, sr, ei, blocName, bloc);
  }
}
