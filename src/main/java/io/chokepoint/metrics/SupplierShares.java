package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
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
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Each supplier's share of a reporter's trade in a product.
 *
 * <p>Input: canonical trade rows in scope, with the product column {@code productKey}
 * ({@code commodity_group} or {@code hs_code}). Only partners of kind country or nes count as
 * suppliers; World and aggregate partners, and the reporter itself, are left out. Output, one row
 * per year, month, reporter_iso3, flow, product, partner_iso3: partner_kind, value_usd,
 * net_weight_kg (null when any of the supplier's rows lacks a weight), share_value (null when the
 * product's total is 0), share_weight (null when this supplier's weight is null or the total of
 * known weights is 0), rank (1 = largest value; ties by partner_iso3).
 */
public final class SupplierShares {
  private static final String MISSING_WEIGHT_ROWS = "_missing_weight_rows";

  private SupplierShares() {}

  /** The key of every exposure output: year, month, reporter_iso3, flow, product. */
  public static List<String> keys(String productKey) {
    return List.of(TradeColumns.YEAR, TradeColumns.MONTH, TradeColumns.REPORTER, TradeColumns.FLOW, productKey);
  }

  public static Dataset<Row> compute(Dataset<Row> flows, String productKey) {
    List<String> keys = keys(productKey);
    List<Column> groupCols = new ArrayList<>();
    keys.forEach(k -> groupCols.add(col(k)));
    groupCols.add(col(TradeColumns.PARTNER));
    groupCols.add(col(TradeColumns.PARTNER_KIND));

    // One shuffle: rows are partitioned by the product key once, and both the per-supplier
    // aggregate and the product window reuse that partitioning.
    Column[] keyCols = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    Dataset<Row> bySupplier = flows
        .where(col(TradeColumns.PARTNER_KIND).isin(PartnerKind.SUPPLIERS.toArray())
            .and(col(TradeColumns.PARTNER).notEqual(col(TradeColumns.REPORTER))))
        .repartition(keyCols)
        .groupBy(groupCols.toArray(Column[]::new))
        .agg(sum(TradeColumns.VALUE_USD).as(TradeColumns.VALUE_USD),
            sum(TradeColumns.NET_WEIGHT_KG).as(TradeColumns.NET_WEIGHT_KG),
            count(when(col(TradeColumns.NET_WEIGHT_KG).isNull(), lit(1))).as(MISSING_WEIGHT_ROWS))
        .withColumn(TradeColumns.NET_WEIGHT_KG,
            when(col(MISSING_WEIGHT_ROWS).equalTo(0), col(TradeColumns.NET_WEIGHT_KG)));

    // Totals use the rank's ordering with an unbounded frame, so one sort serves both.
    WindowSpec ranked = Window.partitionBy(keyCols).orderBy(col(TradeColumns.VALUE_USD).desc(),
        col(TradeColumns.PARTNER).asc());
    WindowSpec product = ranked.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column totalValue = sum(TradeColumns.VALUE_USD).over(product);
    Column totalWeight = sum(TradeColumns.NET_WEIGHT_KG).over(product);
    Column value = col(TradeColumns.VALUE_USD);
    Column weight = col(TradeColumns.NET_WEIGHT_KG);
    List<Column> out = new ArrayList<>();
    keys.forEach(k -> out.add(col(k)));
    out.add(col(TradeColumns.PARTNER));
    out.add(col(TradeColumns.PARTNER_KIND));
    out.add(value);
    out.add(weight);
    out.add(when(totalValue.gt(0), value.divide(totalValue)).as(ExposureColumns.SHARE_VALUE));
    out.add(when(totalWeight.gt(0).and(weight.isNotNull()), weight.divide(totalWeight)).as(ExposureColumns.SHARE_WEIGHT));
    out.add(row_number().over(ranked).as(ExposureColumns.RANK));
    return bySupplier.select(out.toArray(Column[]::new));
  }
}
