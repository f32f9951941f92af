package io.chokepoint.schema;

/** Column names of the supply-side inputs and outputs. */
public final class SupplyColumns {
  public static final String MONTH = "month";
  public static final String EXPORTER = "exporter_iso3";
  public static final String PRODUCT_GROUP = "product_group";
  public static final String DESTINATION = "destination_iso3";
  public static final String VALUE_USD = "value_usd";
  public static final String QUANTITY_KG = "quantity_kg";

  public static final String EVENT_DATE = "event_date";
  public static final String IMPOSING = "imposing_iso3";
  public static final String TARGET = "target";
  public static final String MEASURE = "measure";
  public static final String SOURCE = "source";
  public static final String ALL_TARGETS = "ALL";

  public static final String COMMODITY = "commodity";
  public static final String STAGE = "stage";
  public static final String YEAR = "year";
  public static final String COUNTRY = "country";
  public static final String COUNTRY_ISO3 = "country_iso3";
  public static final String COUNTRY_KIND = "country_kind";
  public static final String PRODUCTION = "production";
  public static final String UNIT = "unit";
  public static final String CENSORED = "censored";
  public static final String DATA_SOURCE = "data_source";

  /** Country kinds in production tables. */
  public static final String KIND_COUNTRY = "country";
  public static final String KIND_WORLD = "world_total";
  public static final String KIND_RESIDUAL = "residual";

  private SupplyColumns() {}
}
