package io.chokepoint.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.lit;

import io.chokepoint.schema.ExposureColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the report's sections share to query tables: how many rows a summary brings to the driver,
 * the product column of a table, a join that works on every Spark line, and rows turned into chart
 * values and table cells.
 */
public final class Queries {
  /** The most rows one report query may bring to the driver; more is an error ({@link #collect}). */
  public static final int MAX_ROWS = 20_000;
  /** Suppliers, destinations or rows of one chart's categories. */
  public static final int TOP_SUPPLIERS = 10;
  /** Series per chart, or charts per group of a section. */
  public static final int TOP_SERIES = 6;
  private static final List<String> PRODUCT_COLUMNS = List.of(ExposureColumns.COMMODITY_GROUP, "hs_code",
      io.chokepoint.schema.ChainColumns.MATERIAL_STAGE, "product");

  private Queries() {}

  /** The product column {@code d} has ({@code commodity_group}, {@code hs_code} or {@code product}). */
  public static String productColumn(Dataset<Row> d) {
    return PRODUCT_COLUMNS.stream().filter(c -> hasColumn(d, c)).findFirst().orElse(ExposureColumns.COMMODITY_GROUP);
  }

  public static boolean hasColumn(Dataset<Row> d, String c) {
    return Arrays.asList(d.columns()).contains(c);
  }

  public static Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** Inner equi-join on {@code keys} (null-safe), keeping the left's key columns once; same API on every Spark line. */
  public static Dataset<Row> joinOn(Dataset<Row> left, Dataset<Row> right, List<String> keys) {
    Dataset<Row> r = right;
    Column on = lit(true);
    for (String k : keys) {
      r = r.withColumnRenamed(k, "_r_" + k);
      on = on.and(left.col(k).eqNullSafe(r.col("_r_" + k)));
    }
    Dataset<Row> joined = left.join(r, on);
    for (String k : keys) {
      joined = joined.drop("_r_" + k);
    }
    return joined;
  }

  /**
   * The rows of {@code d} whose {@code key} is one of its first {@code n} distinct keys in ascending
   * order (nulls first): what {@code dense_rank() <= n} over a window ordered by the key gives, without
   * a window that moves every row into one task.
   */
  public static Dataset<Row> firstKeys(Dataset<Row> d, List<String> key, int n) {
    return joinOn(d, broadcast(d.select(cols(key)).distinct().orderBy(cols(key)).limit(n)), key);
  }

  /** Collects a summarised query; fails rather than pull more than {@link #MAX_ROWS} rows to the driver. */
  public static List<Row> collect(Dataset<Row> d) {
    List<Row> rows = d.limit(MAX_ROWS + 1).collectAsList();
    if (rows.size() > MAX_ROWS) {
      throw new IllegalStateException("report query returned more than " + MAX_ROWS + " rows");
    }
    return rows;
  }

  /** Column {@code i} of {@code rows} as doubles; null is NaN (no point, no bar). */
  public static double[] values(List<Row> rows, int i) {
    return rows.stream().mapToDouble(r -> r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue()).toArray();
  }

  /** The row's values, as a table row of a figure's numbers. */
  public static List<Object> list(Row r) {
    List<Object> l = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      l.add(r.get(i));
    }
    return l;
  }
}
