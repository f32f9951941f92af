package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.schema.ChainColumns;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * How a group's supply splits between partners, inside and outside a bloc: the one computation
 * behind the value chain's stage exposure and the bloc tables, as Spark SQL aggregates.
 *
 * <p>Input: {@code keys}, partner_iso3, value_usd (null counts as nothing), {@link ChainColumns#INSIDE}
 * (whether the partner is inside the bloc the group is measured against; false when there is none).
 * Output per group: total_value_usd, supplier_count (partners with value above 0), hhi_value
 * (0–10,000), top1_partner_iso3 and top1_share (ties to the first code), focus_share (0 when the
 * focus supplier is absent), inside_value_usd, inside_share, outside_value_usd, hhi_outside (HHI of
 * what is bought outside, over the outside total), top_outside_partner_iso3 and top_outside_share
 * (its share of the whole total), others_share (1 − inside − the focus supplier outside), status.
 * {@code status}: {@code ok}; {@code zero_total} (every share and HHI null); {@code
 * no_outside_supply} (all inside: the outside HHI and top are null). Sums are exact (decimal), so a
 * re-run in another order gives the same doubles.
 */
public final class PartnerMix {
  private PartnerMix() {}

  public static Dataset<Row> of(Dataset<Row> partnerValues, List<String> keys, String focus) {
    Column[] keyCols = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    List<Column> partnerKeys = new ArrayList<>(List.of(keyCols));
    partnerKeys.add(col(TradeColumns.PARTNER));
    Dataset<Row> partners = partnerValues.groupBy(partnerKeys.toArray(Column[]::new))
        .agg(Sums.exact(col(TradeColumns.VALUE_USD)).as("_v"),
            max(col(ChainColumns.INSIDE)).as(ChainColumns.INSIDE));
    Column inside = col(ChainColumns.INSIDE);
    WindowSpec group = Window.partitionBy(keyCols);
    Column total = Sums.exact(col("_v"), group);
    Column insideTotal = Sums.exact(when(inside, col("_v")).otherwise(lit(0.0)), group);
    Dataset<Row> shares = partners.withColumn("_total", total).withColumn("_inside_total", insideTotal)
        .withColumn("_share", when(col("_total").gt(0), col("_v").divide(col("_total"))))
        .withColumn("_out_share", when(inside.unary_$bang().and(col("_total").minus(col("_inside_total")).gt(0)),
            col("_v").divide(col("_total").minus(col("_inside_total")))));
    Column share = col("_share");
    Column outShare = col("_out_share");
    Column notInside = inside.unary_$bang();
    Dataset<Row> agg = shares.groupBy(keyCols).agg(
        max(col("_total")).as(ExposureColumns.TOTAL_VALUE_USD),
        max(col("_inside_total")).as(ChainColumns.INSIDE_VALUE_USD),
        count(when(col("_v").gt(0), lit(1))).cast(DataTypes.IntegerType).as(ExposureColumns.SUPPLIER_COUNT),
        Sums.exactUnit(share.multiply(share)).as("_sum_sq"),
        Sums.exactUnit(outShare.multiply(outShare)).as("_sum_sq_out"),
        min(when(col("_v").gt(0), struct(negate(col("_v")).as("v"), col(TradeColumns.PARTNER).as("p")))).as("_top"),
        min(when(notInside.and(col("_v").gt(0)), struct(negate(col("_v")).as("v"), col(TradeColumns.PARTNER).as("p"))))
            .as("_top_out"),
        Sums.exactUnit(when(col(TradeColumns.PARTNER).equalTo(lit(focus)).and(notInside), share)).as("_focus_out"),
        Sums.exactUnit(when(col(TradeColumns.PARTNER).equalTo(lit(focus)), share)).as("_focus"));
    Column t = col(ExposureColumns.TOTAL_VALUE_USD);
    Column in = col(ChainColumns.INSIDE_VALUE_USD);
    Column ok = t.gt(0);
    Column out = t.minus(in);
    Column status = when(ok.unary_$bang(), lit(ExposureColumns.ZERO_TOTAL)).when(out.leq(0), lit(ChainColumns.NO_OUTSIDE))
        .otherwise(lit(ExposureColumns.OK));
    Column outOk = ok.and(out.gt(0));
    List<Column> cols = new ArrayList<>(List.of(keyCols));
    cols.add(t);
    cols.add(col(ExposureColumns.SUPPLIER_COUNT));
    cols.add(when(ok, col("_sum_sq").multiply(10_000)).as(ExposureColumns.HHI_VALUE));
    cols.add(when(ok, col("_top.p")).as(ExposureColumns.TOP1_PARTNER));
    cols.add(when(ok, negate(col("_top.v")).divide(t)).as(ExposureColumns.TOP1_SHARE));
    cols.add(lit(focus).as(ExposureColumns.FOCUS_SUPPLIER));
    cols.add(when(ok, coalesce(col("_focus"), lit(0.0))).as(ExposureColumns.FOCUS_SHARE));
    cols.add(in);
    cols.add(when(ok, in.divide(t)).as(ChainColumns.INSIDE_SHARE));
    cols.add(out.as(ChainColumns.OUTSIDE_VALUE_USD));
    cols.add(when(outOk, col("_sum_sq_out").multiply(10_000)).as(ChainColumns.HHI_OUTSIDE));
    cols.add(when(outOk, col("_top_out.p")).as(ChainColumns.TOP_OUTSIDE_PARTNER));
    cols.add(when(outOk, negate(col("_top_out.v")).divide(t)).as(ChainColumns.TOP_OUTSIDE_SHARE));
    cols.add(when(ok, lit(1.0).minus(in.divide(t)).minus(coalesce(col("_focus_out"), lit(0.0))))
        .as(ChainColumns.OTHERS_SHARE));
    cols.add(status.as(ExposureColumns.STATUS));
    return agg.select(cols.toArray(Column[]::new));
  }
}
