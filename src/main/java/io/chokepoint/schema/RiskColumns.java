package io.chokepoint.schema;

import java.util.List;

/** Column names of the governance and supply-risk inputs and outputs. */
public final class RiskColumns {
  // governance (WGI) input
  public static final String COUNTRY = "country";
  public static final String COUNTRY_ISO3 = "country_iso3";
  public static final String YEAR = "year";
  public static final String INDICATOR = "indicator";
  public static final String ESTIMATE = "estimate";
  /** The six WGI dimensions, in the World Bank's order. */
  public static final List<String> INDICATORS = List.of("va", "pv", "ge", "rq", "rl", "cc");

  // governance_scores
  public static final String PERIOD = "period";
  public static final String YEAR_FROM = "year_from";
  public static final String YEAR_TO = "year_to";
  public static final String WGI_MEAN = "wgi_mean";
  public static final String WGI_SCORE = "wgi_score";
  public static final String INDICATORS_PRESENT = "indicators_present";
  public static final String STATUS = "status";

  // eu-crm input
  public static final String RECORD_KIND = "record_kind";
  public static final String KIND_STAGE = "stage";
  public static final String KIND_TRADE = "trade_parameter";
  public static final String MATERIAL = "material";
  /** Lower-case material name: the key between the EU files and the reference (their cases differ). */
  public static final String MATERIAL_KEY = "material_key";
  public static final String STAGE = "stage";
  public static final String EXTRACTION = "extraction";
  public static final String PROCESSING = "processing";
  public static final String OVERALL = "overall";
  public static final String SUPPLY_BASIS = "supply_basis";
  public static final String GS_EU = "GS+EU";
  public static final String GS_ONLY = "GSonly";
  public static final String EU_ONLY = "EUonly";
  public static final String PUBLISHED_SR = "published_sr";
  public static final String PUBLISHED_STAGE_SR = "published_stage_sr";
  public static final String ECONOMIC_IMPORTANCE = "economic_importance";
  public static final String BOTTLENECK_STAGE = "bottleneck_stage";
  public static final String IMPORT_RELIANCE_PCT = "import_reliance_pct";
  public static final String EOL_RIR_PCT = "eol_rir_pct";
  public static final String SI_SR = "si_sr";
  public static final String T = "t";
  public static final String SCOPE = "scope";
  public static final String SCOPE_WORLD = "world";
  public static final String SCOPE_EU = "eu";

  // reference: materials
  public static final String MATERIAL_GROUP = "material_group";
  public static final String DATA_SOURCE = "data_source";
  public static final String COMMODITY = "commodity";
  public static final String PRODUCTION_STAGE = "production_stage";
  /** data_source of a material stage whose shares come from the published-shares reference. */
  public static final String SOURCE_PUBLISHED = "published";

  // shares and contributions
  public static final String COUNTRY_KIND = "country_kind";
  public static final String PRODUCTION = "production";
  public static final String SHARE = "share";
  public static final String SHARE_USED = "share_used";
  public static final String SCORED = "scored";
  public static final String SCORE_USED = "score_used";
  public static final String TERM = "term";
  /** Which sum a contribution belongs to: {@link #BASIS_GLOBAL} supply or the {@link #BASIS_BLOC}'s sourcing. */
  public static final String BASIS = "basis";
  public static final String BASIS_GLOBAL = "global";
  public static final String BASIS_BLOC = "bloc";
  /** Where a sourcing amount comes from: {@link #SOURCE_PRODUCTION} or {@link #SOURCE_IMPORT}. */
  public static final String SOURCE = "source";
  public static final String SOURCE_PRODUCTION = "production";
  public static final String SOURCE_IMPORT = "import";

  // reference: material → HS codes; bloc coverage
  public static final String HS_CODE = "hs_code";
  /** Annual import rows the bloc's members report for a material stage's HS codes in a period. */
  public static final String TRADE_ROWS = "trade_rows";

  // supply_risk
  public static final String COUNTRIES = "countries";
  public static final String HHI = "hhi";
  public static final String HHI_WGI = "hhi_wgi";
  public static final String HHI_WGI_T = "hhi_wgi_t";
  public static final String HHI_BLOC_WGI_T = "hhi_bloc_wgi_t";
  public static final String SR = "sr";
  public static final String SR_DIFFERENCE = "sr_difference";
  public static final String CRITICAL = "critical";
  public static final String UNCOVERED_SHARE = "uncovered_share";
  public static final String RESIDUAL_SHARE = "residual_share";

  /** governance_scores statuses. */
  public static final String OK = "ok";
  public static final String PARTIAL = "partial";
  public static final String MISSING = "missing";

  /** supply_risk statuses (see docs/supply-risk.md). */
  public static final String NO_PARAMETERS = "no_parameters";
  public static final String NO_PRODUCTION = "no_production";
  public static final String ZERO_TOTAL = "zero_total";
  public static final String NO_GOVERNANCE = "no_governance";
  public static final String NO_BLOC_SOURCING = "no_bloc_sourcing";
  public static final String NO_TRADE_MAPPING = "no_trade_mapping";
  public static final String NO_BLOC_TRADE = "no_bloc_trade";
  public static final String ZERO_BLOC_TOTAL = "zero_bloc_total";
  public static final String MISSING_PARAMETER = "missing_parameter";
  public static final String INCOMPLETE_STAGES = "incomplete_stages";
  public static final String INCOMPLETE_MEMBERS = "incomplete_members";

  private RiskColumns() {}
}
