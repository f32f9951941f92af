package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.chokepoint.compat.Observations;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * Counts the records of an input as its files are read, independently of how rows are later
 * classified, so that rows read = used + rejected + filtered is a check that can fail. CSV records
 * are counted by {@link Dataset#observe} during the scan that lands them (no extra pass); Parquet
 * row counts and driver-side reads are added directly.
 */
public final class RecordCounter {
  private final List<Observation> observations = new ArrayList<>();
  private final List<Long> rowsPerRecord = new ArrayList<>();
  private long direct;

  /** {@code records}, counted as they stream by; each record stands for {@code rowsPerRecord} rows. */
  public Dataset<Row> observe(Dataset<Row> records, long rowsPerRecord) {
    Observation o = Observations.fresh("records");
    observations.add(o);
    this.rowsPerRecord.add(rowsPerRecord);
    return records.observe(o, count(lit(1)).as("n"));
  }

  public void add(long rows) {
    direct += rows;
  }

  /** The rows the files hold; call only after the observed Datasets have been fully read once. */
  public long rows() {
    long n = direct;
    for (int i = 0; i < observations.size(); i++) {
      // A scan with no partitions to run (a file with nothing after its header) reports no metrics.
      Object records = Observations.metrics(observations.get(i)).get("n");
      n += (records == null ? 0 : ((Number) records).longValue()) * rowsPerRecord.get(i);
    }
    return n;
  }
}
