package io.chokepoint.compat;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;

/**
 * The calls whose API differs between Spark lines, for Spark 4 (this file) and Spark 3.5
 * ({@code src/main/spark-3.5/java}); Maven compiles the one its profile selects.
 */
public final class SparkCompat {
  private SparkCompat() {}

  /** {@code c} cast to {@code type}, null where it does not convert (whatever spark.sql.ansi.enabled says). */
  public static Column tryCast(Column c, DataType type) {
    return c.try_cast(type);
  }

  /** {@code text} parsed as a date with {@code format}, null where it does not parse. */
  public static Column tryToDate(Column text, String format) {
    return functions.try_to_date(text, format);
  }
}
