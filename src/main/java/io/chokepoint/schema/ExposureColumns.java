package io.chokepoint.schema;

/** Column names of the exposure outputs ({@code supplier_shares}, {@code concentration}). */
public final class ExposureColumns {
  public static final String COMMODITY_GROUP = "commodity_group";
  public static final String STAGE = "stage";
  public static final String SHARE_VALUE = "share_value";
  public static final String SHARE_WEIGHT = "share_weight";
  public static final String RANK = "rank";
  public static final String TOTAL_VALUE_USD = "total_value_usd";
  public static final String TOTAL_WEIGHT_KG = "total_weight_kg";
  public static final String SUPPLIER_COUNT = "supplier_count";
  public static final String HHI_VALUE = "hhi_value";
  public static final String HHI_WEIGHT = "hhi_weight";
  public static final String HHI_BAND = "hhi_band";
  public static final String TOP1_PARTNER = "top1_partner_iso3";
  public static final String TOP1_SHARE = "top1_share";
  public static final String TOP3_SHARE = "top3_share";
  public static final String FOCUS_SUPPLIER = "focus_supplier";
  public static final String FOCUS_SHARE = "focus_share";
  public static final String FOCUS_SHARE_WEIGHT = "focus_share_weight";
  public static final String WORLD_VALUE_USD = "world_reported_value_usd";
  public static final String BILATERAL_TO_WORLD = "bilateral_to_world_ratio";
  public static final String STATUS = "status";
  public static final String WEIGHT_STATUS = "weight_status";

  /** Status values. */
  public static final String OK = "ok";
  public static final String ZERO_TOTAL = "zero_total";
  public static final String NO_SUPPLIERS = "no_suppliers";
  public static final String PARTIAL = "partial";
  public static final String MISSING = "missing";

  /** HHI bands (US DOJ/FTC 2010 merger guidelines by default). */
  public static final String UNCONCENTRATED = "unconcentrated";
  public static final String MODERATE = "moderately_concentrated";
  public static final String HIGH = "highly_concentrated";

  private ExposureColumns() {}
}
