package io.chokepoint.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * One local SparkSession for the whole test JVM (two cores, loopback, UI off, two shuffle
 * partitions), with small helpers to build and read rows.
 */
public abstract class SparkTestBase {
  private static SparkSession session;

  protected static synchronized SparkSession spark() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("chokepoint-tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.artifact.isolation.enabled", "false") // as the product defaults it (JobCommand)
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .getOrCreate();
    }
    return session;
  }

  protected static org.apache.spark.sql.Column[] cols(java.util.Collection<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
  }

  protected static org.apache.spark.sql.Column[] cols(String... names) {
    return cols(java.util.List.of(names));
  }

  protected static Object[] row(Object... values) {
    return values;
  }

  protected static Dataset<Row> df(StructType schema, Object[]... rows) {
    List<Row> out = new ArrayList<>();
    for (Object[] r : rows) {
      out.add(RowFactory.create(r));
    }
    return spark().createDataFrame(out, schema);
  }

  /** The rows of {@code ds}, each as a plain array, in Dataset order. */
  protected static List<Object[]> rows(Dataset<Row> ds) {
    List<Object[]> out = new ArrayList<>();
    for (Row r : ds.collectAsList()) {
      Object[] a = new Object[r.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.get(i);
      }
      out.add(a);
    }
    return out;
  }
}
