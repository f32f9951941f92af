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

  /** A documented market-size CSV (see docs/formats.md): one forecast per row. */
  public static final String MARKET_SIZES = "market-sizes";
  /** A FRED series CSV: a date column (observation_date or DATE), then one column per series. */
  public static final String FRED = "fred";

  /** Monthly exports by destination: the documented canonical CSV, or the qennis layout. */
  public static final String EXPORT_MONTHLY = "export-monthly";
  /** Export-control events (see sample-data/reference/export-controls.csv). */
  public static final String EXPORT_CONTROLS = "export-controls";
  /** The USGS Mineral Commodity Summaries world data release. */
  public static final String USGS_MCS_WORLD = "usgs-mcs-world";
  /** The USGS Mineral Commodity Summaries data release in its long layout (statistics per commodity and year). */
  public static final String USGS_MCS_COMMODITIES = "usgs-mcs-commodities";
  /** BGS World Mineral Statistics exports. */
  public static final String BGS_WMS = "bgs-wms";
  /** World Bank Worldwide Governance Indicators: the long dataset or the DataBank wide export. */
  public static final String WGI = "wgi";
  /** The EU CRM assessment's results and trade parameters, as exported by CritMAT. */
  public static final String EU_CRM = "eu-crm";

  public static final String OUTPUT_PARQUET = "parquet";
  /** Apache Iceberg tables in a catalog (default: an embedded Hadoop catalog under output.path). */
  public static final String OUTPUT_ICEBERG = "iceberg";
  public static final List<String> OUTPUTS = List.of(OUTPUT_PARQUET, OUTPUT_ICEBERG);

  private Formats() {}
}
