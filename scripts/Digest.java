import java.io.File;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Row digests of a published output root: per table its row count and an order-independent sum of
 * 64-bit row hashes, so two runs (before and after a refactor) can be compared table by table.
 *
 *   java -cp "target/classes:$(cat target/classpath.txt)" scripts/Digest.java out/full-pipeline
 */
public class Digest {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    File[] tables = new File(args[0]).listFiles(f -> f.isDirectory() && !f.getName().startsWith("_")
        && !f.getName().startsWith(".") && !f.getName().equals("report"));
    Arrays.sort(tables);
    for (File t : tables) {
      Dataset<Row> rows = spark.read().parquet(t.getPath());
      String[] names = rows.columns();
      Arrays.sort(names);
      Column[] cols = Arrays.stream(names).map(functions::col).toArray(Column[]::new);
      Row r = rows.agg(functions.count(functions.lit(1)), functions.sum(functions.xxhash64(cols).cast("decimal(38,0)")))
          .first();
      System.out.printf("%-28s rows=%-8d hash=%s%n", t.getName(), r.getLong(0), r.get(1));
    }
    spark.stop();
  }
}
