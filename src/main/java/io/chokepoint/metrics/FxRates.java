package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.schema.GrowthColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Exchange rates by period, so a value is converted at the rate in force in its own period.
 *
 * <p>Input: dated observations (series_id, year, month, value; null = missing). Output, one row per
 * series and period at two grains: period ({@code 2024} or {@code 2024-03}), grain ({@code year} or
 * {@code month}), series_id, pair ({@code USD/JPY} for FRED's yen-per-dollar series DEXJPUS, EXJPUS
 * and AEXJPUS; the series id otherwise), year, month (null for a year), mean, min, max, observations
 * (non-missing), missing, status ({@code ok}, or {@code no_observations} with null mean, min and max
 * when every observation of the period is missing). A period with no row at all has no rate: it is
 * never filled from a neighbour.
 */
public final class FxRates {
  public static final String GRAIN_YEAR = "year";
  public static final String GRAIN_MONTH = "month";
  public static final String MEAN = "mean";
  /** FRED series quoted as yen per US dollar. */
  static final java.util.List<String> USD_JPY = java.util.List.of("DEXJPUS", "EXJPUS", "AEXJPUS");

  private FxRates() {}

  public static Dataset<Row> periodRates(Dataset<Row> obs) {
    Dataset<Row> byYear = aggregate(obs, col(GrowthColumns.YEAR), lit(null).cast(DataTypes.IntegerType))
        .withColumn("period", col(GrowthColumns.YEAR).cast(DataTypes.StringType))
        .withColumn("grain", lit(GRAIN_YEAR));
    Dataset<Row> byMonth = aggregate(obs, col(GrowthColumns.YEAR), col("month"))
        .withColumn("period", format_string("%04d-%02d", col(GrowthColumns.YEAR), col("month")))
        .withColumn("grain", lit(GRAIN_MONTH));
    Column pair = when(col(GrowthColumns.SERIES_ID).isin(USD_JPY.toArray()), lit("USD/JPY"))
        .otherwise(col(GrowthColumns.SERIES_ID));
    return byYear.unionByName(byMonth).select(col("period"), col("grain"), col(GrowthColumns.SERIES_ID), pair.as("pair"),
        col(GrowthColumns.YEAR), col("month"), col(MEAN), col("min"), col("max"), col(GrowthColumns.OBSERVATIONS),
        col(GrowthColumns.MISSING), col("status"));
  }

  private static Dataset<Row> aggregate(Dataset<Row> obs, Column year, Column month) {
    Column v = col(GrowthColumns.VALUE);
    return obs.groupBy(col(GrowthColumns.SERIES_ID), year.as(GrowthColumns.YEAR), month.as("month")).agg(
            avg(v).as(MEAN), min(v).as("min"), max(v).as("max"),
            count(v).cast(DataTypes.IntegerType).as(GrowthColumns.OBSERVATIONS),
            count(when(v.isNull(), lit(1))).cast(DataTypes.IntegerType).as(GrowthColumns.MISSING))
        .withColumn("status", when(col(GrowthColumns.OBSERVATIONS).equalTo(0), lit("no_observations")).otherwise(lit("ok")));
  }
}
