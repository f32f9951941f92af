package io.chokepoint.spec;

import java.util.List;
import java.util.Map;

/** The input names a job spec may use, and the formats each accepts. */
public final class InputNames {
  public static final String TRADE_FLOWS = "trade_flows";
  public static final String MARKET_SIZES = "market_sizes";
  /** Extra time series for trend growth. */
  public static final String SERIES = "series";
  /** Exchange rates for the sensitivity tables. */
  public static final String FX_RATES = "fx_rates";

  public static final String RARE_EARTH_EXPORTS = "rare_earth_exports";
  public static final String EXPORT_CONTROLS = "export_controls";
  public static final String PRODUCTION = "production";
  /** Supply risk: governance indicators (WGI). */
  public static final String GOVERNANCE = "governance";
  /** Supply risk: the EU assessment's parameters (default: the seed rows shipped in the jar). */
  public static final String RISK_PARAMETERS = "risk_parameters";
  /** Import reliance: USGS MCS statistics per commodity and year (imports, exports, production, stocks …). */
  public static final String COMMODITY_STATISTICS = "commodity_statistics";

  static final Map<String, List<String>> FORMATS = Map.ofEntries(
      Map.entry(COMMODITY_STATISTICS, List.of(Formats.USGS_MCS_COMMODITIES)),
      Map.entry(RARE_EARTH_EXPORTS, List.of(Formats.EXPORT_MONTHLY)),
      Map.entry(EXPORT_CONTROLS, List.of(Formats.EXPORT_CONTROLS)),
      Map.entry(PRODUCTION, List.of(Formats.USGS_MCS_WORLD, Formats.BGS_WMS)),
      Map.entry(GOVERNANCE, List.of(Formats.WGI)),
      Map.entry(RISK_PARAMETERS, List.of(Formats.EU_CRM)),
      Map.entry(TRADE_FLOWS, Formats.TRADE),
      Map.entry(MARKET_SIZES, List.of(Formats.MARKET_SIZES)),
      Map.entry(SERIES, List.of(Formats.FRED)),
      Map.entry(FX_RATES, List.of(Formats.FRED)));

  /** Every input name and the formats it accepts. */
  public static Map<String, List<String>> formats() {
    return FORMATS;
  }

  /** Every format some input accepts: the spec's list of input formats. */
  public static java.util.Set<String> allFormats() {
    java.util.Set<String> all = new java.util.TreeSet<>();
    FORMATS.values().forEach(all::addAll);
    return all;
  }

  private InputNames() {}
}
