package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.error.InputException;
import io.chokepoint.reference.Countries;
import io.chokepoint.reference.PartnerKind;
import io.chokepoint.schema.RiskColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads the World Bank Worldwide Governance Indicators into one long schema: country (as written),
 * country_iso3, year, indicator ({@code va, pv, ge, rq, rl, cc}), estimate (null when missing),
 * plus the {@link RowStatus} columns. One row per country, indicator and year value.
 *
 * <ul>
 *   <li>The long dataset: {@code code, countryname, year, indicator, estimate, …} (other columns
 *       ignored). Usually Windows-1252, CRLF.
 *   <li>The DataBank wide export: {@code Country Name, Country Code, Series Name, Series Code,
 *       1996 [YR1996], …}. Only the estimate series ({@code CC.EST} … {@code VA.EST}) are used;
 *       standard errors, source counts and percentile ranks are filtered ({@code not_an_estimate}),
 *       as are DataBank's blank rows ({@code blank_row}) and its two footer lines ({@code footer}).
 *       A "row" in the counts is a value (record × year column).
 * </ul>
 *
 * <p>{@code ..} or blank is a missing estimate: filtered as {@code no_value} but kept with a null
 * estimate, so governance scores can say which countries lack one. Codes are World Bank codes and
 * resolve through the country reference (legacy ROM, ZAR, TMP, ADO, WBG, KSV are aliases there); a
 * code that matches nothing is a reject naming it, an aggregate code is filtered
 * ({@code not_a_country}). Estimates may be below −2.5 (the scale is not bounded); a value that is
 * not a number, an unknown indicator or an unparsable year is a reject.
 */
final class WgiReader extends CsvReader {
  static final CsvTable LONG = new CsvTable(Formats.WGI)
      .require("code").require("year").require("indicator").require("estimate").optional("country", "countryname");
  static final CsvTable DATABANK = new CsvTable(Formats.WGI)
      .require("country", "Country Name").require("code", "Country Code").require("series", "Series Code");
  static final Pattern DATABANK_YEAR = Pattern.compile("^(\\d{4}) \\[YR\\d{4}\\]$");
  static final List<String> MISSING = List.of("..", "NA", "#N/A");

  static final String LONG_LAYOUT = "long";
  static final String DATABANK_LAYOUT = "DataBank";

  static boolean isDataBank(CsvHeader h) {
    return h.has("Series Code");
  }

  @Override
  protected FileLayout layout(String format, CsvHeader h) {
    if (isDataBank(h)) {
      DATABANK.check(h);
      if (h.names().stream().noneMatch(n -> DATABANK_YEAR.matcher(n).matches())) {
        throw new InputException(h.file() + ": header not recognised as " + Formats.WGI
            + " (DataBank); no year column like '2022 [YR2022]'; header starts " + h.preview());
      }
      return FileLayout.csv(h.file(), format, h, DATABANK_LAYOUT);
    }
    return FileLayout.csv(h.file(), format, LONG.check(h), LONG_LAYOUT);
  }

  /** The DataBank export is wide: one row per year column. */
  @Override
  protected long rowsPerRecord(FileLayout l) {
    return DATABANK_LAYOUT.equals(l.variant())
        ? l.header().names().stream().filter(n -> DATABANK_YEAR.matcher(n).matches()).count() : 1;
  }

  @Override
  protected Dataset<Row> parse(ReadContext ctx, FileLayout l, Dataset<Row> raw) {
    return parse(DATABANK_LAYOUT.equals(l.variant()) ? dataBank(raw, l.header()) : long_(LONG.name(raw, l.header())),
        ctx.countries());
  }

  /** The long dataset, as text columns of the common pre-parse shape. */
  static Dataset<Row> long_(Dataset<Row> raw) {
    return raw.select(
        Parse.text(col("country")).as(RiskColumns.COUNTRY),
        Parse.text(col("code")).as("_code"),
        Parse.text(col("year")).as("_year_text"),
        lower(Parse.text(col("indicator"))).as("_indicator"),
        Parse.text(col("estimate")).as("_value_text"),
        lit(null).cast(DataTypes.StringType).as("_layout_filter"),
        col(RowStatus.RAW), col(CsvSource.REASON), col(RowStatus.SOURCE_FILE));
  }

  /** The DataBank wide export (positional columns, see {@link CsvSource}), one row per record and year column. */
  static Dataset<Row> dataBank(Dataset<Row> raw, CsvHeader h) {
    List<Column> values = new ArrayList<>();
    for (int i = 0; i < h.names().size(); i++) {
      Matcher m = DATABANK_YEAR.matcher(h.names().get(i));
      if (m.matches()) {
        values.add(struct(lit(m.group(1)).as("year"), col(CsvSource.column(i)).as("text")));
      }
    }
    Column name = Parse.text(col(CsvSource.column(h.index("Country Name").orElseThrow())));
    Column code = Parse.text(col(CsvSource.column(h.index("Country Code").orElseThrow())));
    Column series = upper(Parse.text(col(CsvSource.column(h.index("Series Code").orElseThrow()))));
    Column estimate = regexp_extract(series, "^([A-Z]{2})\\.EST$", 1);
    Column layoutFilter = when(name.isNull().and(code.isNull()).and(series.isNull()), lit("blank_row"))
        .when(code.isNull().and(series.isNull()).and(name.rlike("^(Data from database|Last Updated)")), lit("footer"))
        .when(series.isNotNull().and(estimate.equalTo("")), lit("not_an_estimate"));
    return raw.select(
            name.as(RiskColumns.COUNTRY), code.as("_code"),
            lower(when(estimate.notEqual(""), estimate)).as("_indicator"),
            layoutFilter.as("_layout_filter"),
            explode(array(values.toArray(Column[]::new))).as("_v"),
            CsvSource.rawStruct(h).as(RowStatus.RAW), col(CsvSource.REASON), col(RowStatus.SOURCE_FILE))
        .select(col(RiskColumns.COUNTRY), col("_code"), col("_v.year").as("_year_text"), col("_indicator"),
            Parse.text(col("_v.text")).as("_value_text"), col("_layout_filter"), col(RowStatus.RAW),
            col(CsvSource.REASON), col(RowStatus.SOURCE_FILE));
  }

  /**
   * Types the common pre-parse shape: country, _code, _year_text, _indicator, _value_text,
   * _layout_filter (a filter reason the layout already knows, e.g. DataBank footers), raw, file.
   */
  static Dataset<Row> parse(Dataset<Row> pre, Countries countries) {
    Dataset<Row> resolved = CountryNames.resolve(pre, when(col("_layout_filter").isNull(), col("_code")), countries,
        "_iso3", "_kind");
    Column year = SparkCompat.tryCast(col("_year_text"), DataTypes.IntegerType);
    Column valueText = col("_value_text");
    Column missing = valueText.isNull().or(valueText.isin(MISSING.toArray()));
    Parse.Number value = Parse.number(valueText, 1, RiskColumns.ESTIMATE, true);
    Column reason = when(col("_layout_filter").isNull(), coalesce(
        when(col("_code").isNull(), lit("missing country code")),
        when(col("_iso3").isNull(), Parse.quoted("unknown country code", col("_code"))),
        when(year.isNull(), Parse.quoted("unparsable year", col("_year_text"))),
        when(col("_indicator").isNull(), lit("missing indicator")),
        when(col("_indicator").isin(RiskColumns.INDICATORS.toArray()).unary_$bang(),
            Parse.quoted("unknown indicator", col("_indicator"))),
        when(missing.unary_$bang(), value.reason())));
    Column filter = when(reason.isNull(), coalesce(col("_layout_filter"),
        when(col("_kind").notEqual(PartnerKind.COUNTRY), lit("not_a_country")),
        when(missing, lit("no_value"))));
    return Parse.finish(resolved, List.of(
            col(RiskColumns.COUNTRY),
            col("_iso3").as(RiskColumns.COUNTRY_ISO3),
            year.as(RiskColumns.YEAR),
            col("_indicator").as(RiskColumns.INDICATOR),
            when(reason.isNull().and(missing.unary_$bang()), value.parsed()).as(RiskColumns.ESTIMATE)),
        reason, filter, col(RowStatus.RAW));
  }
}
