package io.chokepoint.compat;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

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

  /** The internal rows a query computes (Spark's adaptive execution runs its shuffles' map side when this is called). */
  public static RDD<InternalRow> internalRows(Dataset<Row> rows) {
    return ((org.apache.spark.sql.classic.Dataset<Row>) rows).queryExecution().toRdd();
  }

  /**
   * The same, computed as a query of its own ({@code name} in Spark's UI), so that the observations
   * in it ({@code Dataset.observe}) are reported once it has run: with adaptive execution (Spark's
   * default) that is once its shuffles' map side has run, which happens here; without it nothing
   * has run yet, and they report zeros.
   */
  public static RDD<InternalRow> internalRowsAsQuery(Dataset<Row> rows, String name) {
    org.apache.spark.sql.execution.QueryExecution qe = ((org.apache.spark.sql.classic.Dataset<Row>) rows).queryExecution();
    return org.apache.spark.sql.execution.SQLExecution.withNewExecutionId(qe, scala.Option.apply(name), qe::toRdd);
  }

  /** A DataFrame over internal rows of {@code schema} (strings as UTF8String, arrays as ArrayData, nothing converted). */
  public static Dataset<Row> fromInternalRows(SparkSession spark, RDD<InternalRow> rows, StructType schema) {
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows, schema, false);
  }

  /** Two strings in Spark's binary order (by UTF-8 bytes; {@code compareTo} would look up an environment variable on every call). */
  public static int compareStrings(UTF8String a, UTF8String b) {
    return a.binaryCompare(b);
  }
}
