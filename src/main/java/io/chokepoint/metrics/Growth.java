package io.chokepoint.metrics;

import static io.chokepoint.schema.GrowthColumns.BASE_VALUE;
import static io.chokepoint.schema.GrowthColumns.BASE_YEAR;
import static io.chokepoint.schema.GrowthColumns.BASE_YEAR_FOR_STATED;
import static io.chokepoint.schema.GrowthColumns.CONSISTENT;
import static io.chokepoint.schema.GrowthColumns.GAP_PP;
import static io.chokepoint.schema.GrowthColumns.IMPLIED_CAGR_PCT;
import static io.chokepoint.schema.GrowthColumns.IMPLIED_PERIODS;
import static io.chokepoint.schema.GrowthColumns.KIND;
import static io.chokepoint.schema.GrowthColumns.OBSERVATIONS;
import static io.chokepoint.schema.GrowthColumns.PERIODS;
import static io.chokepoint.schema.GrowthColumns.SERIES_ID;
import static io.chokepoint.schema.GrowthColumns.STATED_CAGR_PCT;
import static io.chokepoint.schema.GrowthColumns.STATUS;
import static io.chokepoint.schema.GrowthColumns.TARGET_VALUE;
import static io.chokepoint.schema.GrowthColumns.TARGET_YEAR;
import static io.chokepoint.schema.GrowthColumns.VALUE;
import static io.chokepoint.schema.GrowthColumns.VALUE_IMPLIED;
import static io.chokepoint.schema.GrowthColumns.VALUE_STATED;
import static io.chokepoint.schema.GrowthColumns.YEAR;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.schema.GrowthColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/** Growth arithmetic: the audit of stated CAGRs, projections, and the trend growth of time series. */
public final class Growth {
  private Growth() {}

  /**
   * Recomputes each stated growth rate from its endpoints.
   *
   * <p>Input: market-size rows (series_id, base_year, base_value, target_year, target_value,
   * stated_cagr_pct, and any descriptive columns, which are kept). Output adds periods = target_year
   * − base_year, implied_cagr_pct = ((target/base)^(1/periods) − 1) × 100, gap_pp = stated −
   * implied, consistent (|gap| ≤ {@code tolerancePp}), periods_for_stated_rate n* = ln(target/base) /
   * ln(1 + stated), base_year_for_stated_rate = target_year − n*, and status: {@code ok};
   * {@code no_stated_rate} (no stated rate: gap, consistent, n* null); {@code no_target_year} (only
   * n* is computed); {@code invalid_period} (target year not after base year); {@code non_positive}
   * (a value ≤ 0, or a stated rate ≤ −100%: every rate null).
   */
  public static Dataset<Row> cagrAudit(Dataset<Row> sizes, double tolerancePp) {
    Column base = col(BASE_VALUE);
    Column target = col(TARGET_VALUE);
    Column stated = col(STATED_CAGR_PCT).divide(100);
    Column periods = col(TARGET_YEAR).minus(col(BASE_YEAR));
    Column status = when(base.leq(0).or(target.leq(0)).or(stated.leq(-1)), lit(GrowthColumns.NON_POSITIVE))
        .when(col(TARGET_YEAR).isNull(), lit(GrowthColumns.NO_TARGET_YEAR))
        .when(periods.leq(0), lit(GrowthColumns.INVALID_PERIOD))
        .when(stated.isNull(), lit(GrowthColumns.NO_STATED_RATE))
        .otherwise(lit(GrowthColumns.OK));
    Column ratesDefined = status.isin(GrowthColumns.OK, GrowthColumns.NO_STATED_RATE);
    Column implied = when(ratesDefined, pow(target.divide(base), lit(1.0).divide(periods)).minus(1).multiply(100));
    Column nStar = when(status.isin(GrowthColumns.OK, GrowthColumns.NO_TARGET_YEAR, GrowthColumns.INVALID_PERIOD)
        .and(stated.notEqual(0)), log(target.divide(base)).divide(log(lit(1).plus(stated))));
    Column gap = when(status.equalTo(GrowthColumns.OK), col(STATED_CAGR_PCT).minus(implied));
    return sizes
        .withColumn(PERIODS, when(col(TARGET_YEAR).isNotNull(), periods))
        .withColumn(IMPLIED_CAGR_PCT, implied)
        .withColumn(GAP_PP, gap)
        .withColumn(CONSISTENT, when(gap.isNotNull(), abs(gap).leq(tolerancePp)))
        .withColumn(IMPLIED_PERIODS, nStar)
        .withColumn(BASE_YEAR_FOR_STATED, when(col(TARGET_YEAR).isNotNull(), col(TARGET_YEAR).minus(nStar)))
        .withColumn(STATUS, status);
  }

  /**
   * Each audited market size, year by year from its base year to the later of its target year and
   * {@code horizonYear}: value_at_stated_rate and value_at_implied_rate (null where that rate is),
   * kind {@code actual} for the base year, else {@code projected}. Rows with status non_positive
   * or invalid_period give none.
   */
  public static Dataset<Row> projections(Dataset<Row> audit, int horizonYear) {
    Column end = greatest(lit(horizonYear), col(TARGET_YEAR));
    Column t = col(YEAR).minus(col(BASE_YEAR));
    return audit
        .where(col(STATUS).isin(GrowthColumns.OK, GrowthColumns.NO_STATED_RATE, GrowthColumns.NO_TARGET_YEAR))
        .withColumn(YEAR, explode(sequence(col(BASE_YEAR), when(end.isNotNull(), end).otherwise(lit(horizonYear)))))
        .select(col(SERIES_ID), col(YEAR),
            col(BASE_VALUE).multiply(pow(lit(1).plus(col(STATED_CAGR_PCT).divide(100)), t)).as(VALUE_STATED),
            col(BASE_VALUE).multiply(pow(lit(1).plus(col(IMPLIED_CAGR_PCT).divide(100)), t)).as(VALUE_IMPLIED),
            when(t.equalTo(0), lit("actual")).otherwise(lit("projected")).as(KIND));
  }

  /**
   * Annual means of dated observations. Input: series_id, year, value (null = missing). Output:
   * series_id, year, value (mean of the year's non-missing values; null when all are missing),
   * observations (non-missing), missing.
   */
  public static Dataset<Row> annualMeans(Dataset<Row> obs) {
    return obs.groupBy(col(SERIES_ID), col(YEAR)).agg(
        avg(col(VALUE)).as(VALUE),
        count(col(VALUE)).as(OBSERVATIONS),
        count(when(col(VALUE).isNull(), lit(1))).as(GrowthColumns.MISSING));
  }

  /**
   * Trend growth of annual series. Input: series_id, year, value (one row per series and year;
   * rows with a null value are gaps). Output per series: first_year, last_year, observations,
   * endpoint_cagr = (last/first)^(1/(last_year − first_year)) − 1, loglinear_cagr = e^b − 1 where b
   * is the OLS slope of ln(value) on year, r2, horizon_year, projected_value = last value ×
   * (1 + loglinear_cagr)^(horizon − last_year), and status: {@code insufficient_data} (fewer than
   * {@code minPoints} values, or more than half the years of the span missing), {@code non_positive}
   * (a value ≤ 0), {@code constant} (all values equal: rates 0, r2 null), else {@code ok}. Rates,
   * r2 and the projection are null unless ok or constant. Rates are fractions.
   */
  public static Dataset<Row> trend(Dataset<Row> annual, int minPoints, int horizonYear) {
    Dataset<Row> pts = annual.where(col(VALUE).isNotNull());
    WindowSpec bySeries = Window.partitionBy(SERIES_ID);
    Column ln = when(col(VALUE).gt(0), log(col(VALUE)));
    Dataset<Row> centred = pts
        .withColumn("_x", col(YEAR).minus(avg(col(YEAR)).over(bySeries)))
        .withColumn("_y", ln.minus(avg(ln).over(bySeries)));
    Dataset<Row> agg = centred.groupBy(SERIES_ID).agg(
        min(YEAR).as("first_year"),
        max(YEAR).as("last_year"),
        count(lit(1)).as(OBSERVATIONS),
        count(when(col(VALUE).leq(0), lit(1))).as("_non_positive"),
        min_by(col(VALUE), col(YEAR)).as("first_value"),
        max_by(col(VALUE), col(YEAR)).as("last_value"),
        sum(col("_x").multiply(col("_y"))).as("_sxy"),
        sum(col("_x").multiply(col("_x"))).as("_sxx"),
        sum(col("_y").multiply(col("_y"))).as("_syy"),
        min(col(VALUE)).as("_min"),
        max(col(VALUE)).as("_max"));

    Column span = col("last_year").minus(col("first_year")).plus(1);
    Column status = when(col(OBSERVATIONS).lt(minPoints).or(span.minus(col(OBSERVATIONS)).multiply(2).gt(span)),
            lit(GrowthColumns.INSUFFICIENT_DATA))
        .when(col("_non_positive").gt(0), lit(GrowthColumns.NON_POSITIVE))
        .when(col("_min").equalTo(col("_max")), lit(GrowthColumns.CONSTANT))
        .otherwise(lit(GrowthColumns.OK));
    Column defined = status.isin(GrowthColumns.OK, GrowthColumns.CONSTANT);
    Column slope = col("_sxy").divide(col("_sxx"));
    Column loglinear = when(defined, exp(slope).minus(1));
    Column endpoint = when(defined, pow(col("last_value").divide(col("first_value")),
        lit(1.0).divide(col("last_year").minus(col("first_year")))).minus(1));
    Column r2 = when(status.equalTo(GrowthColumns.OK),
        col("_sxy").multiply(col("_sxy")).divide(col("_sxx").multiply(col("_syy"))));
    return agg.select(col(SERIES_ID), col("first_year"), col("last_year"), col(OBSERVATIONS).cast(DataTypes.IntegerType)
            .as(OBSERVATIONS), col("first_value"), col("last_value"), endpoint.as("endpoint_cagr"),
        loglinear.as("loglinear_cagr"), r2.as("r2"), lit(horizonYear).as("horizon_year"),
        when(defined.and(col("last_year").leq(horizonYear)), col("last_value").multiply(
            pow(lit(1).plus(loglinear), lit(horizonYear).minus(col("last_year"))))).as("projected_value"),
        status.as(STATUS));
  }
}
