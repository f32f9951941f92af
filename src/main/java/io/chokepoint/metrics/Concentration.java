package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.reference.PartnerKind;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * How concentrated each reporter's supply of a product is.
 *
 * <p>Input: {@link SupplierShares} output and the trade rows it came from (for the World rows).
 * Output, one row per year, month, reporter_iso3, flow, product that has suppliers or a World
 * row: total_value_usd, total_weight_kg (over suppliers with a known weight), supplier_count
 * (suppliers with value above 0), hhi_value and hhi_weight (0–10,000), hhi_band, top1_partner_iso3,
 * top1_share, top3_share, focus_supplier, focus_share and focus_share_weight (0 when the focus
 * supplier is absent; focus_share_weight null when its weight is unknown),
 * world_reported_value_usd (the World row's value; null without one), bilateral_to_world_ratio,
 * status and weight_status.
 *
 * <p>{@code status}: {@code ok}; {@code zero_total} when suppliers exist but their values sum to 0;
 * {@code no_suppliers} when there is only a World row. Every share and HHI is null unless ok.
 * {@code weight_status}: {@code ok}; {@code partial} when some suppliers lack a weight (weight
 * metrics then cover those that have one); {@code missing} when none has; {@code zero_total};
 * {@code no_suppliers}. hhi_weight, total_weight_kg and focus_share_weight are null unless ok or
 * partial.
 */
public final class Concentration {
  private static final String WORLD_VALUE = "_world_value";

  private Concentration() {}

  public static Dataset<Row> compute(Dataset<Row> shares, Dataset<Row> flows, String productKey, String focusSupplier,
      double hhiModerate, double hhiHigh) {
    List<String> keys = SupplierShares.keys(productKey);
    List<Column> keyCols = new ArrayList<>();
    keys.forEach(k -> keyCols.add(col(k)));

    List<Column> fromShares = new ArrayList<>(keyCols);
    fromShares.add(col(TradeColumns.PARTNER));
    fromShares.add(col(TradeColumns.VALUE_USD));
    fromShares.add(col(TradeColumns.NET_WEIGHT_KG));
    fromShares.add(col(ExposureColumns.SHARE_VALUE));
    fromShares.add(col(ExposureColumns.SHARE_WEIGHT));
    fromShares.add(col(ExposureColumns.RANK));
    fromShares.add(lit(null).cast(DataTypes.DoubleType).as(WORLD_VALUE));

    List<Column> fromWorld = new ArrayList<>(keyCols);
    fromWorld.add(lit(null).cast(DataTypes.StringType).as(TradeColumns.PARTNER));
    fromWorld.add(lit(null).cast(DataTypes.DoubleType).as(TradeColumns.VALUE_USD));
    fromWorld.add(lit(null).cast(DataTypes.DoubleType).as(TradeColumns.NET_WEIGHT_KG));
    fromWorld.add(lit(null).cast(DataTypes.DoubleType).as(ExposureColumns.SHARE_VALUE));
    fromWorld.add(lit(null).cast(DataTypes.DoubleType).as(ExposureColumns.SHARE_WEIGHT));
    fromWorld.add(lit(null).cast(DataTypes.IntegerType).as(ExposureColumns.RANK));
    fromWorld.add(col(TradeColumns.VALUE_USD).as(WORLD_VALUE));

    Dataset<Row> union = shares.select(fromShares.toArray(Column[]::new))
        .unionByName(flows.where(col(TradeColumns.PARTNER_KIND).equalTo(PartnerKind.WORLD))
            .select(fromWorld.toArray(Column[]::new)));

    Column value = col(TradeColumns.VALUE_USD);
    Column weight = col(TradeColumns.NET_WEIGHT_KG);
    Column shareV = col(ExposureColumns.SHARE_VALUE);
    Column shareW = col(ExposureColumns.SHARE_WEIGHT);
    Column rank = col(ExposureColumns.RANK);
    Dataset<Row> agg = union.groupBy(keyCols.toArray(Column[]::new)).agg(
        sum(value).as("_total_value"),
        sum(weight).as("_total_weight"),
        count(when(value.gt(0), lit(1))).as(ExposureColumns.SUPPLIER_COUNT),
        count(rank).as("_suppliers"),
        count(when(rank.isNotNull().and(weight.isNull()), lit(1))).as("_weightless"),
        sum(shareV.multiply(shareV)).as("_hhi_v"),
        sum(shareW.multiply(shareW)).as("_hhi_w"),
        max(when(rank.equalTo(1), col(TradeColumns.PARTNER))).as("_top1"),
        max(when(rank.equalTo(1), shareV)).as("_top1_share"),
        sum(when(rank.leq(3), shareV)).as("_top3_share"),
        sum(when(col(TradeColumns.PARTNER).equalTo(focusSupplier), shareV)).as("_focus"),
        sum(when(col(TradeColumns.PARTNER).equalTo(focusSupplier), shareW)).as("_focus_w"),
        count(when(col(TradeColumns.PARTNER).equalTo(focusSupplier), lit(1))).as("_focus_rows"),
        sum(col(WORLD_VALUE)).as(ExposureColumns.WORLD_VALUE_USD));

    Column suppliers = col("_suppliers");
    Column totalValue = coalesce(col("_total_value"), lit(0.0));
    Column status = when(suppliers.equalTo(0), lit(ExposureColumns.NO_SUPPLIERS))
        .when(totalValue.equalTo(0), lit(ExposureColumns.ZERO_TOTAL))
        .otherwise(lit(ExposureColumns.OK));
    Column ok = status.equalTo(ExposureColumns.OK);
    Column weightStatus = when(suppliers.equalTo(0), lit(ExposureColumns.NO_SUPPLIERS))
        .when(col("_weightless").equalTo(suppliers), lit(ExposureColumns.MISSING))
        .when(col("_total_weight").equalTo(0), lit(ExposureColumns.ZERO_TOTAL))
        .when(col("_weightless").gt(0), lit(ExposureColumns.PARTIAL))
        .otherwise(lit(ExposureColumns.OK));
    Column weightOk = weightStatus.isin(ExposureColumns.OK, ExposureColumns.PARTIAL);
    Column hhi = when(ok, col("_hhi_v").multiply(10_000));
    Column world = col(ExposureColumns.WORLD_VALUE_USD);

    List<Column> out = new ArrayList<>(keyCols);
    out.add(totalValue.as(ExposureColumns.TOTAL_VALUE_USD));
    out.add(when(weightOk, col("_total_weight")).as(ExposureColumns.TOTAL_WEIGHT_KG));
    out.add(col(ExposureColumns.SUPPLIER_COUNT).cast(DataTypes.IntegerType).as(ExposureColumns.SUPPLIER_COUNT));
    out.add(hhi.as(ExposureColumns.HHI_VALUE));
    out.add(when(weightOk, col("_hhi_w").multiply(10_000)).as(ExposureColumns.HHI_WEIGHT));
    out.add(band(hhi, hhiModerate, hhiHigh).as(ExposureColumns.HHI_BAND));
    out.add(when(ok, col("_top1")).as(ExposureColumns.TOP1_PARTNER));
    out.add(when(ok, col("_top1_share")).as(ExposureColumns.TOP1_SHARE));
    out.add(when(ok, col("_top3_share")).as(ExposureColumns.TOP3_SHARE));
    out.add(lit(focusSupplier).as(ExposureColumns.FOCUS_SUPPLIER));
    out.add(when(ok, coalesce(col("_focus"), lit(0.0))).as(ExposureColumns.FOCUS_SHARE));
    out.add(when(weightOk, when(col("_focus_rows").equalTo(0), lit(0.0)).otherwise(col("_focus_w")))
        .as(ExposureColumns.FOCUS_SHARE_WEIGHT));
    out.add(world);
    out.add(when(world.gt(0), totalValue.divide(world)).as(ExposureColumns.BILATERAL_TO_WORLD));
    out.add(status.as(ExposureColumns.STATUS));
    out.add(weightStatus.as(ExposureColumns.WEIGHT_STATUS));
    return agg.select(out.toArray(Column[]::new));
  }

  /** unconcentrated below {@code moderate}, moderately concentrated up to {@code high}, else highly; null HHI, null band. */
  public static Column band(Column hhi, double moderate, double high) {
    return when(hhi.lt(moderate), lit(ExposureColumns.UNCONCENTRATED))
        .when(hhi.leq(high), lit(ExposureColumns.MODERATE))
        .when(hhi.gt(high), lit(ExposureColumns.HIGH));
  }
}
