package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.SensitivityParams;
import io.chokepoint.spec.SensitivityParams.Factor;
import io.chokepoint.spec.SensitivityParams.GdpReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The scenario engine: what cutting part of the focus supplier's volume would cost.
 *
 * <p>Per reporter × product at its base year, with V = annual import value (USD), W = annual import
 * weight (kg), f_v and f_w the focus supplier's value and weight shares, and the factors d
 * (disruption_share), D (duration_months), s (substitution_share), k (stockpile_months), p
 * (price_shock_pct), o (usd_jpy_offset_pct):
 *
 * <pre>
 * lost_kg            = d × W × f_w × D/12            (focus volume cut over the period)
 * net_lost_kg        = lost_kg × (1 − s)             (after other suppliers step in)
 * stock_kg           = W × k/12
 * shortfall_kg       = max(0, net_lost_kg − stock_kg)
 * shortfall_usd      = shortfall_kg × V f_v / (W f_w)   (at the focus supplier's unit value)
 * import_bill_usd    = (V × D/12 − net_lost_kg × V f_v / (W f_w)) × (1 + p/100)
 * import_bill_jpy    = import_bill_usd × rate,  rate = base period mean USD/JPY × (1 + o/100)
 *                      (or the usd_jpy level itself when the spec gives absolute levels)
 * extra_cost_jpy     = import_bill_jpy − (import_bill_usd / (1 + p/100)) × base period mean
 * stock_cover_months = stock_kg / (net_lost_kg / D)    (null when nothing is lost)
 * gdp_impact_pct     = reference impact × shortfall_usd / (reference cut share × reference trade)
 * </pre>
 *
 * <p>{@code status}: {@code no_weight} (W or f_w unknown: kg and derived metrics null),
 * {@code no_fx_rate} (no mean rate for the base year: JPY metrics null), {@code no_gdp_reference}
 * (the reporter is not the GDP reference's: GDP null), {@code no_loss} (nothing lost: stock cover
 * null), else {@code ok}. Everything is a column expression; the grid is the exposure rows with one
 * exploded array per factor, so it is built and evaluated by Spark and never on the driver.
 */
public final class Sensitivity {
  public static final String BASE_YEAR = "base_year";
  public static final String FX_RATE = "fx_rate_base";
  public static final String SCENARIO_ID = "scenario_id";
  public static final String STATUS = "status";
  static final String[] SHORT = {"d", "m", "s", "k", "p", "fx"};

  private Sensitivity() {}

  /**
   * The rows scenarios start from. Input: {@code concentration}. Output, per reporter_iso3 and
   * product: base_year (the given year, or the latest annual import row with status ok),
   * total_value_usd, total_weight_kg, focus_share, focus_share_weight.
   */
  public static Dataset<Row> exposureBase(Dataset<Row> concentration, String product, Integer baseYear) {
    Dataset<Row> ok = concentration.where(col(TradeColumns.MONTH).isNull()
        .and(col(TradeColumns.FLOW).equalTo(TradeColumns.IMPORT))
        .and(col(ExposureColumns.STATUS).equalTo(ExposureColumns.OK)));
    if (baseYear != null) {
      ok = ok.where(col(TradeColumns.YEAR).equalTo(baseYear));
    } else {
      ok = ok.withColumn("_latest", max(TradeColumns.YEAR).over(Window.partitionBy(TradeColumns.REPORTER, product)))
          .where(col(TradeColumns.YEAR).equalTo(col("_latest")));
    }
    return ok.select(col(TradeColumns.REPORTER), col(product), col(TradeColumns.YEAR).as(BASE_YEAR),
        col(ExposureColumns.TOTAL_VALUE_USD), col(ExposureColumns.TOTAL_WEIGHT_KG), col(ExposureColumns.FOCUS_SHARE),
        col(ExposureColumns.FOCUS_SHARE_WEIGHT));
  }

  /**
   * Adds {@value #FX_RATE}: the mean rate of each row's base year from {@code fxPeriodRates} (grain
   * year, the given series), null when that year has none.
   */
  public static Dataset<Row> withFx(Dataset<Row> base, Dataset<Row> fxPeriodRates, String series) {
    Dataset<Row> yearly = fxPeriodRates
        .where(col("grain").equalTo(FxRates.GRAIN_YEAR).and(col("series_id").equalTo(series)))
        .select(col("year").as("_fx_year"), col(FxRates.MEAN).as(FX_RATE));
    return base.join(org.apache.spark.sql.functions.broadcast(yearly), col(BASE_YEAR).equalTo(col("_fx_year")), "left")
        .drop("_fx_year");
  }

  /**
   * Every combination of every factor's levels, for each base row (the full grid), evaluated. The
   * few base rows are spread over several partitions first, so every core explodes its share.
   */
  public static Dataset<Row> grid(Dataset<Row> base, SensitivityParams p, String product) {
    int parts = Math.max(1, base.sparkSession().sparkContext().defaultParallelism() * 4);
    Dataset<Row> g = base.repartition(parts, col(TradeColumns.REPORTER), col(product));
    for (Factor f : p.factors()) {
      g = g.withColumn(f.name(), explode(levels(f.levels())));
    }
    return evaluate(g, p, product);
  }

  /**
   * One-way sensitivity: each factor at its low and its high level, the others at base. Output per
   * reporter, product, factor and metric: low, high, value_at_low, value_at_high, swing
   * (|high − low| of the metric; null when either is null) and rank (1 = largest swing of that
   * metric for that reporter and product).
   */
  public static Dataset<Row> tornado(Dataset<Row> base, SensitivityParams p, String product) {
    List<Column> cases = new ArrayList<>();
    for (Factor varied : p.factors()) {
      for (String side : List.of("low", "high")) {
        List<Column> fields = new ArrayList<>();
        fields.add(lit(varied.name()).as("factor"));
        fields.add(lit(side).as("side"));
        for (Factor f : p.factors()) {
          double v = f != varied ? f.base() : side.equals("low") ? f.low() : f.high();
          fields.add(lit(v).as(f.name()));
        }
        cases.add(struct(fields.toArray(Column[]::new)));
      }
    }
    Dataset<Row> oneWay = base.withColumn("_case", explode(array(cases.toArray(Column[]::new))))
        .select(col("*"), col("_case.*")).drop("_case");
    Dataset<Row> evaluated = metricsLong(evaluate(oneWay, p, product), List.of("factor", "side"), product);
    Column low = max(when(col("side").equalTo("low"), col("value")));
    Column high = max(when(col("side").equalTo("high"), col("value")));
    Dataset<Row> t = evaluated.groupBy(TradeColumns.REPORTER, product, BASE_YEAR, "factor", "metric")
        .agg(low.as("value_at_low"), high.as("value_at_high"))
        .withColumn("swing", abs(col("value_at_high").minus(col("value_at_low"))));
    Column lowLevel = lit(null).cast(DataTypes.DoubleType);
    Column highLevel = lit(null).cast(DataTypes.DoubleType);
    for (Factor f : p.factors()) {
      lowLevel = when(col("factor").equalTo(f.name()), lit(f.low())).otherwise(lowLevel);
      highLevel = when(col("factor").equalTo(f.name()), lit(f.high())).otherwise(highLevel);
    }
    return t.withColumn("low", lowLevel).withColumn("high", highLevel)
        .withColumn("rank", row_number().over(Window.partitionBy(TradeColumns.REPORTER, product, "metric")
            .orderBy(col("swing").desc_nulls_last(), col("factor"))));
  }

  /**
   * Two factors over all their levels, the others at base, one metric: reporter, product,
   * base_year, x_factor, x_value, y_factor, y_value, metric, value.
   */
  public static Dataset<Row> twoWay(Dataset<Row> base, SensitivityParams p, String product) {
    Dataset<Row> g = base;
    for (Factor f : p.factors()) {
      boolean varied = f.name().equals(p.twoWayX()) || f.name().equals(p.twoWayY());
      g = g.withColumn(f.name(), varied ? explode(levels(f.levels())) : lit(f.base()));
    }
    return evaluate(g, p, product).select(col(TradeColumns.REPORTER), col(product), col(BASE_YEAR),
        lit(p.twoWayX()).as("x_factor"), col(p.twoWayX()).as("x_value"), lit(p.twoWayY()).as("y_factor"),
        col(p.twoWayY()).as("y_value"), lit(p.twoWayMetric()).as("metric"), col(p.twoWayMetric()).as("value"));
  }

  private static Column levels(List<Double> levels) {
    return array(levels.stream().map(v -> lit(v)).toArray(Column[]::new));
  }

  /** The metrics of every row that carries the six factor columns, a base row and {@value #FX_RATE}. */
  public static Dataset<Row> evaluate(Dataset<Row> rows, SensitivityParams params, String product) {
    GdpReference gdp = params.gdp();
    List<String> factors = params.factors().stream().map(Factor::name).toList();
    boolean absoluteFx = params.fx().name().equals(SensitivityParams.USD_JPY);
    Column d = col(SensitivityParams.DISRUPTION_SHARE);
    Column months = col(SensitivityParams.DURATION_MONTHS);
    Column s = col(SensitivityParams.SUBSTITUTION_SHARE);
    Column k = col(SensitivityParams.STOCKPILE_MONTHS);
    Column p = col(SensitivityParams.PRICE_SHOCK_PCT);
    Column fxLevel = col(params.fx().name());
    Column value = col(ExposureColumns.TOTAL_VALUE_USD);
    Column weight = col(ExposureColumns.TOTAL_WEIGHT_KG);
    Column fv = col(ExposureColumns.FOCUS_SHARE);
    Column fw = col(ExposureColumns.FOCUS_SHARE_WEIGHT);
    Column fx = col(FX_RATE);

    Column weightKnown = weight.isNotNull().and(fw.isNotNull()).and(weight.gt(0));
    Column focusKg = weight.multiply(fw);
    Column unitValue = when(focusKg.gt(0), value.multiply(fv).divide(focusKg)).otherwise(lit(0.0));
    Column lost = d.multiply(focusKg).multiply(months).divide(12);
    Column netLost = lost.multiply(lit(1).minus(s));
    Column stock = weight.multiply(k).divide(12);
    Column shortfallKg = when(weightKnown, greatest(lit(0.0), netLost.minus(stock)));
    Column shortfallUsd = shortfallKg.multiply(unitValue);
    Column remainingUsd = when(weightKnown, value.multiply(months).divide(12).minus(netLost.multiply(unitValue)));
    Column billUsd = remainingUsd.multiply(lit(1).plus(p.divide(100)));
    Column rate = absoluteFx ? fxLevel : fx.multiply(lit(1).plus(fxLevel.divide(100)));
    Column billJpy = billUsd.multiply(rate);
    Column extraJpy = billJpy.minus(remainingUsd.multiply(fx));
    Column cover = when(weightKnown.and(netLost.gt(0)), stock.divide(netLost.divide(months)));
    // No shortfall is exactly 0, not the −0.0 that a negative reference impact would give.
    Column gdpScale = when(col(TradeColumns.REPORTER).equalTo(gdp.reporter()),
        when(shortfallUsd.equalTo(0), lit(0.0)).otherwise(shortfallUsd.divide(gdp.referenceCutShare()
            * gdp.referenceTradeUsd())));

    Column status = when(weightKnown.unary_$bang(), lit("no_weight"))
        .when(fx.isNull(), lit("no_fx_rate"))
        .when(col(TradeColumns.REPORTER).notEqual(gdp.reporter()), lit("no_gdp_reference"))
        .when(netLost.leq(0), lit("no_loss"))
        .otherwise(lit("ok"));

    List<Column> ids = new ArrayList<>();
    for (int i = 0; i < factors.size(); i++) {
      String tag = i == factors.size() - 1 && absoluteFx ? "jpy" : SHORT[i];
      ids.add(concat_ws("=", lit(tag), col(factors.get(i)).cast(DataTypes.StringType)));
    }
    List<Column> out = new ArrayList<>();
    out.add(col(TradeColumns.REPORTER));
    out.add(col(product));
    out.add(col(BASE_YEAR));
    out.add(concat_ws("|", ids.toArray(Column[]::new)).as(SCENARIO_ID));
    factors.forEach(f -> out.add(col(f)));
    out.add(fx);
    out.add(shortfallKg.as("shortfall_kg"));
    out.add(shortfallUsd.as("shortfall_usd"));
    out.add(billUsd.as("import_bill_usd"));
    out.add(billJpy.as("import_bill_jpy"));
    out.add(extraJpy.as("extra_cost_jpy"));
    out.add(cover.as("stock_cover_months"));
    out.add(scaled(gdpScale, gdp.referenceImpactPct()).as("gdp_impact_pct"));
    for (Map.Entry<String, Double> e : gdp.sectorImpactPct().entrySet()) {
      out.add(scaled(gdpScale, e.getValue()).as("gdp_impact_" + e.getKey() + "_pct"));
    }
    out.add(status.as(STATUS));
    for (String extra : List.of("factor", "side")) {
      if (List.of(rows.columns()).contains(extra)) {
        out.add(col(extra));
      }
    }
    return rows.select(out.toArray(Column[]::new));
  }

  private static Column scaled(Column scale, double referencePct) {
    return when(scale.equalTo(0), lit(0.0)).otherwise(scale.multiply(referencePct));
  }

  /** Metrics of evaluated rows as (metric, value) rows, keeping {@code keep} columns. */
  static Dataset<Row> metricsLong(Dataset<Row> evaluated, List<String> keep, String product) {
    List<Column> pairs = new ArrayList<>();
    for (String m : SensitivityParams.METRICS) {
      pairs.add(struct(lit(m).as("metric"), col(m).as("value")));
    }
    List<Column> sel = new ArrayList<>(List.of(col(TradeColumns.REPORTER), col(product), col(BASE_YEAR)));
    keep.forEach(k -> sel.add(col(k)));
    sel.add(explode(array(pairs.toArray(Column[]::new))).as("_m"));
    return evaluated.select(sel.toArray(Column[]::new)).select(col("*"), col("_m.metric"), col("_m.value")).drop("_m");
  }
}
