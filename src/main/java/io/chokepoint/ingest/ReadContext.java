package io.chokepoint.ingest;

import io.chokepoint.reference.Countries;
import org.apache.spark.sql.SparkSession;

/**
 * What readers need besides their files.
 *
 * @param spark the session
 * @param countries the country reference names and codes resolve through
 * @param runYear the run date's year (two-digit years of FRED dates are the latest not after it)
 * @param exporter the exporter of export files that name none ({@code params.exporter})
 * @param records where readers count the records they read
 */
public record ReadContext(SparkSession spark, Countries countries, int runYear, String exporter,
    RecordCounter records) {
  public ReadContext(SparkSession spark, Countries countries, int runYear, String exporter) {
    this(spark, countries, runYear, exporter, new RecordCounter());
  }
}
