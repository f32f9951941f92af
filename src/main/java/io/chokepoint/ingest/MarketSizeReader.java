package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.schema.GrowthColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads {@code market-sizes} CSV: series_id, domain, region, metric, unit, base_year, base_value,
 * target_year (blank when the source gives none), target_value, stated_cagr_pct (blank when none),
 * source, published. Output: those columns typed (years int, values double) plus the
 * {@link RowStatus} columns. A blank series_id or base year, a year outside 1900–2100, a number
 * that does not parse, or a stated rate outside −100–1000% is a reject; zero or negative values
 * parse (the audit reports them as non_positive).
 */
final class MarketSizeReader extends CsvReader {
  /** A stated growth rate beyond this (percent a year) is a broken value, not a forecast. */
  static final double MAX_CAGR_PCT = 1000;
  static final CsvTable TABLE = new CsvTable(Formats.MARKET_SIZES)
      .require(GrowthColumns.SERIES_ID).require(GrowthColumns.BASE_YEAR).require(GrowthColumns.BASE_VALUE)
      .require(GrowthColumns.TARGET_VALUE).require(GrowthColumns.TARGET_YEAR).require(GrowthColumns.STATED_CAGR_PCT)
      .optional(GrowthColumns.DOMAIN).optional(GrowthColumns.REGION).optional(GrowthColumns.METRIC)
      .optional(GrowthColumns.UNIT).optional(GrowthColumns.SOURCE).optional(GrowthColumns.PUBLISHED);

  @Override
  protected FileLayout layout(String format, CsvHeader h) {
    return FileLayout.csv(h.file(), format, TABLE.check(h), "");
  }

  @Override
  protected Dataset<Row> parse(ReadContext ctx, FileLayout l, Dataset<Row> raw) {
    return parse(TABLE.name(raw, l.header()));
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
    Column statedText = stated.text();
    Column reason = coalesce(
        when(id.isNull(), lit("missing series_id")),
        when(baseYear.isNull().or(Parse.yearInRange(baseYear).unary_$bang()),
            Parse.quoted("unparsable base_year", baseYearText)),
        when(targetYearText.isNotNull().and(targetYear.isNull().or(Parse.yearInRange(targetYear).unary_$bang())),
            Parse.quoted("unparsable target_year", targetYearText)),
        when(base.text().isNull(), lit("missing base_value")),
        base.reason(),
        when(target.text().isNull(), lit("missing target_value")),
        target.reason(),
        stated.reason(),
        when(stated.parsed().lt(-100).or(stated.parsed().gt(MAX_CAGR_PCT)),
            Parse.quoted("stated_cagr_pct out of range (-100 to " + (int) MAX_CAGR_PCT + ")", statedText)));
    return Parse.finish(raw, List.of(
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
        Parse.text(col(GrowthColumns.PUBLISHED)).as(GrowthColumns.PUBLISHED)),
        reason, lit(null).cast(DataTypes.StringType), col(RowStatus.RAW));
  }
}
