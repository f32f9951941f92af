package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

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
 * <p>Projected from {@link Exposure#compute}. Output, one row per year, month, reporter_iso3, flow, product that has suppliers or a World
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
  private Concentration() {}

  /** The product rows of an {@link Exposure#compute} output (computed with the same focus supplier). */
  public static Dataset<Row> of(Dataset<Row> exposure, String productKey, String focusSupplier, double hhiModerate,
      double hhiHigh) {
    List<Column> keyCols = new ArrayList<>();
    SupplierShares.keys(productKey).forEach(k -> keyCols.add(col(k)));
    Column suppliers = Exposure.aggregate(Exposure.SUPPLIERS);
    Column totalValue = coalesce(Exposure.aggregate(Exposure.TOTAL_VALUE), lit(0.0));
    Column totalWeight = Exposure.aggregate(Exposure.TOTAL_WEIGHT);
    Column status = when(suppliers.equalTo(0), lit(ExposureColumns.NO_SUPPLIERS))
        .when(totalValue.equalTo(0), lit(ExposureColumns.ZERO_TOTAL))
        .otherwise(lit(ExposureColumns.OK));
    Column ok = status.equalTo(ExposureColumns.OK);
    Column weightless = Exposure.aggregate(Exposure.WEIGHTLESS);
    Column weightStatus = when(suppliers.equalTo(0), lit(ExposureColumns.NO_SUPPLIERS))
        .when(weightless.equalTo(suppliers), lit(ExposureColumns.MISSING))
        .when(totalWeight.equalTo(0), lit(ExposureColumns.ZERO_TOTAL))
        .when(weightless.gt(0), lit(ExposureColumns.PARTIAL))
        .otherwise(lit(ExposureColumns.OK));
    Column weightOk = weightStatus.isin(ExposureColumns.OK, ExposureColumns.PARTIAL);
    Column hhi = when(ok, Exposure.aggregate(Exposure.SUM_SQ_VALUE).divide(totalValue.multiply(totalValue)).multiply(10_000));
    Column world = Exposure.aggregate(Exposure.WORLD_VALUE);

    List<Column> out = new ArrayList<>(keyCols);
    out.add(totalValue.as(ExposureColumns.TOTAL_VALUE_USD));
    out.add(when(weightOk, totalWeight).as(ExposureColumns.TOTAL_WEIGHT_KG));
    out.add(Exposure.aggregate(Exposure.SUPPLIERS_WITH_VALUE).cast(DataTypes.IntegerType).as(ExposureColumns.SUPPLIER_COUNT));
    out.add(hhi.as(ExposureColumns.HHI_VALUE));
    out.add(when(weightOk, Exposure.aggregate(Exposure.SUM_SQ_WEIGHT).divide(totalWeight.multiply(totalWeight)).multiply(10_000))
        .as(ExposureColumns.HHI_WEIGHT));
    out.add(band(hhi, hhiModerate, hhiHigh).as(ExposureColumns.HHI_BAND));
    out.add(when(ok, col(TradeColumns.PARTNER)).as(ExposureColumns.TOP1_PARTNER));
    out.add(when(ok, col(ExposureColumns.SHARE_VALUE)).as(ExposureColumns.TOP1_SHARE));
    out.add(when(ok, Exposure.aggregate(Exposure.TOP3_VALUE).divide(totalValue)).as(ExposureColumns.TOP3_SHARE));
    out.add(lit(focusSupplier).as(ExposureColumns.FOCUS_SUPPLIER));
    out.add(when(ok, coalesce(Exposure.aggregate(Exposure.FOCUS_VALUE), lit(0.0)).divide(totalValue)).as(ExposureColumns.FOCUS_SHARE));
    out.add(when(weightOk, when(Exposure.aggregate(Exposure.FOCUS_ROWS).equalTo(0), lit(0.0))
        .otherwise(Exposure.aggregate(Exposure.FOCUS_WEIGHT).divide(totalWeight))).as(ExposureColumns.FOCUS_SHARE_WEIGHT));
    out.add(world.as(ExposureColumns.WORLD_VALUE_USD));
    out.add(when(world.gt(0), totalValue.divide(world)).as(ExposureColumns.BILATERAL_TO_WORLD));
    out.add(status.as(ExposureColumns.STATUS));
    out.add(weightStatus.as(ExposureColumns.WEIGHT_STATUS));
    return exposure.where(col(Exposure.ROW).equalTo(1)).select(out.toArray(Column[]::new));
  }
  /** unconcentrated below {@code moderate}, moderately concentrated up to {@code high}, else highly; null HHI, null band. */
  public static Column band(Column hhi, double moderate, double high) {
    return when(hhi.lt(moderate), lit(ExposureColumns.UNCONCENTRATED))
        .when(hhi.leq(high), lit(ExposureColumns.MODERATE))
        .when(hhi.gt(high), lit(ExposureColumns.HIGH));
  }
}
