package io.chokepoint.quality;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Checks on the sensitivity inputs. */
public final class SensitivityChecks {
  private SensitivityChecks() {}

  /**
   * Warning: the USD/JPY series the JPY metrics convert with ({@code params.fx_series}) has periods
   * in {@code fx_period_rates}; without it every JPY metric is null ({@code no_fx_rate}).
   */
  public static Check fxSeriesPresent(Dataset<Row> fxPeriodRates, String series) {
    long n = fxPeriodRates.where(col("series_id").equalTo(series)).count();
    return Check.warning("fx_period_rates.series_present", n > 0, n, "> 0",
        "periods of the USD/JPY series " + series + " (params.fx_series) in fx_rates");
  }
}
