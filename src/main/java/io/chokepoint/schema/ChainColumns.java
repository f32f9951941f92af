package io.chokepoint.schema;

/** Column names of the value-chain and bloc tables, and of the reference tables behind them. */
public final class ChainColumns {
  /** A material of the stage reference ({@code rare_earths}, {@code cobalt} …). */
  public static final String MATERIAL = "material";
  /** A value-chain stage: mining, refining, metal, intermediate, product or scrap. */
  public static final String STAGE = "stage";
  /** {@code material/stage}: the product key when grouping by stage ({@code params.group_by = stage}). */
  public static final String MATERIAL_STAGE = "material_stage";
  /** The purity of a code or a material stage: exclusive, shared, mixed-stage (or shared+mixed-stage). */
  public static final String PURITY = "purity";
  /** The purity of a material stage's reference codes, beside {@link #MATERIAL_STAGE} in the exposure tables. */
  public static final String STAGE_PURITY = "stage_purity";
  public static final String HS6 = "hs6";
  /** How a code reaches its material stage: {@code reference}, or the HS2022 split it was carved from. */
  public static final String VIA = "via";
  /** The HS edition a trade row was reported in (HS1992 … HS2022), or null when the source does not say. */
  public static final String CLASSIFICATION = "classification";

  public static final String BLOC = "bloc";
  public static final String ISO3 = "iso3";
  public static final String MEMBER_FROM = "member_from";
  public static final String MEMBER_TO = "member_to";
  public static final String TERRITORY = "territory_iso3";
  public static final String SOVEREIGN = "sovereign_iso3";
  /** Which territory rule made a bloc output: as_reported or sovereign. */
  public static final String TERRITORIES = "territories";

  /** Whether a partner is inside the bloc a row is measured against. */
  public static final String INSIDE = "_inside";
  /** The importer of a value-chain row: a reporter's ISO3, or a bloc's name for its members pooled. */
  public static final String IMPORTER = "importer";
  /** {@code country} or {@code bloc}. */
  public static final String IMPORTER_KIND = "importer_kind";
  public static final String KIND_COUNTRY = "country";
  public static final String KIND_BLOC = "bloc";

  public static final String INSIDE_VALUE_USD = "inside_value_usd";
  public static final String INSIDE_SHARE = "inside_share";
  public static final String OUTSIDE_VALUE_USD = "outside_value_usd";
  public static final String HHI_OUTSIDE = "hhi_outside";
  public static final String TOP_OUTSIDE_PARTNER = "top_outside_partner_iso3";
  public static final String TOP_OUTSIDE_SHARE = "top_outside_share";
  public static final String OTHERS_SHARE = "others_share";
  public static final String LIMIT = "single_supplier_limit";
  public static final String EXCEEDS_LIMIT = "exceeds_limit";
  public static final String CODES = "codes";
  public static final String EDITION_NOTE = "edition_note";
  public static final String REPORTER_MEMBER = "reporter_is_member";
  public static final String MEMBERS_REPORTING = "members_reporting";
  public static final String POOLED_HHI = "pooled_hhi";

  /** Status of a bloc row whose partners are all inside the bloc: nothing bought outside. */
  public static final String NO_OUTSIDE = "no_outside_supply";

  private ChainColumns() {}
}
