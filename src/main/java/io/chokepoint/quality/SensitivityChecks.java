package io.chokepoint.quality;

import static org.apache.spark.sql.functions.col;

import java.util.List;
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
    return fxSeriesPresent(fxPeriodRates, series, null);
  }

  /**
   * The same; when it fails, the detail names {@code source} (the input and its files) and a few
   * of the series that are there.
   */
  public static Check fxSeriesPresent(Dataset<Row> fxPeriodRates, String series, String source) {
    long n = fxPeriodRates.where(col("series_id").equalTo(series)).count();
    String detail = "periods of the USD/JPY series " + series + " (params.fx_series) in fx_rates";
    if (n == 0 && source != null) {
      Dataset<Row> ids = fxPeriodRates.select("series_id").distinct();
      String e = Examples.of(ids, col("series_id").isNotNull(), List.of("series_id"));
      detail += " (" + source + ")" + (e.isEmpty() ? ": none of its rows is used" : "; it has " + e);
    }
    return Check.warning("fx_period_rates.series_present", n > 0, n, "> 0", detail);
  }
}
