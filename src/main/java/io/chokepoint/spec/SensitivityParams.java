package io.chokepoint.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.chokepoint.error.UsageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scenario engine's settings, parsed once from {@code params}.
 *
 * @param factors every factor with its levels and base, in {@link #FACTORS} order
 * @param twoWayX first factor of {@code sensitivity_two_way}
 * @param twoWayY second factor of {@code sensitivity_two_way}
 * @param twoWayMetric the metric of {@code sensitivity_two_way}
 * @param gdp the GDP reference point
 * @param baseYear the exposure year to start from, or null for each reporter-group's latest
 * @param fxSeries the FRED id of the USD/JPY series in {@code fx_rates}
 */
public record SensitivityParams(List<Factor> factors, String twoWayX, String twoWayY, String twoWayMetric,
    GdpReference gdp, Integer baseYear, String fxSeries) {

  public static final String DISRUPTION_SHARE = "disruption_share";
  public static final String DURATION_MONTHS = "duration_months";
  public static final String SUBSTITUTION_SHARE = "substitution_share";
  public static final String STOCKPILE_MONTHS = "stockpile_months";
  public static final String PRICE_SHOCK_PCT = "price_shock_pct";
  /** Percent offset from the base period's mean USD/JPY (−10 = a yen 10% stronger against the dollar). */
  public static final String USD_JPY_OFFSET_PCT = "usd_jpy_offset_pct";
  /** Absolute USD/JPY levels (yen per dollar): the alternative to {@link #USD_JPY_OFFSET_PCT}. */
  public static final String USD_JPY = "usd_jpy";
  public static final List<String> FACTORS = List.of(DISRUPTION_SHARE, DURATION_MONTHS, SUBSTITUTION_SHARE,
      STOCKPILE_MONTHS, PRICE_SHOCK_PCT, USD_JPY_OFFSET_PCT);
  /** Keys {@code params.scenarios} accepts: the factors, or {@link #USD_JPY} in place of the offset. */
  static final List<String> SCENARIO_KEYS = List.of(DISRUPTION_SHARE, DURATION_MONTHS, SUBSTITUTION_SHARE,
      STOCKPILE_MONTHS, PRICE_SHOCK_PCT, USD_JPY_OFFSET_PCT, USD_JPY);

  public static final List<String> METRICS = List.of("shortfall_kg", "shortfall_usd", "import_bill_usd",
      "import_bill_jpy", "extra_cost_jpy", "stock_cover_months", "gdp_impact_pct");

  /** Defaults: 11 × 12 × 6 × 7 × 5 × 7 = 194,040 scenarios per reporter-group. */
  static final Map<String, double[]> DEFAULTS = Map.of( // base, low, high, steps
      DISRUPTION_SHARE, new double[] {0.5, 0, 1, 11},
      DURATION_MONTHS, new double[] {6, 1, 12, 12},
      SUBSTITUTION_SHARE, new double[] {0.2, 0, 0.5, 6},
      STOCKPILE_MONTHS, new double[] {2, 0, 6, 7},
      PRICE_SHOCK_PCT, new double[] {25, 0, 100, 5},
      USD_JPY_OFFSET_PCT, new double[] {0, -15, 15, 7});

  /**
   * One factor of the grid.
   *
   * @param name a name from {@link #FACTORS}
   * @param base the level every other factor is held at in one-way and two-way tables
   * @param levels the grid's levels, ascending
   */
  public record Factor(String name, double base, List<Double> levels) {
    public double low() {
      return levels.get(0);
    }

    public double high() {
      return levels.get(levels.size() - 1);
    }
  }

  /**
   * A coarse linear GDP reference: cutting {@code referenceCutShare} of {@code referenceTradeUsd}
   * (a year's trade with the focus supplier) moves {@code reporter}'s real GDP by
   * {@code referenceImpactPct} within a year; a scenario's shortfall is scaled against that cut, and
   * so are the sector reference points. Not an input-output model.
   */
  public record GdpReference(String reporter, double referenceCutShare, double referenceTradeUsd,
      double referenceImpactPct, Map<String, Double> sectorImpactPct, String source) {}

  static SensitivityParams from(Params p) {
    Map<String, JsonNode> given = new LinkedHashMap<>();
    p.get(ParamKeys.SCENARIOS).ifPresent(n -> {
      if (!n.isObject()) {
        throw new UsageException("params.scenarios: expected an object of factors, got " + n);
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!SCENARIO_KEYS.contains(k)) {
          throw new UsageException("params.scenarios." + k + ": unknown factor; known: " + SCENARIO_KEYS);
        }
        given.put(k, n.get(k));
      }
    });
    if (given.containsKey(USD_JPY) && given.containsKey(USD_JPY_OFFSET_PCT)) {
      throw new UsageException("params.scenarios: give usd_jpy (levels) or usd_jpy_offset_pct (around the base"
          + " year's mean), not both");
    }
    List<Factor> factors = new ArrayList<>();
    for (String f : FACTORS) {
      String name = f.equals(USD_JPY_OFFSET_PCT) && given.containsKey(USD_JPY) ? USD_JPY : f;
      factors.add(given.containsKey(name) ? factor(name, given.get(name)) : defaults(name));
    }
    for (Factor f : factors) {
      boolean share = f.name().endsWith("_share");
      boolean nonNegative = !f.name().equals(USD_JPY_OFFSET_PCT);
      for (double v : f.levels()) {
        if ((share && (v < 0 || v > 1)) || (nonNegative && v < 0) || v <= -100) {
          throw new UsageException("params.scenarios." + f.name() + ": level " + v + " is out of range");
        }
      }
      if ((f.name().equals(DURATION_MONTHS) || f.name().equals(USD_JPY)) && f.low() <= 0) {
        throw new UsageException("params.scenarios." + f.name() + ": levels must be above 0");
      }
    }

    String x = DISRUPTION_SHARE;
    String y = SUBSTITUTION_SHARE;
    String metric = "shortfall_usd";
    if (p.get(ParamKeys.TWO_WAY).isPresent()) {
      JsonNode t = p.get(ParamKeys.TWO_WAY).get();
      only(t, Set.of("x", "y", "metric"), "params.two_way");
      x = t.has("x") ? t.get("x").asText() : x;
      y = t.has("y") ? t.get("y").asText() : y;
      metric = t.has("metric") ? t.get("metric").asText() : metric;
      List<String> names = factors.stream().map(Factor::name).toList();
      if (!names.contains(x) || !names.contains(y) || x.equals(y)) {
        throw new UsageException("params.two_way: x and y must be two different factors of " + names);
      }
      if (!METRICS.contains(metric)) {
        throw new UsageException("params.two_way.metric: '" + metric + "' is not one of " + METRICS);
      }
    }

    GdpReference gdp = gdp(p.get(ParamKeys.GDP).orElse(null));
    Integer baseYear = p.integer(ParamKeys.BASE_YEAR).orElse(null);
    String fx = p.string(ParamKeys.FX_SERIES, "DEXJPUS").toUpperCase(Locale.ROOT);
    return new SensitivityParams(List.copyOf(factors), x, y, metric, gdp, baseYear, fx);
  }

  /** The FX factor: absolute {@link #USD_JPY} levels, or {@link #USD_JPY_OFFSET_PCT} around the mean. */
  public Factor fx() {
    return factors.get(factors.size() - 1);
  }

  public Factor factor(String name) {
    return factors.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static Factor defaults(String f) {
    double[] d = DEFAULTS.get(f);
    return new Factor(f, d[0], linspace(d[1], d[2], (int) d[3]));
  }

  private static Factor factor(String name, JsonNode n) {
    String where = "params.scenarios." + name;
    if (!n.isObject()) {
      throw new UsageException(where + ": expected {\"base\", \"low\", \"high\", \"steps\"} or {\"base\", \"levels\"}");
    }
    only(n, Set.of("base", "low", "high", "steps", "levels"), where);
    List<Double> levels = new ArrayList<>();
    if (n.has("levels")) {
      if (!n.get("levels").isArray() || n.get("levels").isEmpty()) {
        throw new UsageException(where + ".levels: expected a non-empty list of numbers");
      }
      n.get("levels").forEach(v -> levels.add(num(v, where + ".levels")));
      levels.sort(null);
    } else {
      double low = num(n.get("low"), where + ".low");
      double high = num(n.get("high"), where + ".high");
      JsonNode stepsNode = n.get("steps");
      if (stepsNode == null || !stepsNode.canConvertToInt() || stepsNode.asInt() < 1 || stepsNode.asInt() > 1000) {
        throw new UsageException(where + ".steps: expected a whole number from 1 to 1000");
      }
      if (low > high) {
        throw new UsageException(where + ": low " + low + " is above high " + high);
      }
      levels.addAll(linspace(low, high, stepsNode.asInt()));
    }
    double base = n.has("base") ? num(n.get("base"), where + ".base") : levels.get(levels.size() / 2);
    if (levels.stream().noneMatch(l -> Math.abs(l - base) <= 1e-9 * Math.max(1, Math.abs(base)))) {
      throw new UsageException(where + ".base: " + base + " is not one of its levels " + levels
          + " (the grid must hold the base scenario)");
    }
    return new Factor(name, base, List.copyOf(levels));
  }

  static List<Double> linspace(double low, double high, int steps) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      out.add(steps == 1 ? low : low + (high - low) * i / (steps - 1));
    }
    return out;
  }

  private static GdpReference gdp(JsonNode n) {
    Map<String, Double> sectors = new LinkedHashMap<>();
    if (n == null) {
      sectors.put("semiconductors", -2.5);
      sectors.put("automotive", -1.5);
      return new GdpReference("JPN", 0.9, 3.0e11, -7.0, sectors, "RIETI (2024): a 90% cut of all trade with China lowers"
          + " Japan's real GDP by about 7% within a year; semiconductors -2 to -3%, automotive -1 to -2% (midpoints)");
    }
    only(n, Set.of("reporter", "reference_cut_share", "reference_trade_usd", "reference_impact_pct", "sectors", "source"),
        "params.gdp");
    if (n.has("sectors")) {
      n.get("sectors").fields().forEachRemaining(e -> sectors.put(e.getKey(), num(e.getValue(), "params.gdp.sectors")));
    }
    double cut = num(n.get("reference_cut_share"), "params.gdp.reference_cut_share");
    double trade = num(n.get("reference_trade_usd"), "params.gdp.reference_trade_usd");
    if (cut <= 0 || cut > 1 || trade <= 0) {
      throw new UsageException("params.gdp: reference_cut_share must be in (0, 1] and reference_trade_usd above 0");
    }
    return new GdpReference(n.has("reporter") ? n.get("reporter").asText().toUpperCase(Locale.ROOT) : "JPN", cut, trade,
        num(n.get("reference_impact_pct"), "params.gdp.reference_impact_pct"), sectors,
        n.has("source") ? n.get("source").asText() : "");
  }

  private static double num(JsonNode v, String where) {
    if (v == null || !v.isNumber()) {
      throw new UsageException(where + ": expected a number, got " + v);
    }
    return v.asDouble();
  }

  private static void only(JsonNode n, Set<String> allowed, String where) {
    n.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        throw new UsageException(where + "." + k + ": unknown key; allowed: " + allowed.stream().sorted().toList());
      }
    });
  }
}
