package io.chokepoint.testing;

import io.chokepoint.ingest.ReadContext;
import io.chokepoint.ingest.Readers;
import io.chokepoint.reference.Countries;
import io.chokepoint.spec.InputSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reads an input as a run does (preflight, then the format's reader), with the shipped reference. */
public final class Inputs extends SparkTestBase {
  public static final Countries COUNTRIES = Countries.load(null, new Configuration());

  private Inputs() {}

  /** Run year 2026, default exporter CHN. */
  public static Dataset<Row> read(InputSpec in) {
    return Readers.read(new ReadContext(spark(), COUNTRIES, 2026, "CHN"), in);
  }
}
