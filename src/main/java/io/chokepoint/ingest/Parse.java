package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** Column expressions every reader uses to type raw text and say why a value is unusable. */
public final class Parse {
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

  /**
   * A number parsed from text.
   *
   * @param present whether the source holds anything (non-blank text, or a non-null number)
   * @param text the trimmed text (null when blank), for messages
   * @param parsed the scaled value, null when blank or when {@code reason} is set
   * @param reason why the text is not a usable number, or null
   */
  public record Number(Column present, Column text, Column parsed, Column reason) {}

  /** A finite number, scaled; blank is null; negative numbers are refused unless allowed. */
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
    return checked(t.isNotNull(), t, when(t.isNotNull().and(v.isNull()), quoted("unparsable " + name, t)), v, scale,
        name, allowNegative);
  }

  /**
   * A number from a column that is already numeric (typed Parquet): nothing to parse, only the
   * finite and sign checks. The text for messages is built only for rows that are refused.
   */
  public static Number typed(Column v, double scale, String name, boolean allowNegative) {
    return checked(v.isNotNull(), v.cast(DataTypes.StringType), null, v, scale, name, allowNegative);
  }

  private static Number checked(Column present, Column t, Column unparsable, Column v, double scale, String name,
      boolean allowNegative) {
    Column notFinite = isnan(v).or(v.equalTo(lit(Double.POSITIVE_INFINITY))).or(v.equalTo(lit(Double.NEGATIVE_INFINITY)));
    Column reason = unparsable == null ? when(notFinite, quoted(name + " is not a finite number", t))
        : unparsable.when(notFinite, quoted(name + " is not a finite number", t));
    if (!allowNegative) {
      reason = reason.when(v.lt(0), quoted("negative " + name, t));
    }
    Column scaled = scale == 1 ? v : v.multiply(lit(scale));
    return new Number(present, t, when(reason.isNull(), scaled), reason);
  }

  /** Non-negative numbers: trade values, weights, quantities. */
  public static Number amount(Column source, double scale, String name) {
    return number(source, scale, name, false);
  }
}
