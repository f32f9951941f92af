package io.chokepoint.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StructField;

/**
 * Writes tables as Parquet folders under a run's staging folder. While a table is written, its
 * rows and the NaN/±Infinity values of each double column are counted ({@link Dataset#observe}),
 * so no table is read again to count or check it.
 */
public final class TableWriter {
  private final SparkSession spark;
  private final Path staging;

  public TableWriter(SparkSession spark, Path staging) {
    this.spark = spark;
    this.staging = staging;
  }

  /**
   * What a write observed.
   *
   * @param rows rows written
   * @param nonFinite per double column, the NaN/±Infinity values written (columns with none omitted)
   * @param metrics the values of the extra aggregates the write was asked to observe, by name
   */
  public record Written(long rows, Map<String, Long> nonFinite, Map<String, Object> metrics) {}

  public String path(String table) {
    return new Path(staging, table).toString();
  }

  /** Writes {@code table} (which must not exist yet) and returns what was written. */
  public Written write(String table, Dataset<Row> rows) {
    return write(table, rows, List.of());
  }

  /** The same, also observing {@code metrics} (named aggregates over the rows written). */
  public Written write(String table, Dataset<Row> rows, List<Column> metrics) {
    return observed(rows, true, metrics, r -> writer(r).mode(SaveMode.ErrorIfExists).parquet(path(table)));
  }

  /**
   * Writes a work table: read back by later stages of this run and never published, so it is
   * written for speed alone: no dictionaries, no compression, no page checksums or statistics
   * (measured on the 18M-row exposure work table of 20M BACI rows that runs used to land; see
   * docs/performance.md), and its doubles are not counted for NaN or infinity: the tables
   * published from it are.
   */
  public Written writeWork(String table, Dataset<Row> rows) {
    return observed(rows, false, List.of(), r -> r.write().option("parquet.enable.dictionary", "false")
        .option("compression", "none").option("parquet.page.write-checksum.enabled", "false")
        .option("parquet.column.statistics.enabled", "false").option("parquet.size.statistics.enabled", "false")
        .mode(SaveMode.ErrorIfExists).parquet(path(table)));
  }

  /** Appends to {@code table}, creating it when absent. Only safe inside this run's own staging folder. */
  public void append(String table, Dataset<Row> rows) {
    writer(rows).mode(SaveMode.Append).parquet(path(table));
  }

  /**
   * Writes {@code rows} with {@code write}, observing the row count, {@code extra} and, when
   * {@code countNonFinite}, the NaN and infinite values of each floating-point column.
   */
  private static Written observed(Dataset<Row> rows, boolean countNonFinite, List<Column> extra,
      java.util.function.Consumer<Dataset<Row>> write) {
    List<String> doubles = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      if (countNonFinite && (f.dataType() instanceof DoubleType || f.dataType() instanceof FloatType)) {
        doubles.add(f.name());
      }
    }
    List<Column> metrics = new ArrayList<>();
    for (int i = 0; i < doubles.size(); i++) {
      Column c = col(doubles.get(i));
      metrics.add(functions.count(when(isnan(c).or(c.equalTo(lit(Double.POSITIVE_INFINITY)))
          .or(c.equalTo(lit(Double.NEGATIVE_INFINITY))), lit(1))).as("nf" + i));
    }
    metrics.addAll(extra);
    Observation o = Observations.fresh("written");
    write.accept(rows.observe(o, functions.count(lit(1)).as("rows"), metrics.toArray(Column[]::new)));
    Map<String, Object> m = Observations.metrics(o);
    Map<String, Long> nonFinite = new LinkedHashMap<>();
    for (int i = 0; i < doubles.size(); i++) {
      long n = ((Number) m.get("nf" + i)).longValue();
      if (n > 0) {
        nonFinite.put(doubles.get(i), n);
      }
    }
    return new Written(((Number) m.get("rows")).longValue(), nonFinite, m);
  }

  /**
   * Dictionary encoding off for double columns: amounts and shares are nearly all distinct, so the
   * writer would fill a dictionary only to fall back to plain encoding (measured: writing 2M
   * exposure rows took 11.3 s with it, 6.7 s without; strings and integers keep their dictionaries).
   */
  static DataFrameWriter<Row> writer(Dataset<Row> rows) {
    DataFrameWriter<Row> w = rows.write();
    for (StructField f : rows.schema().fields()) {
      if (f.dataType() instanceof DoubleType) {
        w = w.option("parquet.enable.dictionary#" + f.name(), "false");
      }
    }
    return w;
  }

  public Dataset<Row> read(String table) {
    return spark.read().parquet(path(table));
  }

  public long count(String table) {
    return read(table).count();
  }
}
