package io.chokepoint.schema;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The canonical trade schema every trade reader produces and {@code trade_flows} stores. */
public final class TradeColumns {
  public static final String YEAR = "year";
  /** 1–12, or null for an annual row. */
  public static final String MONTH = "month";
  public static final String REPORTER = "reporter_iso3";
  public static final String PARTNER = "partner_iso3";
  /** {@link io.chokepoint.reference.PartnerKind}. */
  public static final String PARTNER_KIND = "partner_kind";
  /** {@link #FLOWS}. */
  public static final String FLOW = "flow";
  /** As reported, leading zeros kept. */
  public static final String HS_CODE = "hs_code";
  public static final String VALUE_USD = "value_usd";
  public static final String NET_WEIGHT_KG = "net_weight_kg";
  public static final String QUANTITY = "quantity";
  public static final String QUANTITY_UNIT = "quantity_unit";
  public static final String SOURCE_FORMAT = "source_format";
  /** The HS edition the row was reported in ({@code HS2017}), null when the source does not say. */
  public static final String CLASSIFICATION = "classification";

  public static final String IMPORT = "import";
  public static final String EXPORT = "export";
  public static final String RE_IMPORT = "re-import";
  public static final String RE_EXPORT = "re-export";
  public static final List<String> FLOWS = List.of(IMPORT, EXPORT, RE_IMPORT, RE_EXPORT);

  public static final StructType SCHEMA = new StructType()
      .add(YEAR, DataTypes.IntegerType, false)
      .add(MONTH, DataTypes.IntegerType, true)
      .add(REPORTER, DataTypes.StringType, false)
      .add(PARTNER, DataTypes.StringType, false)
      .add(PARTNER_KIND, DataTypes.StringType, false)
      .add(FLOW, DataTypes.StringType, false)
      .add(HS_CODE, DataTypes.StringType, false)
      .add(VALUE_USD, DataTypes.DoubleType, false)
      .add(NET_WEIGHT_KG, DataTypes.DoubleType, true)
      .add(QUANTITY, DataTypes.DoubleType, true)
      .add(QUANTITY_UNIT, DataTypes.StringType, true)
      .add(SOURCE_FORMAT, DataTypes.StringType, false)
      .add(CLASSIFICATION, DataTypes.StringType, true);

  public static final List<String> NAMES = List.of(SCHEMA.fieldNames());

  private TradeColumns() {}
}
