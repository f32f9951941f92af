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

  static final Map<String, List<String>> FORMATS = Map.of(
      TRADE_FLOWS, Formats.TRADE,
      MARKET_SIZES, List.of(Formats.MARKET_SIZES),
      SERIES, List.of(Formats.FRED),
      FX_RATES, List.of(Formats.FRED));

  private InputNames() {}
}
