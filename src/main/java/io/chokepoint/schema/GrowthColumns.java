package io.chokepoint.schema;

/** Column names of the growth inputs and outputs. */
public final class GrowthColumns {
  public static final String SERIES_ID = "series_id";
  public static final String DOMAIN = "domain";
  public static final String REGION = "region";
  public static final String METRIC = "metric";
  public static final String UNIT = "unit";
  public static final String BASE_YEAR = "base_year";
  public static final String BASE_VALUE = "base_value";
  public static final String TARGET_YEAR = "target_year";
  public static final String TARGET_VALUE = "target_value";
  public static final String STATED_CAGR_PCT = "stated_cagr_pct";
  public static final String SOURCE = "source";
  public static final String PUBLISHED = "published";

  public static final String PERIODS = "periods";
  public static final String IMPLIED_CAGR_PCT = "implied_cagr_pct";
  public static final String GAP_PP = "gap_pp";
  public static final String CONSISTENT = "consistent";
  public static final String IMPLIED_PERIODS = "periods_for_stated_rate";
  public static final String BASE_YEAR_FOR_STATED = "base_year_for_stated_rate";
  public static final String STATUS = "status";

  public static final String YEAR = "year";
  public static final String DATE = "date";
  public static final String VALUE = "value";
  public static final String VALUE_STATED = "value_at_stated_rate";
  public static final String VALUE_IMPLIED = "value_at_implied_rate";
  public static final String KIND = "kind";
  public static final String OBSERVATIONS = "observations";
  public static final String MISSING = "missing";

  /** Statuses. */
  public static final String OK = "ok";
  public static final String NO_STATED_RATE = "no_stated_rate";
  public static final String NO_TARGET_YEAR = "no_target_year";
  public static final String INVALID_PERIOD = "invalid_period";
  public static final String NON_POSITIVE = "non_positive";
  public static final String INSUFFICIENT_DATA = "insufficient_data";
  public static final String CONSTANT = "constant";

  private GrowthColumns() {}
}
