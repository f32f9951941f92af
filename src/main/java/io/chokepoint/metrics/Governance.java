package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.schema.RiskColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Governance scores from the Worldwide Governance Indicators, as the EU criticality method scales them. */
public final class Governance {
  private Governance() {}

  /**
   * Per country and period: the six estimates, their mean and the scaled score.
   *
   * <p>Input: country_iso3, year, indicator ({@code va pv ge rq rl cc}), estimate (null when the
   * source has none). Output: country_iso3, period, year_from, year_to, va, pv, ge, rq, rl, cc,
   * indicators_present, wgi_mean, wgi_score, status.
   *
   * <p>With a window ({@code from}, {@code to} non-null) there is one row per country for the
   * window, period {@code "from-to"}, each indicator the mean of its estimates in the window's years;
   * without, one row per country and year, period the year. wgi_mean is the mean of the indicators
   * present; wgi_score = (2.5 − wgi_mean) × 2 (0 good … 10 poor; not clipped, estimates can pass
   * ±2.5). Status {@code ok} with all six, {@code partial} with one to five (the score uses those),
   * {@code missing} with none (mean and score null). Null estimates are ignored, never taken as 0;
   * two estimates for the same country, indicator and year are averaged.
   */
  public static Dataset<Row> scores(Dataset<Row> wgi, Integer from, Integer to) {
    boolean window = from != null && to != null;
    Dataset<Row> in = window
        ? wgi.where(col(RiskColumns.YEAR).between(from, to))
            .withColumn(RiskColumns.PERIOD, lit(from + "-" + to))
            .withColumn(RiskColumns.YEAR_FROM, lit(from))
            .withColumn(RiskColumns.YEAR_TO, lit(to))
        : wgi.where(col(RiskColumns.YEAR).isNotNull())
            .withColumn(RiskColumns.PERIOD, col(RiskColumns.YEAR).cast("string"))
            .withColumn(RiskColumns.YEAR_FROM, col(RiskColumns.YEAR))
            .withColumn(RiskColumns.YEAR_TO, col(RiskColumns.YEAR));
    List<Column> aggs = new ArrayList<>();
    for (String ind : RiskColumns.INDICATORS) {
      aggs.add(avg(when(col(RiskColumns.INDICATOR).equalTo(ind), col(RiskColumns.ESTIMATE))).as(ind));
    }
    Dataset<Row> means = in.where(col(RiskColumns.COUNTRY_ISO3).isNotNull())
        .groupBy(col(RiskColumns.COUNTRY_ISO3), col(RiskColumns.PERIOD), col(RiskColumns.YEAR_FROM),
            col(RiskColumns.YEAR_TO))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    Column present = lit(0);
    Column sum = lit(0.0);
    for (String ind : RiskColumns.INDICATORS) {
      present = present.plus(when(col(ind).isNotNull(), lit(1)).otherwise(lit(0)));
      sum = sum.plus(when(col(ind).isNotNull(), col(ind)).otherwise(lit(0.0)));
    }
    Column mean = when(col(RiskColumns.INDICATORS_PRESENT).gt(0),
        sum.divide(col(RiskColumns.INDICATORS_PRESENT)));
    return means
        .withColumn(RiskColumns.INDICATORS_PRESENT, present)
        .withColumn(RiskColumns.WGI_MEAN, mean)
        .withColumn(RiskColumns.WGI_SCORE, lit(2.5).minus(col(RiskColumns.WGI_MEAN)).multiply(2))
        .withColumn(RiskColumns.STATUS, when(col(RiskColumns.INDICATORS_PRESENT).equalTo(6), lit(RiskColumns.OK))
            .when(col(RiskColumns.INDICATORS_PRESENT).gt(0), lit(RiskColumns.PARTIAL))
            .otherwise(lit(RiskColumns.MISSING)));
  }
}
