package io.chokepoint.spec;

import io.chokepoint.error.UsageException;
import java.util.Locale;

/**
 * The supply-side settings of a job, parsed once from {@code params}.
 *
 * @param windowMonths months in each window before and after an export-control event
 * @param exporter the exporter of export files that do not name one
 * @param focusCountry the country whose share of production is reported (params.focus_supplier)
 */
public record SupplyParams(int windowMonths, String exporter, String focusCountry) {
  /** Parses the supply keys of {@code p}; {@code focus} is the normalised {@code focus_supplier} ({@link JobParams}). */
  static SupplyParams from(Params p, String focus) {
    int n = p.integer(ParamKeys.EVENT_WINDOW_MONTHS).orElse(6);
    if (n < 1 || n > 60) {
      throw new UsageException("params.event_window_months: expected 1 to 60, got " + n);
    }
    return new SupplyParams(n, p.string(ParamKeys.EXPORTER, "CHN").trim().toUpperCase(Locale.ROOT), focus);
  }
}
