import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The baseline of scripts/bench: the plain Spark SQL program a data engineer would write first for
 * HS6 supplier shares and HHI from a BACI file (t,i,j,k,v,q: year, exporter, importer, HS6, value,
 * quantity). Spark's default settings; read with a schema, one groupBy for shares (with the
 * product total over a window), written as Parquet and read back for the HHI groupBy, also written
 * as Parquet. No rejects, no counts, no checks, no country codes.
 *
 * <p>The shares are written once and read back: used twice without that (or a persist), the plan
 * of each write starts from the CSV, so Spark parsed the whole file twice (issue 28). Reading the
 * written shares back is what a careful engineer who checks the plan writes; persisting them would
 * hold 20M rows in a 4g heap.
 *
 * <p>java -cp SPARK_CLASSPATH scripts/PlainSparkBench.java IN.csv OUT_DIR
 */
public class PlainSparkBench {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("plain-spark-bench").getOrCreate();
    Dataset<Row> baci = spark.read().option("header", "true").schema("t INT, i INT, j INT, k STRING, v DOUBLE, q STRING")
        .csv(args[0]);
    // Imports: the importer j is the reporter, the exporter i its supplier.
    Dataset<Row> bySupplier = baci.groupBy("t", "j", "k", "i").agg(sum("v").as("value_usd"));
    Column total = sum("value_usd").over(Window.partitionBy("t", "j", "k")).as("total");
    Dataset<Row> shares = bySupplier.select(col("*"), total)
        .withColumn("share", when(col("total").gt(0), col("value_usd").divide(col("total"))))
        .drop("total");
    shares.write().mode("overwrite").parquet(args[1] + "/supplier_shares");
    spark.read().parquet(args[1] + "/supplier_shares").groupBy("t", "j", "k")
        .agg(sum(pow(col("share").multiply(lit(100)), 2)).as("hhi"), max("share").as("top1_share"),
            count(lit(1)).as("suppliers"))
        .write().mode("overwrite").parquet(args[1] + "/concentration");
    spark.stop();
  }
}
