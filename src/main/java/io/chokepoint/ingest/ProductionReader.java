package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.error.InputException;
import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.SupplyColumns;
import io.chokepoint.spec.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads production tables into one long schema: data_source, commodity, stage, unit, year,
 * country (as written), country_iso3, country_kind ({@code country}, {@code world_total} or
 * {@code residual}), production, censored ({@code >} or {@code <} when the source gives a bound,
 * else null), plus the {@link RowStatus} columns. One row per country, commodity, stage and year
 * value.
 *
 * <ul>
 *   <li>{@code usgs-mcs-world}: the USGS MCS world data release (SOURCE, COMMODITY, COUNTRY, TYPE,
 *       UNIT_MEAS, PROD_2023, PROD_EST_ 2024, …, RESERVES_2024). Year columns are found by name,
 *       spaces and all; TYPE gives the stage ("Mine production, …" is mine), reserves are stage
 *       reserves. "World total (…)" rows are the world total; "Other countries" rows, and rows for
 *       two countries together ("United States and Canada"), the residual.
 *   <li>{@code bgs-wms}: BGS World Mineral Statistics (columns in any order): country_trans,
 *       country_iso3_code, year ("1975-01-01 00:00:00"), quantity, units, bgs_commodity_trans,
 *       bgs_sub_commodity_trans. The stage is the sub-commodity (or "production"), so minerals or
 *       sub-commodities are never summed together.
 * </ul>
 *
 * <p>Blank, NA and "--" values are filtered ({@code no_value}), "W" ({@code withheld}); a value
 * that does not parse, or a country that matches no name, is a reject naming it.
 */
final class ProductionReader extends CsvReader {
  static final Pattern MCS_YEAR = Pattern.compile("(?i)^(PROD|RESERVES)(_EST)?_\\s*(\\d{4})$");
  static final CsvTable BGS = new CsvTable(Formats.BGS_WMS)
      .require("country", "country_trans").require("year").require("quantity").require("unit", "units")
      .require("commodity", "bgs_commodity_trans").optional("iso3", "country_iso3_code")
      .optional("sub_commodity", "bgs_sub_commodity_trans");
  static final List<String> MCS_REQUIRED = List.of("COMMODITY", "COUNTRY", "TYPE", "UNIT_MEAS");

  @Override
  protected FileLayout layout(String format, CsvHeader h) {
    if (format.equals(Formats.BGS_WMS)) {
      return FileLayout.csv(h.file(), format, BGS.check(h), "");
    }
    List<String> missing = h.missing(MCS_REQUIRED);
    if (!missing.isEmpty() || h.names().stream().noneMatch(n -> MCS_YEAR.matcher(n).matches())) {
      throw new InputException(h.file() + ": header not recognised as " + Formats.USGS_MCS_WORLD + "; missing columns "
          + (missing.isEmpty() ? "PROD_<year>" : missing) + "; header starts " + h.preview());
    }
    return FileLayout.csv(h.file(), format, h, "");
  }

  /** The MCS layout is wide: one row per year column. */
  @Override
  protected long rowsPerRecord(FileLayout l) {
    return l.format().equals(Formats.BGS_WMS) ? 1
        : l.header().names().stream().filter(n -> MCS_YEAR.matcher(n).matches()).count();
  }

  @Override
  protected Dataset<Row> parse(ReadContext ctx, FileLayout l, Dataset<Row> raw) {
    return parse(l.format().equals(Formats.BGS_WMS) ? bgs(BGS.name(raw, l.header())) : mcs(raw, l.header()),
        ctx.countries());
  }

  /** Wide to long: one row per country row and year column. */
  static Dataset<Row> mcs(Dataset<Row> raw, CsvHeader h) {
    List<Column> values = new ArrayList<>();
    for (int i = 0; i < h.names().size(); i++) {
      Matcher m = MCS_YEAR.matcher(h.names().get(i));
      if (m.matches()) {
        boolean reserves = m.group(1).equalsIgnoreCase("RESERVES");
        values.add(struct(lit(Integer.parseInt(m.group(3))).as("year"), lit(reserves).as("reserves"),
            col(CsvSource.column(i)).as("text")));
      }
    }
    Column type = Parse.text(col(CsvSource.column(h.index("TYPE").orElseThrow())));
    Column typeStage = lower(trim(regexp_extract(type, "^(.*?)\\s*production", 1)));
    return raw.select(
            lit(Formats.USGS_MCS_WORLD).as(SupplyColumns.DATA_SOURCE),
            Parse.text(col(CsvSource.column(h.index("COMMODITY").orElseThrow()))).as("commodity_text"),
            typeStage.as("_type_stage"), type.as("_type"),
            Parse.text(col(CsvSource.column(h.index("UNIT_MEAS").orElseThrow()))).as(SupplyColumns.UNIT),
            Parse.text(col(CsvSource.column(h.index("COUNTRY").orElseThrow()))).as(SupplyColumns.COUNTRY),
            lit(null).cast(DataTypes.StringType).as("iso3_text"),
            explode(array(values.toArray(Column[]::new))).as("_v"),
            CsvSource.rawStruct(h).as(RowStatus.RAW), col(CsvSource.REASON), col(RowStatus.SOURCE_FILE))
        .select(col("*"), col("_v.year").as(SupplyColumns.YEAR), col("_v.year").cast(DataTypes.StringType).as("year_text"),
            col("_v.text").as("value_text"),
            when(col("_v.reserves"), lit("reserves"))
                .when(col("_type_stage").notEqual(""), col("_type_stage"))
                .otherwise(lower(col("_type"))).as(SupplyColumns.STAGE))
        .drop("_v", "_type", "_type_stage");
  }

  static Dataset<Row> bgs(Dataset<Row> raw) {
    return raw.select(
        lit(Formats.BGS_WMS).as(SupplyColumns.DATA_SOURCE),
        Parse.text(col("commodity")).as("commodity_text"),
        coalesce(Parse.text(col("sub_commodity")), lit("production")).as(SupplyColumns.STAGE),
        Parse.text(col("unit")).as(SupplyColumns.UNIT),
        Parse.text(col("country")).as(SupplyColumns.COUNTRY),
        upper(Parse.text(col("iso3"))).as("iso3_text"),
        when(Parse.text(col("year")).rlike("^[0-9]{4}(-[0-9]{2}-[0-9]{2}( [0-9:]+)?)?$"),
            SparkCompat.tryCast(substring(Parse.text(col("year")), 1, 4), DataTypes.IntegerType)).as(SupplyColumns.YEAR),
        Parse.text(col("year")).as("year_text"),
        col("quantity").as("value_text"),
        col(RowStatus.RAW), col(CsvSource.REASON), col(RowStatus.SOURCE_FILE));
  }

  static Dataset<Row> parse(Dataset<Row> longRows, Countries countries) {
    Column country = col(SupplyColumns.COUNTRY);
    Column lowerName = lower(coalesce(country, lit("")));
    Column residual = lowerName.startsWith("other countries");
    Column world = lowerName.startsWith("world total");
    // "Brazil (beneficiated)" is Brazil; NBSP and trailing spaces are already folded by the lookup.
    Column lookupName = coalesce(col("iso3_text"), trim(regexp_replace(country, "\\s*\\(.*\\)\\s*$", "")));
    Dataset<Row> resolved = CountryNames.resolve(longRows, when(residual.or(world), lit(null)).otherwise(lookupName),
        countries, "_iso3", "_kind");
    // "United States and Canada": a reported group of two countries, counted like "Other countries".
    String pair = "^(.+?) and (.+)$";
    resolved = CountryNames.resolve(resolved, when(col("_iso3").isNull(), regexp_extract(lookupName, pair, 1)),
        countries, "_pair1", "_pair1_kind");
    resolved = CountryNames.resolve(resolved, when(col("_iso3").isNull(), regexp_extract(lookupName, pair, 2)),
        countries, "_pair2", "_pair2_kind");
    residual = residual.or(col("_iso3").isNull().and(col("_pair1").isNotNull()).and(col("_pair2").isNotNull()));
    Column text = Parse.text(col("value_text"));
    Column upperText = upper(coalesce(text, lit("")));
    Column censored = when(text.startsWith(">"), lit(">")).when(text.startsWith("<"), lit("<"));
    Parse.Number value = Parse.amount(regexp_replace(coalesce(text, lit("")), "^[<>]\\s*|,", ""), 1, "production");
    Column noValue = text.isNull().or(upperText.isin("NA", "--", "—", "-"));
    Column withheld = upperText.equalTo("W");
    Column commodity = regexp_replace(lower(trim(col("commodity_text"))), "[^a-z0-9]+", "_");
    Column reason = coalesce(
        when(col("commodity_text").isNull(), lit("missing commodity")),
        when(col(SupplyColumns.YEAR).isNull().or(Parse.yearInRange(col(SupplyColumns.YEAR)).unary_$bang()),
            Parse.quoted("unparsable year", col("year_text"))),
        when(country.isNull(), lit("missing country")),
        when(residual.or(world).unary_$bang().and(col("_iso3").isNull()), Parse.quoted("unknown country", country)),
        when(noValue.or(withheld).unary_$bang(), value.reason()));
    Column filter = when(reason.isNull().and(noValue), lit("no_value")).when(reason.isNull().and(withheld),
        lit("withheld"));
    return Parse.finish(resolved, List.of(
        col(SupplyColumns.DATA_SOURCE),
        regexp_replace(commodity, "^_|_$", "").as(SupplyColumns.COMMODITY),
        col(SupplyColumns.STAGE),
        col(SupplyColumns.UNIT),
        col(SupplyColumns.YEAR),
        country,
        when(world, lit("W00")).when(residual, lit(null).cast(DataTypes.StringType)).otherwise(col("_iso3"))
            .as(SupplyColumns.COUNTRY_ISO3),
        when(world, lit(SupplyColumns.KIND_WORLD)).when(residual, lit(SupplyColumns.KIND_RESIDUAL))
            .otherwise(lit(SupplyColumns.KIND_COUNTRY)).as(SupplyColumns.COUNTRY_KIND),
        when(filter.isNull(), value.parsed()).as(SupplyColumns.PRODUCTION),
        censored.as(SupplyColumns.CENSORED)),
        reason, filter, col(RowStatus.RAW));
  }
}
