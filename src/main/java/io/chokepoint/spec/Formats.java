package io.chokepoint.spec;

import java.util.List;

/** Input and output format names accepted in a job spec: one place for each. */
public final class Formats {
  public static final String COMTRADE_PLUS = "comtrade-plus";
  public static final String COMTRADE_LEGACY = "comtrade-legacy";
  public static final String BACI = "baci";
  public static final String TRADE_CANONICAL = "trade-canonical";
  /** Sniff the header and pick one of the trade formats. */
  public static final String TRADE_AUTO = "trade-auto";

  public static final List<String> TRADE = List.of(COMTRADE_PLUS, COMTRADE_LEGACY, BACI, TRADE_CANONICAL, TRADE_AUTO);

  /** A documented market-size CSV (see README): one forecast per row. */
  public static final String MARKET_SIZES = "market-sizes";
  /** A FRED series CSV: a date column (observation_date or DATE), then one column per series. */
  public static final String FRED = "fred";

  public static final String OUTPUT_PARQUET = "parquet";
  public static final List<String> OUTPUTS = List.of(OUTPUT_PARQUET);

  private Formats() {}
}
