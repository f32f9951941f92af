package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.reference.PartnerKind;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;


/**
 * The exposure pass of {@link Exposure#compute} written as Spark SQL aggregates, a window and joins,
 * for an engine that runs those natively (Apache DataFusion Comet) but not custom row code. Chosen
 * by {@link Exposure#aggregatesPass}; off by default, as it measured slower with and without Comet
 * (docs/accelerator.md).
 *
 * <p>Input and output as {@link Exposure#compute}: the same columns, types and rows. Steps: one
 * aggregate per product and partner (a partner is its code and whether it is the World row: value
 * and weight summed, weight null when any row lacks one, the smallest kind of the partner's rows,
 * which is its only one: a code has one kind); a {@code row_number} window per product (suppliers
 * first by value descending then code, nulls first; World rows after them); the product's
 * aggregates over those rows (totals, counts, sums of squares, top three, focus supplier, World
 * value) joined back for the shares; the share sum joined back last. The product aggregates go on
 * row 1 only, as {@link Exposure#PRODUCT}; sums over no rows are null, as there.
 *
 * <p>Doubles: trade values and weights are never negative (the parse rejects them), so a sum of
 * {@code n} of them in any order is within {@code (n - 1) u} (relative; {@code u = 2^-53}, about
 * 1.1e-16, the unit roundoff) of the exact sum, and two orders agree within twice that: below 1e-12
 * relative up to about 4,500 terms. The terms are a partner's rows (one in BACI, a few in Comtrade)
 * and a product's partners (at most a few hundred); shares and HHI compound two or three such errors.
 * Spark and Comet may add in a different order on each run, and in each of the plan's branches (the
 * two tables are written by two queries), so unlike {@link Exposure#compute}, which adds in a fixed
 * order, re-runs are equal within that tolerance, not to the bit; the manifest notes which pass
 * made each table. {@code ExposureAggregatesTest} holds the two to 1e-12 relative, ranks exactly (two
 * suppliers' summed values could tie differently only within that tolerance).
 */
public final class ExposureAggregates {
  private static final String KNOWN = "_weight_known";
  private static final String WEIGHT = "_weight";
  private static final String SHARE = ExposureColumns.SHARE_VALUE;

  private ExposureAggregates() {}

  public static Dataset<Row> compute(Dataset<Row> flows, String productKey, String focusSupplier) {
    List<String> keys = SupplierShares.keys(productKey);
    // The product key as join keys that are never null (a null month, an annual row, would not
    // match itself in an equi-join, and a null-safe join would shuffle both sides again): each
    // nullable key with a sentinel no parsed value takes, restored at the end.
    StructType in = flows.schema();
    List<String> pk = new ArrayList<>();
    List<Column> base = new ArrayList<>();
    List<Column> restored = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      StructField f = in.apply(keys.get(i));
      Object sentinel = f.dataType().equals(DataTypes.IntegerType) ? (Object) Integer.MIN_VALUE : "\u0000";
      if (f.nullable() && !f.dataType().equals(DataTypes.IntegerType) && !f.dataType().equals(DataTypes.StringType)) {
        throw new IllegalArgumentException("exposure key " + f.name() + " is a nullable " + f.dataType().simpleString()
            + ": only integer and string keys have a null sentinel");
      }
      String k = "_k" + i;
      pk.add(k);
      base.add(f.nullable() ? coalesce(col(f.name()), lit(sentinel).cast(f.dataType())).as(k) : col(f.name()).as(k));
      restored.add(f.nullable() ? when(col(k).notEqual(lit(sentinel)), col(k)).as(f.name()) : col(k).as(f.name()));
    }
    Column kind = col(TradeColumns.PARTNER_KIND);
    Column supplier = kind.isin(PartnerKind.SUPPLIERS.toArray())
        .and(col(TradeColumns.PARTNER).notEqual(col(TradeColumns.REPORTER)));
    Column world = kind.equalTo(PartnerKind.WORLD);
    base.addAll(List.of(col(TradeColumns.PARTNER), coalesce(world, lit(false)).as(Exposure.WORLD), kind,
        col(TradeColumns.VALUE_USD), col(TradeColumns.NET_WEIGHT_KG)));
    Column[] pkCols = pk.stream().map(k -> col(k)).toArray(Column[]::new);
    List<Column> groupCols = new ArrayList<>(List.of(pkCols));
    groupCols.add(col(TradeColumns.PARTNER));
    groupCols.add(col(Exposure.WORLD));
    Dataset<Row> partners = flows.where(supplier.or(world))
        .select(base.toArray(Column[]::new))
        .groupBy(groupCols.toArray(Column[]::new))
        .agg(min(kind).as(TradeColumns.PARTNER_KIND), sum(TradeColumns.VALUE_USD).as(TradeColumns.VALUE_USD),
            sum(TradeColumns.NET_WEIGHT_KG).as(WEIGHT),
            count(TradeColumns.NET_WEIGHT_KG).equalTo(count(lit(1))).as(KNOWN));
    Dataset<Row> ranked = partners.withColumn(Exposure.ROW, row_number().over(Window.partitionBy(pkCols).orderBy(
        col(Exposure.WORLD).asc(), col(TradeColumns.VALUE_USD).desc(), col(TradeColumns.PARTNER).asc_nulls_first())));

    Column sup = col(Exposure.WORLD).unary_$bang();
    Column known = sup.and(col(KNOWN));
    Column focus = sup.and(col(TradeColumns.PARTNER).equalTo(lit(focusSupplier)));
    Column value = col(TradeColumns.VALUE_USD);
    Column weight = col(WEIGHT);
    Map<String, Column> agg = new LinkedHashMap<>();
    agg.put(Exposure.TOTAL_VALUE, sum(when(sup, value)));
    agg.put(Exposure.TOTAL_WEIGHT, sum(when(known, weight)));
    agg.put(Exposure.SUPPLIERS, count(when(sup, lit(1))));
    agg.put(Exposure.SUPPLIERS_WITH_VALUE, count(when(sup.and(value.gt(0)), lit(1))));
    agg.put(Exposure.WEIGHTLESS, count(when(sup.and(col(KNOWN).unary_$bang()), lit(1))));
    agg.put(Exposure.SUM_SQ_VALUE, sum(when(sup, value.multiply(value))));
    agg.put(Exposure.SUM_SQ_WEIGHT, sum(when(known, weight.multiply(weight))));
    agg.put(Exposure.TOP3_VALUE, sum(when(sup.and(col(Exposure.ROW).leq(3)), value)));
    agg.put(Exposure.FOCUS_VALUE, sum(when(focus, value)));
    agg.put(Exposure.FOCUS_WEIGHT, sum(when(focus.and(col(KNOWN)), weight)));
    agg.put(Exposure.FOCUS_ROWS, count(when(focus, lit(1))));
    agg.put(Exposure.WORLD_VALUE, sum(when(col(Exposure.WORLD), value)));
    // Counts are doubles in the aggregates array, as Exposure#aggregate reads them.
    List<Column> aggCols = new ArrayList<>();
    agg.forEach((name, a) -> aggCols.add(a.cast(DataTypes.DoubleType).as(name)));
    Dataset<Row> product = ranked.groupBy(pkCols).agg(aggCols.get(0), aggCols.subList(1, aggCols.size())
        .toArray(Column[]::new));

    Column total = col(Exposure.TOTAL_VALUE);
    Column totalWeight = col(Exposure.TOTAL_WEIGHT);
    String[] on = pk.toArray(String[]::new);
    Dataset<Row> shares = ranked.join(product, on)
        .withColumn(SHARE, when(sup.and(total.gt(0)), value.divide(total)))
        .withColumn(ExposureColumns.SHARE_WEIGHT, when(known.and(totalWeight.gt(0)), weight.divide(totalWeight)));
    Dataset<Row> shareSums = shares.groupBy(pkCols).agg(sum(SHARE).as(Exposure.SHARE_SUM));

    List<Column> out = new ArrayList<>(restored);
    Column partner = col(TradeColumns.PARTNER);
    out.add(when(partner.isNotNull(), partner).as(TradeColumns.PARTNER)); // nullable, as Exposure#schema says
    out.add(col(TradeColumns.PARTNER_KIND));
    out.add(value);
    out.add(when(col(KNOWN), weight).as(TradeColumns.NET_WEIGHT_KG));
    out.add(col(Exposure.WORLD));
    out.add(col(Exposure.ROW));
    out.add(col(SHARE));
    out.add(col(ExposureColumns.SHARE_WEIGHT));
    out.add(when(col(Exposure.ROW).equalTo(1),
        array(Exposure.PRODUCT_AGGREGATES.stream().map(a -> col(a)).toArray(Column[]::new))).as(Exposure.PRODUCT));
    return shares.join(shareSums, on).select(out.toArray(Column[]::new));
  }
}
