package io.chokepoint.compat;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

/**
 * The calls whose API differs between Spark lines, for Spark 3.5 (this file) and Spark 4
 * ({@code src/main/spark-4/java}); Maven compiles the one its profile selects.
 */
public final class SparkCompat {
  private SparkCompat() {}

  /**
   * {@code c} cast to {@code type}, null where it does not convert (whatever spark.sql.ansi.enabled
   * says). Spark 3.5 has SQL's try_cast but no Column method for it: this is the same expression.
   */
  public static Column tryCast(Column c, DataType type) {
    return new Column(new Cast(c.expr(), type, Option.empty(), EvalMode.TRY()));
  }

  /**
   * {@code text} parsed as a date with {@code format}, null where it does not parse (3.5 has no
   * try_to_date). Only text of the format's shape is parsed: on 3.5 try_to_timestamp still throws
   * a SparkUpgradeException for text the legacy parser would have read differently ('2009-3g_03'),
   * where Spark 4's try_to_date gives null.
   */
  public static Column tryToDate(Column text, String format) {
    StringBuilder shape = new StringBuilder("^");
    for (int i = 0; i < format.length(); ) {
      char c = format.charAt(i);
      int run = 1;
      while (i + run < format.length() && format.charAt(i + run) == c) {
        run++;
      }
      shape.append(Character.isLetter(c) ? (run == 1 ? "\\d{1,2}" : "\\d{" + run + "}")
          : java.util.regex.Pattern.quote(format.substring(i, i + run)));
      i += run;
    }
    shape.append('$');
    return functions.when(text.rlike(shape.toString()),
        functions.try_to_timestamp(text, lit(format)).cast(DataTypes.DateType));
  }

  /** The internal rows a query computes (Spark's adaptive execution runs its shuffles' map side when this is called). */
  public static RDD<InternalRow> internalRows(Dataset<Row> rows) {
    return rows.queryExecution().toRdd();
  }

  /**
   * The same, computed as a query of its own ({@code name} in Spark's UI), so that the observations
   * in it ({@code Dataset.observe}) are reported once it has run: with adaptive execution (Spark's
   * default) that is once its shuffles' map side has run, which happens here; without it nothing
   * has run yet, and they report zeros.
   */
  public static RDD<InternalRow> internalRowsAsQuery(Dataset<Row> rows, String name) {
    org.apache.spark.sql.execution.QueryExecution qe = rows.queryExecution();
    return org.apache.spark.sql.execution.SQLExecution.withNewExecutionId(qe, scala.Option.apply(name), qe::toRdd);
  }

  /** A DataFrame over internal rows of {@code schema} (strings as UTF8String, arrays as ArrayData, nothing converted). */
  public static Dataset<Row> fromInternalRows(SparkSession spark, RDD<InternalRow> rows, StructType schema) {
    return spark.internalCreateDataFrame(rows, schema, false);
  }

  /** Two strings in Spark's binary order (by UTF-8 bytes; on this line {@code compareTo} is that comparison). */
  public static int compareStrings(UTF8String a, UTF8String b) {
    return a.compareTo(b);
  }
}
