package io.chokepoint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.error.ExitCodes;
import io.chokepoint.error.InputException;
import io.chokepoint.error.RunException;
import io.chokepoint.publish.Manifest;
import io.chokepoint.report.RunReport;
import io.chokepoint.spec.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code report --from OUTPUT_ROOT}: rebuilds {@code report/index.html} of an earlier run from its
 * {@code _manifest.json} and published tables (Parquet folders under the root, or the Iceberg tables
 * the manifest names). Like {@link JobCommand}, only reached once the arguments parsed, so
 * {@code --help} never loads Spark.
 */
final class ReportCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportCommand() {}

  /** Writes the page and returns its path; exit 3 when the root has no readable manifest. */
  static int run(Main.Args a, PrintStream out) {
    SparkSession spark = SparkSession.builder().appName("chokepoint report").getOrCreate();
    out.println("report written to " + Redaction.text(write(spark, a.from).toString()));
    return ExitCodes.OK;
  }

  static Path write(SparkSession spark, String from) {
    Path root = new Path(from);
    Path manifestFile = new Path(root, Manifest.FILE);
    JsonNode manifest;
    FileSystem fs;
    try {
      fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(manifestFile)) {
        throw new InputException("report --from " + from + ": no " + Manifest.FILE + " there (not an output root)");
      }
      try (InputStream in = fs.open(manifestFile)) {
        manifest = JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new InputException("report --from " + from + ": cannot read " + manifestFile + " (" + e.getMessage() + ")");
    }
    try {
      return writeTo(spark, fs, manifest, root);
    } catch (IOException e) {
      throw new RunException("report --from " + from + ": cannot write the report (" + e.getMessage() + ")", e);
    }
  }

  private static Path writeTo(SparkSession spark, FileSystem fs, JsonNode manifest, Path root) throws IOException {
    JsonNode output = manifest.path("spec").path("output");
    if (!"iceberg".equals(output.path("format").asText())) {
      return RunReport.write(fs, manifest, RunReport.parquetTables(spark, fs, root), root);
    }
    String catalog = output.path("catalog").asText("chokepoint");
    String key = "spark.sql.catalog." + catalog;
    if (!spark.conf().contains(key)) {
      spark.conf().set(key, "org.apache.iceberg.spark.SparkCatalog");
      spark.conf().set(key + ".type", "hadoop");
      spark.conf().set(key + ".warehouse", output.path("path").asText());
    }
    JsonNode outputs = manifest.path("outputs");
    Function<String, Dataset<Row>> tables = name -> outputs.has(name)
        ? spark.table(outputs.path(name).path("path").asText()) : null;
    return RunReport.write(fs, manifest, tables, root);
  }
}
