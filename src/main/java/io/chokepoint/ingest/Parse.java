package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_csv;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.schema.RowStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Column expressions every reader uses to type raw text and say why a value is unusable. */
public final class Parse {
  /** The years any reader accepts (inclusive): outside them a year or date is a reject. */
  public static final int YEAR_MIN = 1900;
  public static final int YEAR_MAX = 2100;
  /**
   * The largest magnitude any amount may have once scaled (USD, kg, tonnes, rates): 1e15 is ten
   * times world GDP in dollars, so anything beyond is a broken value, and sums, means and powers
   * of accepted values stay finite.
   */
  public static final double MAX_AMOUNT = 1e15;
  /** Plain decimal notation: no hex floats ({@code 0x1p4}), no type suffixes ({@code 12d}). */
  static final String DECIMAL = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$";
  private static final String NOT_FINITE = "^[+-]?(?i)(nan|inf|infinity)$";
  /**
   * A text that a double cast accepts and that holds none of these is in plain decimal notation:
   * the cast takes digits, one point, an exponent e/E and signs, and besides them only hex floats
   * (x, p), type suffixes (d, f) and the words NaN and Infinity (n, i), in either case.
   */
  private static final List<String> FOREIGN_LETTERS = List.of("x", "X", "p", "P", "d", "D", "f", "F", "n", "N", "i",
      "I");

  private Parse() {}

  /** Trimmed string, empty as null. */
  public static Column text(Column c) {
    Column t = trim(c.cast(DataTypes.StringType));
    return when(t.notEqual(lit("")), t);
  }

  /** {@code what 'value'}: a reject reason quoting the offending value. */
  public static Column quoted(String what, Column value) {
    return concat(lit(what + " '"), coalesce(value, lit("")), lit("'"));
  }

  /** Whether a year is within {@link #YEAR_MIN}–{@link #YEAR_MAX}; null when the year is. */
  public static Column yearInRange(Column year) {
    return year.between(YEAR_MIN, YEAR_MAX);
  }

  /**
   * A number parsed from text.
   *
   * @param present whether the source holds anything (non-blank text, or a non-null number)
   * @param text the trimmed text (null when blank), for messages
   * @param scaled the scaled value whatever the reason ({@link #parsed} is the one to publish)
   * @param reason why the text is not a usable number, or null
   */
  public record Number(Column present, Column text, Column scaled, Column reason) {
    /** The scaled value, null when blank or when {@code reason} is set. */
    public Column parsed() {
      return when(reason.isNull(), scaled);
    }

    /**
     * The same number with its reason read from {@code column}, where a hot reader materialised
     * {@link #reason} once: the value and the row's reason then both refer to it instead of each
     * evaluating the checks again.
     */
    public Number reasonFrom(String column) {
      return new Number(present, text, scaled, col(column));
    }
  }

  /** A finite number in plain decimal notation, scaled; blank is null; negative numbers are refused unless allowed. */
  public static Number number(Column source, double scale, String name, boolean allowNegative) {
    Column t = text(source);
    return number(t, SparkCompat.tryCast(t, DataTypes.DoubleType), scale, name, allowNegative);
  }

  /**
   * The same, from a text column and its already parsed double. Hot readers materialise both as
   * columns first, so each field is trimmed and parsed once per row however often the reason
   * expressions refer to it (Spark does not share subexpressions across CASE WHEN branches).
   */
  public static Number number(Column t, Column v, double scale, String name, boolean allowNegative) {
    // Text that parses but is not plain decimal notation always holds one of the letters of Java's
    // other number forms (hex 0x…p…, suffixes d/f, NaN, Infinity): only then do the two anchored
    // expressions run, so a plain number costs one scan for those letters (one character class:
    // twelve separate byte searches measured slower).
    Column foreign = t.rlike("[" + String.join("", FOREIGN_LETTERS) + "]");
    Column unparsable = t.isNotNull().and(v.isNull().or(foreign.and(t.rlike(DECIMAL).unary_$bang()
        .and(t.rlike(NOT_FINITE).unary_$bang()))));
    return checked(t.isNotNull(), t, when(unparsable, quoted("unparsable " + name, t)), v, scale, name, allowNegative);
  }

  /**
   * A number from a column that is already numeric (typed Parquet): nothing to parse, only the
   * finite, range and sign checks. The text for messages is built only for rows that are refused.
   */
  public static Number typed(Column v, double scale, String name, boolean allowNegative) {
    return checked(v.isNotNull(), v.cast(DataTypes.StringType), null, v, scale, name, allowNegative);
  }

  private static Number checked(Column present, Column t, Column unparsable, Column v, double scale, String name,
      boolean allowNegative) {
    Column notFinite = isnan(v).or(v.equalTo(lit(Double.POSITIVE_INFINITY))).or(v.equalTo(lit(Double.NEGATIVE_INFINITY)));
    Column reason = unparsable == null ? when(notFinite, quoted(name + " is not a finite number", t))
        : unparsable.when(notFinite, quoted(name + " is not a finite number", t));
    reason = reason.when(abs(v).gt(MAX_AMOUNT / scale), quoted(name + " out of range (above 1e15)", t));
    if (!allowNegative) {
      reason = reason.when(v.lt(0), quoted("negative " + name, t));
    }
    // -0 is 0: a published amount never carries a sign of nothing.
    Column scaled = when(v.equalTo(0), lit(0.0)).otherwise(scale == 1 ? v : v.multiply(lit(scale)));
    return new Number(present, t, scaled, reason);
  }

  /** Non-negative numbers: trade values, weights, quantities. */
  public static Number amount(Column source, double scale, String name) {
    return number(source, scale, name, false);
  }

  /**
   * The bookkeeping tail every reader ends with. Selects {@code values}, then
   * {@link RowStatus#REJECT_REASON} (the record's own reason from {@link CsvSource#REASON} first,
   * when the input has one, then {@code reason}), {@link RowStatus#FILTER_REASON} (null for
   * rejected rows), {@link RowStatus#RAW} (the record as CSV text, for rejected rows only; {@code raw}
   * may be a struct of the fields or text), {@link RowStatus#SOURCE_FILE} and
   * {@link RowStatus#STATUS}.
   */
  public static Dataset<Row> finish(Dataset<Row> in, List<Column> values, Column reason, Column filter, Column raw) {
    boolean hasRecordReason = List.of(in.columns()).contains(CsvSource.REASON);
    Column r = hasRecordReason ? coalesce(col(CsvSource.REASON), reason) : reason;
    boolean struct = in.select(raw).schema().fields()[0].dataType() instanceof StructType;
    List<Column> out = new ArrayList<>(values);
    out.add(r.as(RowStatus.REJECT_REASON));
    out.add(when(r.isNull(), filter).as(RowStatus.FILTER_REASON));
    out.add(when(r.isNotNull(), struct ? to_csv(raw) : raw).as(RowStatus.RAW));
    out.add(col(RowStatus.SOURCE_FILE));
    return in.select(out.toArray(Column[]::new)).withColumn(RowStatus.STATUS, RowStatus.derive());
  }
}
