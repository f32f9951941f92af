package io.chokepoint.publish;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Parquet folders under the output root: the staging folder, manifest included, is renamed into place. */
final class ParquetPublisher implements Publisher {
  @Override
  public String location(OutputRoot out, String table) {
    return new Path(out.root(), table).toString();
  }

  @Override
  public void publish(SparkSession spark, OutputRoot out, List<String> tables, Manifest manifest) throws IOException {
    manifest.write(out.fs(), out.staging());
    out.publish();
  }
}
