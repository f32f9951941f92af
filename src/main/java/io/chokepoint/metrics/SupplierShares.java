package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.col;

import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each supplier's share of a reporter's trade in a product, projected from {@link Exposure#compute}.
 *
 * <p>Only partners of kind country or nes count as suppliers; World and aggregate partners, and
 * the reporter itself, are left out. Output, one row per year, month, reporter_iso3, flow,
 * product, partner_iso3: partner_kind, value_usd, net_weight_kg (null when any of the supplier's
 * rows lacks a weight), share_value (null when the product's total is 0), share_weight (null when
 * this supplier's weight is null or the total of known weights is 0), rank (1 = largest value;
 * ties by partner_iso3).
 */
public final class SupplierShares {
  private SupplierShares() {}

  /** The key of every exposure output: year, month, reporter_iso3, flow, product. */
  public static List<String> keys(String productKey) {
    return List.of(TradeColumns.YEAR, TradeColumns.MONTH, TradeColumns.REPORTER, TradeColumns.FLOW, productKey);
  }

  /** The supplier rows of an {@link Exposure#compute} output. */
  public static Dataset<Row> of(Dataset<Row> exposure, String productKey) {
    List<Column> out = new ArrayList<>();
    keys(productKey).forEach(k -> out.add(col(k)));
    out.add(col(TradeColumns.PARTNER));
    out.add(col(TradeColumns.PARTNER_KIND));
    out.add(col(TradeColumns.VALUE_USD));
    out.add(col(TradeColumns.NET_WEIGHT_KG));
    out.add(col(ExposureColumns.SHARE_VALUE));
    out.add(col(ExposureColumns.SHARE_WEIGHT));
    out.add(col(Exposure.ROW).as(ExposureColumns.RANK));
    return exposure.where(col(Exposure.WORLD).unary_$bang()).select(out.toArray(Column[]::new));
  }
}
