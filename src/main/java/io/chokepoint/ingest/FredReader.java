package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.error.InputException;
import io.chokepoint.schema.GrowthColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads FRED series CSV: a date column ({@code observation_date}, {@code DATE}, also with stray
 * spaces as Excel leaves them) and one column per series, named by its FRED id.
 *
 * <p>Output, one row per date and series: series_id, date, year, month, value (null when the
 * observation is missing: {@code .}, blank, {@code NA}, {@code #N/A}), plus the {@link RowStatus}
 * columns. Dates may be ISO ({@code 2015-07-13}) or M/D/YYYY or M/D/YY as Excel re-saves them;
 * two-digit years 69–99 are 1969–1999 and 00–68 are 2000–2068 (the POSIX pivot). Rows need not be
 * in order. A two-digit year is the latest year that is not after the run date's year (in 2026,
 * 62 is 1962 and 20 is 2020), so the result depends on {@code --run-date}, not on the clock. A date
 * that does not parse or falls outside 1900–2100, or a value that is neither a number nor a missing
 * marker, is a reject.
 * Negative values are kept (yields can be below zero).
 */
final class FredReader extends CsvReader {
  static final List<String> DATE_COLUMNS = List.of("observation_date", "DATE");
  static final List<String> MISSING = List.of(".", "NA", "#N/A", "N/A");

  @Override
  protected FileLayout layout(String format, CsvHeader h) {
    if (h.names().size() < 2 || DATE_COLUMNS.stream().noneMatch(d -> d.equalsIgnoreCase(h.names().get(0)))) {
      throw new InputException(h.file() + ": header not recognised as " + Formats.FRED + "; expected " + DATE_COLUMNS
          + " then one column per series; header starts " + h.preview());
    }
    return FileLayout.csv(h.file(), format, h, "");
  }

  /** One row per series column. */
  @Override
  protected long rowsPerRecord(FileLayout l) {
    return l.header().names().size() - 1L;
  }

  @Override
  protected Dataset<Row> parse(ReadContext ctx, FileLayout l, Dataset<Row> raw) {
    return parse(raw, l.header(), ctx.runYear());
  }

  static Dataset<Row> parse(Dataset<Row> raw, CsvHeader h, int runYear) {
    List<Column> series = new ArrayList<>();
    for (int i = 1; i < h.names().size(); i++) {
      series.add(struct(lit(h.names().get(i).toUpperCase(Locale.ROOT)).as("id"), col(CsvSource.column(i)).as("v")));
    }
    Column dateText = Parse.text(col(CsvSource.column(0)));
    Dataset<Row> long_ = raw.select(dateText.as("_date_text"), explode(array(series.toArray(Column[]::new))).as("_s"),
        CsvSource.rawStruct(h).as(RowStatus.RAW), col(CsvSource.REASON), col(RowStatus.SOURCE_FILE));

    Column date = date(col("_date_text"), runYear);
    Column valueText = Parse.text(col("_s.v"));
    Column missing = valueText.isNull().or(upper(valueText).isin(MISSING.toArray()));
    Parse.Number value = Parse.number(valueText, 1, "value", true);
    Column reason = coalesce(
        when(col("_date_text").isNull(), lit("missing date")),
        when(date.isNull().or(Parse.yearInRange(year(date)).unary_$bang()),
            Parse.quoted("unparsable date", col("_date_text"))),
        when(missing.unary_$bang(), value.reason()));
    return Parse.finish(long_, List.of(
        col("_s.id").as(GrowthColumns.SERIES_ID),
        date.as(GrowthColumns.DATE),
        year(date).as(GrowthColumns.YEAR),
        month(date).as("month"),
        when(missing, lit(null).cast(DataTypes.DoubleType)).otherwise(value.parsed()).as(GrowthColumns.VALUE)),
        reason, lit(null).cast(DataTypes.StringType), col(RowStatus.RAW));
  }

  /** ISO dates, else M/D/YYYY or M/D/YY (two-digit years up to {@code runYear}). */
  static Column date(Column text, int runYear) {
    String mdy = "^(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})$";
    Column m = SparkCompat.tryCast(regexp_extract(text, mdy, 1), DataTypes.IntegerType);
    Column d = SparkCompat.tryCast(regexp_extract(text, mdy, 2), DataTypes.IntegerType);
    Column yText = regexp_extract(text, mdy, 3);
    Column y = SparkCompat.tryCast(yText, DataTypes.IntegerType);
    int century = runYear / 100 * 100;
    Column y4 = when(length(yText).equalTo(2),
        when(y.leq(runYear % 100), y.plus(century)).otherwise(y.plus(century - 100))).otherwise(y);
    Column fromMdy = when(m.isNotNull().and(d.isNotNull()).and(y4.isNotNull()),
        SparkCompat.tryToDate(format_string("%04d-%02d-%02d", y4, m, d), "yyyy-MM-dd"));
    return coalesce(when(text.rlike("^\\d{4}-\\d{1,2}-\\d{1,2}$"), SparkCompat.tryToDate(text, "yyyy-M-d")), fromMdy);
  }
}
