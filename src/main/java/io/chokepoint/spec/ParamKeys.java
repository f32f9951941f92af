package io.chokepoint.spec;

import java.util.Set;

/** Every key {@code params} may hold. A key not listed here is a spec error (exit 2). */
public final class ParamKeys {
  /** ISO3 of the supplier whose share is reported as {@code focus_share}; default CHN. */
  public static final String FOCUS_SUPPLIER = "focus_supplier";
  /**
   * {@code commodity_group} (default), {@code hs_code} or {@code stage} (material × value-chain
   * stage, through the stage reference).
   */
  public static final String GROUP_BY = "group_by";
  /** Flows in scope: any of import, export, re-import, re-export; default [import]. */
  public static final String FLOWS = "flows";
  /** Reporter ISO3 codes in scope; absent = all. */
  public static final String REPORTERS = "reporters";
  /** First and last year in scope (inclusive); absent = open. */
  public static final String YEAR_FROM = "year_from";
  public static final String YEAR_TO = "year_to";
  /** {@code annual} (default) or {@code monthly}: which rows are in scope. */
  public static final String FREQUENCY = "frequency";
  /** HHI band thresholds on the 0–10,000 scale; defaults 1,500 and 2,500. */
  public static final String HHI_MODERATE = "hhi_moderate";
  public static final String HHI_HIGH = "hhi_high";
  /**
   * Whether the trade step publishes the rows it used as {@code trade_flows}; default true. False
   * suits jobs whose input already is a landed {@code trade_flows} table (ingest once, analyse many).
   */
  public static final String PUBLISH_TRADE_FLOWS = "publish_trade_flows";

  /** Trade: whose values supplier shares and HHI use: reported (default), mirror or reconciled. */
  public static final String VALUE_BASIS = "value_basis";
  /** Trade: whether the job publishes mirror_flows; default true when value_basis is not reported, else false. */
  public static final String MIRROR_FLOWS = "mirror_flows";
  /** Trade: the largest |X − M| / (X + M) of values, and of net weights, at which a mirror pair agrees; default 0.1 each. */
  public static final String MIRROR_VALUE_TOLERANCE = "mirror_value_tolerance";
  public static final String MIRROR_WEIGHT_TOLERANCE = "mirror_weight_tolerance";
  /** Trade: an exporter-only flow's FOB value times this stands for its CIF import value; default 1.05. */
  public static final String CIF_FOB_FACTOR = "cif_fob_factor";
  /** Import reliance: computed and published values within this many percentage points agree; default 2. */
  public static final String RELIANCE_TOLERANCE_PP = "reliance_tolerance_pp";

  /** Growth: the last year projected; default 2035. */
  public static final String HORIZON_YEAR = "horizon_year";
  /** Growth: stated and implied CAGR within this many percentage points are consistent; default 0.5. */
  public static final String CAGR_TOLERANCE_PP = "cagr_tolerance_pp";
  /** Growth: fewest annual points a trend needs; default 3. */
  public static final String MIN_POINTS = "min_points";

  /** Sensitivity: factor levels, e.g. {"disruption_share": {"base": 0.5, "low": 0, "high": 1, "steps": 11}}. */
  public static final String SCENARIOS = "scenarios";
  /** Sensitivity: {"x": factor, "y": factor, "metric": metric} for sensitivity_two_way. */
  public static final String TWO_WAY = "two_way";
  /** Sensitivity: the GDP reference point (see {@link SensitivityParams}). */
  public static final String GDP = "gdp";
  /** Sensitivity: the exposure year scenarios start from; default the latest year of each reporter-group. */
  public static final String BASE_YEAR = "base_year";
  /** Sensitivity: the FRED series id of the USD/JPY rate in fx_rates; default DEXJPUS. */
  public static final String FX_SERIES = "fx_series";

  /** Supply: months in each window before and after an export-control event; default 6. */
  public static final String EVENT_WINDOW_MONTHS = "event_window_months";
  /** Supply: the exporter of export files that do not name one (the qennis layout); default CHN. */
  public static final String EXPORTER = "exporter";

  /** Supply risk: [first, last] year of one averaging window (e.g. [2016, 2020]); absent = each year. */
  public static final String RISK_WINDOW = "risk_window";
  /** Supply risk: materials assessed (names as in the EU parameters); absent = every mapped material. */
  public static final String MATERIALS = "materials";
  /** Supply risk: producers without a governance score: zero (default), exclude or median. */
  public static final String UNSCORED_COUNTRIES = "unscored_countries";
  /** Supply risk: thresholds of {@code critical}: SR and economic importance; defaults 1 and 2.8. */
  public static final String CRITICAL_SR = "critical_sr";
  public static final String CRITICAL_EI = "critical_ei";
  /**
   * Supply risk: the importing bloc of the bloc-sourcing term (with {@code inputs.trade_flows}): a
   * bloc name of {@code blocs.csv} (default EU27) or a list of ISO3 codes, e.g. ["JPN", "KOR"].
   */
  public static final String BLOC = "bloc";

  /** Value chain: whether the job builds the value-chain tables (stage exposure, production, net trade); default false. */
  public static final String VALUE_CHAIN = "value_chain";
  /** Blocs: the blocs the bloc tables are built for: names of blocs.csv or lists of ISO3 codes. */
  public static final String BLOCS = "blocs";
  /** Blocs: {@code as_reported} (default) or {@code sovereign} (territories count as their state). */
  public static final String TERRITORIES = "territories";
  /** Value chain: the share above which one supplier outside the importer's bloc is flagged; default 0.65. */
  public static final String SINGLE_SUPPLIER_LIMIT = "single_supplier_limit";

  static final Set<String> ALL = Set.of(VALUE_CHAIN, BLOCS, TERRITORIES, SINGLE_SUPPLIER_LIMIT, RISK_WINDOW, MATERIALS, UNSCORED_COUNTRIES, CRITICAL_SR, CRITICAL_EI, BLOC,
      EVENT_WINDOW_MONTHS, EXPORTER, FOCUS_SUPPLIER, GROUP_BY, FLOWS, REPORTERS, YEAR_FROM, YEAR_TO, FREQUENCY,
      HHI_MODERATE, HHI_HIGH, PUBLISH_TRADE_FLOWS, HORIZON_YEAR, CAGR_TOLERANCE_PP, MIN_POINTS, SCENARIOS, TWO_WAY, GDP, BASE_YEAR,
      FX_SERIES, VALUE_BASIS, MIRROR_FLOWS, MIRROR_VALUE_TOLERANCE, MIRROR_WEIGHT_TOLERANCE, CIF_FOB_FACTOR,
      RELIANCE_TOLERANCE_PP);

  private ParamKeys() {}
}
