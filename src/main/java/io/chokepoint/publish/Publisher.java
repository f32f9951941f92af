package io.chokepoint.publish;

import io.chokepoint.spec.Formats;
import io.chokepoint.spec.OutputSpec;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * How a run's staged tables become the published output, chosen once from {@code output.format}:
 * {@link ParquetPublisher} (the staging folder becomes the output root) or
 * {@link IcebergPublisher} (each table committed to a catalog). Either way every table is first
 * written and checked in the run's staging folder ({@link OutputRoot}).
 */
public interface Publisher {
  static Publisher forOutput(OutputSpec out) {
    return Formats.OUTPUT_ICEBERG.equals(out.format()) ? new IcebergPublisher(out) : new ParquetPublisher();
  }

  /** Where {@code table} is once published: a path, or a catalog table name. */
  String location(OutputRoot out, String table);

  /**
   * Publishes {@code tables} from staging, with the manifest (already finished) and any files
   * staged beside them (the report). Nothing is published when this throws before its first commit.
   */
  void publish(SparkSession spark, OutputRoot out, List<String> tables, Manifest manifest) throws java.io.IOException;
}
