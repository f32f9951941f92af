package io.chokepoint.schema;

import java.util.List;

/**
 * Column names and values of the USGS Mineral Commodity Summaries long layout as read
 * ({@code usgs-mcs-commodities}) and of {@code import_reliance}.
 */
public final class RelianceColumns {
  // The long layout, as read: one row per statistic, commodity, country and year.
  public static final String SECTION = "section";
  public static final String COMMODITY = "commodity";
  public static final String COUNTRY = "country";
  public static final String COUNTRY_ISO3 = "country_iso3";
  /** {@code country}, {@code world_total} or {@code residual} ("Other countries", several countries together). */
  public static final String COUNTRY_KIND = "country_kind";
  /** USGS's statistic name: Import, Export, Production, Consumption, Stock, Net import reliance … */
  public static final String STATISTIC = "statistic";
  /** What the statistic is of, as written (e.g. "Production: Secondary"). */
  public static final String DETAIL = "detail";
  public static final String UNIT = "unit";
  public static final String YEAR = "year";
  /** The cell as a number; null unless {@link #VALUE_FLAG} is {@link #NUMBER}. */
  public static final String VALUE = "value";
  /** The cell as written (trimmed). */
  public static final String VALUE_TEXT = "value_text";
  /** What the cell is: {@link #FLAGS}. */
  public static final String VALUE_FLAG = "value_flag";
  /** {@code >} or {@code <} for a bound; else null. */
  public static final String CENSORED = "censored";
  /** The number of a bound (">95" is 95); null for any other cell. Never a value. */
  public static final String BOUND = "bound";
  public static final String NOTES = "notes";

  /** Cell flags. */
  public static final String NUMBER = "number";
  /** W: withheld to avoid disclosing company proprietary data. */
  public static final String WITHHELD = "withheld";
  /** NA: not available. */
  public static final String NOT_AVAILABLE = "not_available";
  /** —: zero in USGS's tables. Never read as a number here; import reliance may count it as zero, and says so. */
  public static final String DASH = "dash";
  /** E: net exporter (a net import reliance below zero). */
  public static final String NET_EXPORTER = "net_exporter";
  /** XX: not applicable. */
  public static final String NOT_APPLICABLE = "not_applicable";
  /** {@code >95}, {@code <25}: a bound, in {@link #CENSORED} and {@link #BOUND}. */
  public static final String BOUNDED = "bound";
  /** {@code 50–300}: a range. */
  public static final String RANGE = "range";
  /** Words ("Large", "Variable, depending on …") or anything else that is not a number. */
  public static final String TEXT = "text";
  public static final List<String> FLAGS = List.of(NUMBER, WITHHELD, NOT_AVAILABLE, DASH, NET_EXPORTER,
      NOT_APPLICABLE, BOUNDED, RANGE, TEXT);

  /** USGS statistic names the reliance reads. */
  public static final String IMPORT = "Import";
  public static final String EXPORT = "Export";
  public static final String PRODUCTION = "Production";
  public static final String CONSUMPTION = "Consumption";
  public static final String STOCK = "Stock";
  public static final String NET_IMPORT_RELIANCE = "Net import reliance";

  // import_reliance
  /** What the published reliance is of: the text after the colon of its statistic detail, or null. */
  public static final String BASIS = "basis";
  public static final String IMPORTS = "imports";
  public static final String EXPORTS = "exports";
  public static final String PRODUCTION_USED = "production";
  /** Stocks at the end of the previous year minus stocks at the end of this year (a draw adds to supply). */
  public static final String STOCK_CHANGE = "stock_change";
  public static final String STOCK_CHANGE_STATUS = "stock_change_status";
  public static final String APPARENT_CONSUMPTION = "apparent_consumption";
  public static final String APPARENT_CONSUMPTION_PUBLISHED = "apparent_consumption_published";
  public static final String RELIANCE_PCT = "net_import_reliance_pct";
  public static final String PUBLISHED_PCT = "published_pct";
  public static final String PUBLISHED_TEXT = "published_text";
  public static final String DIFFERENCE_PP = "difference_pp";
  public static final String STOCKS = "stocks";
  public static final String STOCK_COVER_MONTHS = "stock_cover_months";
  /** The rows summed, as {@code role: detail = value}, for a person to check. */
  public static final String COMPONENTS = "components";
  public static final String DASH_AS_ZERO = "dash_as_zero";
  public static final String STATUS = "status";

  /** Statuses of import_reliance, in the order they are tested. */
  public static final String AMBIGUOUS_ROWS = "ambiguous_rows";
  public static final String MISSING_COMPONENT = "missing_component";
  public static final String WITHHELD_COMPONENT = "withheld_component";
  public static final String UNAVAILABLE_COMPONENT = "unavailable_component";
  public static final String UNUSABLE_COMPONENT = "unusable_component";
  public static final String NON_POSITIVE_CONSUMPTION = "non_positive_consumption";
  public static final String NO_PUBLISHED_VALUE = "no_published_value";
  public static final String DIFFERS = "differs_from_published";
  public static final String OK = "ok";

  /** Stock-change statuses. */
  public static final String INCLUDED = "included";
  public static final String NOT_IN_DEFINITION = "not_in_definition";
  public static final String UNKNOWN = "unknown";

  private RelianceColumns() {}
}
