package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RelianceColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads the USGS Mineral Commodity Summaries data release in its long layout
 * ({@code MCS chapter, Section, Commodity, Country, Statistics, Statistics_detail, Unit, Year, Value,
 * Notes, …}; columns found by name) into {@link RelianceColumns}: one row per record.
 *
 * <p>The release is Windows-1252: read as Latin-1 (the sniffer's fallback), its bytes 0x91–0x97
 * are mapped back to the quotes and dashes they are ({@code 2021–24}, {@code —}). Cells:
 * numbers with thousands separators ({@code 10,000}) are values; USGS's symbols are never a
 * number but a {@code value_flag}: {@code W} withheld, {@code NA} not available, {@code —} dash
 * (zero in USGS's tables), {@code E} net exporter, {@code XX} not applicable, {@code >95} a bound
 * (its number in {@code bound}, never in {@code value}), {@code 50–300} a range, words text. A
 * cell that starts like a number and is not one ({@code 1e400}, {@code 12x}, {@code 1,23}) is a
 * reject naming it. A year cell that spans years ({@code 2021–24}: the import-source shares) is
 * filtered ({@code year_range}); any other year that is not four digits is a reject. Countries
 * resolve through the reference (the full name, then without a trailing parenthesis or a leading
 * "The"); "World total" is the world, "Other countries" and names that list countries ("China,
 * Germany, and Russia") the residual; any other unknown name is a reject naming it.
 */
final class McsCommoditiesReader extends CsvReader {
  /** Filter reason of a record whose year cell spans years. */
  static final String YEAR_RANGE = "year_range";
  static final List<String> FILTER_REASONS = List.of(YEAR_RANGE);
  static final CsvTable TABLE = new CsvTable(Formats.USGS_MCS_COMMODITIES)
      .require("section", "Section").require("commodity", "Commodity").require("country", "Country")
      .require("statistic", "Statistics").require("detail", "Statistics_detail").require("unit", "Unit")
      .require("year", "Year").require("value", "Value").optional("notes", "Notes");
  /** Windows-1252's characters at 0x91–0x97 (quotes and dashes), which Latin-1 reads as C1 controls. */
  private static final String C1 = "\u0091\u0092\u0093\u0094\u0095\u0096\u0097";
  private static final String CP1252 = "\u2018\u2019\u201C\u201D\u2022\u2013\u2014";
  /** A number as USGS writes it: digits with optional thousands separators and decimals. */
  static final String NUMBER = "^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?$|^[+-]?[.][0-9]+$";
  static final String RANGE = "^[0-9][0-9,.]*\\s*[–-]\\s*[0-9][0-9,.]*$";
  static final String BOUND = "^([<>])\\s*([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?$";
  private static final String FLAG = "_flag";

  @Override
  protected FileLayout layout(String format, CsvHeader header) {
    return FileLayout.csv(header.file(), format, TABLE.check(header), "");
  }

  @Override
  protected Dataset<Row> parse(ReadContext ctx, FileLayout layout, Dataset<Row> raw) {
    return parse(TABLE.name(raw, layout.header()), ctx.countries());
  }

  /** Trimmed text with Windows-1252's dashes and quotes restored and no-break spaces as spaces; blank is null. */
  static Column text(Column c) {
    return Parse.text(translate(regexp_replace(c, "\u00A0", " "), C1, CP1252));
  }

  static Dataset<Row> parse(Dataset<Row> named, Countries countries) {
    Column country = text(col("country"));
    Column lowerName = lower(coalesce(country, lit("")));
    Column world = lowerName.startsWith("world total");
    Column residualName = lowerName.startsWith("other countries").or(lowerName.contains(" and "));
    Dataset<Row> rows = named.select(
        text(col("section")).as(RelianceColumns.SECTION), text(col("commodity")).as(RelianceColumns.COMMODITY),
        country.as(RelianceColumns.COUNTRY), text(col("statistic")).as(RelianceColumns.STATISTIC),
        text(col("detail")).as(RelianceColumns.DETAIL), text(col("unit")).as(RelianceColumns.UNIT),
        text(col("year")).as("_year"), text(col("value")).as(RelianceColumns.VALUE_TEXT),
        text(col("notes")).as(RelianceColumns.NOTES), world.as("_world"), residualName.as("_residual"),
        col(RowStatus.RAW), col(CsvSource.REASON), col(RowStatus.SOURCE_FILE));
    Column lookup = when(world.or(residualName), lit(null).cast(DataTypes.StringType)).otherwise(country);
    rows = CountryNames.resolve(rows, lookup, countries, "_iso3", "_kind");
    Column bare = regexp_replace(regexp_replace(country, "\\s*\\(.*\\)\\s*$", ""), "^(?i)the\\s+", "");
    rows = CountryNames.resolve(rows, when(col("_iso3").isNull().and(lookup.isNotNull()), bare), countries, "_iso3b",
        "_kindb");

    // Each cell is classified once, and its number parsed once, as columns the later expressions read
    // (inlined, the flag's chain repeated in every check made a method too large to compile).
    Column v = col(RelianceColumns.VALUE_TEXT);
    Column upperV = upper(coalesce(v, lit("")));
    rows = rows.withColumn(FLAG, when(v.isNull(), lit(RelianceColumns.NOT_AVAILABLE))
        .when(upperV.equalTo("W"), lit(RelianceColumns.WITHHELD))
        .when(upperV.equalTo("NA"), lit(RelianceColumns.NOT_AVAILABLE))
        .when(v.isin("—", "–", "-", "--"), lit(RelianceColumns.DASH))
        .when(upperV.equalTo("E"), lit(RelianceColumns.NET_EXPORTER))
        .when(upperV.equalTo("XX"), lit(RelianceColumns.NOT_APPLICABLE))
        .when(v.rlike(BOUND), lit(RelianceColumns.BOUNDED))
        .when(v.rlike(RANGE), lit(RelianceColumns.RANGE))
        .when(v.rlike("^[+.0-9-]"), lit(RelianceColumns.NUMBER))
        .otherwise(lit(RelianceColumns.TEXT)));
    Column flag = col(FLAG);
    Column isNumber = flag.equalTo(RelianceColumns.NUMBER);
    rows = rows.withColumn("_num", when(isNumber, regexp_replace(v, ",", "")))
        .withColumn("_bound_text", when(flag.equalTo(RelianceColumns.BOUNDED),
            regexp_replace(regexp_extract(v, "^[<>]\\s*(.*)$", 1), ",", "")));
    Parse.Number parsed = Parse.number(col("_num"), 1, "value", true);
    rows = rows.withColumn("_value_reason", when(isNumber.and(v.rlike(NUMBER).unary_$bang()),
        Parse.quoted("unparsable value", v)).otherwise(when(isNumber, parsed.reason())));
    Parse.Number value = parsed.reasonFrom("_value_reason");
    Parse.Number bound = Parse.number(col("_bound_text"), 1, "bound", false);
    Column valueReason = col("_value_reason");

    Column year = col("_year");
    Column yearInt = when(year.rlike("^[0-9]{4}$"), SparkCompat.tryCast(year, DataTypes.IntegerType));
    Column yearRange = year.rlike("^[0-9]{4}\\s*[–-]\\s*[0-9]{2,4}$");
    Column iso3 = coalesce(col("_iso3"), col("_iso3b"));
    Column reason = coalesce(
        when(col(RelianceColumns.COMMODITY).isNull(), lit("missing commodity")),
        when(col(RelianceColumns.STATISTIC).isNull(), lit("missing statistic")),
        when(yearRange.unary_$bang().and(yearInt.isNull().or(Parse.yearInRange(yearInt).unary_$bang())),
            Parse.quoted("unparsable year", year)),
        when(country.isNull(), lit("missing country")),
        when(col("_world").or(col("_residual")).unary_$bang().and(iso3.isNull()), Parse.quoted("unknown country", country)),
        valueReason);
    Column filter = when(yearRange, lit(YEAR_RANGE));
    return Parse.finish(rows, List.of(
        col(RelianceColumns.SECTION), col(RelianceColumns.COMMODITY), col(RelianceColumns.COUNTRY),
        when(col("_world"), lit("W00")).when(col("_residual"), lit(null).cast(DataTypes.StringType)).otherwise(iso3)
            .as(RelianceColumns.COUNTRY_ISO3),
        when(col("_world"), lit("world_total")).when(col("_residual"), lit("residual")).otherwise(lit("country"))
            .as(RelianceColumns.COUNTRY_KIND),
        col(RelianceColumns.STATISTIC), col(RelianceColumns.DETAIL), col(RelianceColumns.UNIT),
        when(yearRange.unary_$bang(), yearInt).as(RelianceColumns.YEAR),
        value.parsed().as(RelianceColumns.VALUE), v.as(RelianceColumns.VALUE_TEXT), flag.as(RelianceColumns.VALUE_FLAG),
        when(flag.equalTo(RelianceColumns.BOUNDED), regexp_extract(v, "^([<>])", 1)).as(RelianceColumns.CENSORED),
        bound.parsed().as(RelianceColumns.BOUND), col(RelianceColumns.NOTES)),
        reason, filter, col(RowStatus.RAW));
  }
}
