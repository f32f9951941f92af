package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.schema.GrowthColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads {@code market-sizes} CSV: series_id, domain, region, metric, unit, base_year, base_value,
 * target_year (blank when the source gives none), target_value, stated_cagr_pct (blank when none),
 * source, published. Output: those columns typed (years int, values double) plus the
 * {@link RowStatus} columns. A blank series_id or base year, or a number that does not parse, is a
 * reject; zero or negative values parse (the audit reports them as non_positive).
 */
public final class MarketSizeReader {
  static final CsvTable TABLE = new CsvTable(Formats.MARKET_SIZES)
      .require(GrowthColumns.SERIES_ID).require(GrowthColumns.BASE_YEAR).require(GrowthColumns.BASE_VALUE)
      .require(GrowthColumns.TARGET_VALUE).require(GrowthColumns.TARGET_YEAR).require(GrowthColumns.STATED_CAGR_PCT)
      .optional(GrowthColumns.DOMAIN).optional(GrowthColumns.REGION).optional(GrowthColumns.METRIC)
      .optional(GrowthColumns.UNIT).optional(GrowthColumns.SOURCE).optional(GrowthColumns.PUBLISHED);

  private MarketSizeReader() {}

  public static List<FileLayout> preflight(InputSpec in, Configuration conf) {
    List<FileLayout> out = new ArrayList<>();
    for (String f : SourceFiles.expand(in.name(), in.paths(), conf)) {
      out.add(TABLE.layout(f, TABLE.header(f, in.encoding(), conf)));
    }
    return out;
  }

  public static Dataset<Row> read(SparkSession spark, InputSpec in) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> all = null;
    for (String f : SourceFiles.expand(in.name(), in.paths(), conf)) {
      Dataset<Row> one = parse(TABLE.read(spark, TABLE.header(f, in.encoding(), conf), List.of(f)));
      all = all == null ? one : all.unionByName(one);
    }
    return all;
  }

  static Dataset<Row> parse(Dataset<Row> raw) {
    Column id = Parse.text(col(GrowthColumns.SERIES_ID));
    Column baseYearText = Parse.text(col(GrowthColumns.BASE_YEAR));
    Column baseYear = SparkCompat.tryCast(baseYearText, DataTypes.IntegerType);
    Column targetYearText = Parse.text(col(GrowthColumns.TARGET_YEAR));
    Column targetYear = SparkCompat.tryCast(targetYearText, DataTypes.IntegerType);
    Parse.Number base = Parse.number(col(GrowthColumns.BASE_VALUE), 1, GrowthColumns.BASE_VALUE, true);
    Parse.Number target = Parse.number(col(GrowthColumns.TARGET_VALUE), 1, GrowthColumns.TARGET_VALUE, true);
    Parse.Number stated = Parse.number(col(GrowthColumns.STATED_CAGR_PCT), 1, GrowthColumns.STATED_CAGR_PCT, true);
    Column reason = coalesce(
        when(id.isNull(), lit("missing series_id")),
        when(baseYear.isNull(), Parse.quoted("unparsable base_year", baseYearText)),
        when(targetYearText.isNotNull().and(targetYear.isNull()), Parse.quoted("unparsable target_year", targetYearText)),
        when(base.text().isNull(), lit("missing base_value")),
        base.reason(),
        when(target.text().isNull(), lit("missing target_value")),
        target.reason(),
        stated.reason());
    return raw.select(
        id.as(GrowthColumns.SERIES_ID),
        Parse.text(col(GrowthColumns.DOMAIN)).as(GrowthColumns.DOMAIN),
        Parse.text(col(GrowthColumns.REGION)).as(GrowthColumns.REGION),
        Parse.text(col(GrowthColumns.METRIC)).as(GrowthColumns.METRIC),
        Parse.text(col(GrowthColumns.UNIT)).as(GrowthColumns.UNIT),
        baseYear.as(GrowthColumns.BASE_YEAR),
        base.parsed().as(GrowthColumns.BASE_VALUE),
        targetYear.as(GrowthColumns.TARGET_YEAR),
        target.parsed().as(GrowthColumns.TARGET_VALUE),
        stated.parsed().as(GrowthColumns.STATED_CAGR_PCT),
        Parse.text(col(GrowthColumns.SOURCE)).as(GrowthColumns.SOURCE),
        Parse.text(col(GrowthColumns.PUBLISHED)).as(GrowthColumns.PUBLISHED),
        reason.as(RowStatus.REJECT_REASON),
        lit(null).cast(DataTypes.StringType).as(RowStatus.FILTER_REASON),
        when(reason.isNotNull(), col(RowStatus.RAW)).as(RowStatus.RAW),
        col(RowStatus.SOURCE_FILE))
        .withColumn(RowStatus.STATUS, RowStatus.derive());
  }
}
