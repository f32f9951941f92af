package io.chokepoint.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;

/**
 * One local SparkSession for the whole test JVM (two cores, loopback, UI off, two shuffle
 * partitions), with small helpers to build and read rows. Tagged {@value #TAG}: the fast tier
 * ({@code scripts/test.sh --fast}) leaves out every test class that extends it, and refuses to start
 * the session for any other ({@link #FAST_TIER}).
 */
@Tag(SparkTestBase.TAG)
public abstract class SparkTestBase {
  /** The JUnit tag of tests that start Spark; inherited by every subclass. */
  public static final String TAG = "spark";
  /** Set (to true) in the fast tier's test JVM: a test there that starts Spark fails. */
  public static final String FAST_TIER = "chokepoint.test.fast";
  private static SparkSession session;

  protected static synchronized SparkSession spark() {
    if (Boolean.getBoolean(FAST_TIER)) {
      throw new IllegalStateException("the fast tier starts no Spark: a test that needs a SparkSession extends "
          + "SparkTestBase (tagged " + TAG + "), which leaves it to the full suite");
    }
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
