package io.chokepoint.publish;

import io.chokepoint.error.RunException;
import io.chokepoint.spec.OutputSpec;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a run's staged tables to Apache Iceberg tables {@code <catalog>.<namespace>.<table>}.
 *
 * <p>Without a {@code spark.sql.catalog.<catalog>} setting, an embedded Hadoop catalog whose
 * warehouse is {@code output.path} is registered, so it runs with no server; any catalog Spark
 * supports (REST, Hive, JDBC, Glue) is used through {@code --conf} instead. Tables with a
 * {@code year} column are partitioned by it. Each table is replaced with
 * {@code overwritePartitions}: a re-run replaces the partitions it produces and leaves the others,
 * and every commit carries {@code chokepoint.run-id} in its snapshot summary. Each table's commit
 * is atomic; Iceberg has no commit across tables, so a failure between two tables leaves the
 * earlier ones at the new run (the run id in their snapshots says which), and re-running repairs it.
 */
public final class IcebergPublisher implements Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergPublisher.class);
  public static final String RUN_ID_PROPERTY = "chokepoint.run-id";
  private final OutputSpec out;

  IcebergPublisher(OutputSpec out) {
    this.out = out;
  }

  @Override
  public String location(OutputRoot root, String table) {
    return tableName(out, table);
  }

  /**
   * Commits every table, then moves what else was staged (the checks, the report) to {@code output.path}
   * and writes the manifest there.
   */
  @Override
  public void publish(SparkSession spark, OutputRoot root, List<String> tables, Manifest manifest) throws IOException {
    commit(spark, out, root.staging(), tables, manifest.json().get("run_id").asText());
    root.fs().mkdirs(root.root());
    for (var st : root.fs().listStatus(root.staging())) {
      String name = st.getPath().getName();
      if (!tables.contains(name) && !name.startsWith(".")) {
        Path target = new Path(root.root(), name);
        root.fs().delete(target, true);
        root.fs().rename(st.getPath(), target);
      }
    }
    manifest.write(root.fs(), root.root());
    root.discardStaging();
  }

  /** Registers the default Hadoop catalog unless {@code --conf} already configured this one. */
  public static void registerCatalog(SparkSession spark, OutputSpec out) {
    String key = "spark.sql.catalog." + out.catalog();
    if (!spark.conf().contains(key)) {
      spark.conf().set(key, "org.apache.iceberg.spark.SparkCatalog");
      spark.conf().set(key + ".type", "hadoop");
      spark.conf().set(key + ".warehouse", out.path());
    }
  }

  public static String tableName(OutputSpec out, String table) {
    return out.catalog() + "." + out.namespace() + "." + table;
  }

  static void commit(SparkSession spark, OutputSpec out, Path staging, List<String> tables, String runId) {
    registerCatalog(spark, out);
    try {
      spark.sql("CREATE NAMESPACE IF NOT EXISTS " + out.catalog() + "." + out.namespace());
      for (String table : tables) {
        String name = tableName(out, table);
        Dataset<Row> rows = spark.read().parquet(new Path(staging, table).toString());
        boolean byYear = List.of(rows.columns()).contains("year");
        if (!spark.catalog().tableExists(name)) {
          // DDL rather than writeTo(..).partitionedBy(..): the same text on every Spark line.
          spark.sql("CREATE TABLE " + name + " (" + rows.schema().toDDL() + ") USING iceberg"
              + (byYear ? " PARTITIONED BY (year)" : "") + " TBLPROPERTIES ('format-version' = '2')");
        }
        rows.writeTo(name).option("snapshot-property." + RUN_ID_PROPERTY, runId).overwritePartitions();
        LOG.info("published {} (run {})", name, runId);
      }
    } catch (Exception e) {
      throw new RunException("output " + out.path() + ": Iceberg commit failed (" + e.getMessage() + ")", e);
    }
  }
}
