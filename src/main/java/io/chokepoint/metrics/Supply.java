package io.chokepoint.metrics;

import static io.chokepoint.schema.SupplyColumns.COUNTRY;
import static io.chokepoint.schema.SupplyColumns.COUNTRY_ISO3;
import static io.chokepoint.schema.SupplyColumns.COUNTRY_KIND;
import static io.chokepoint.schema.SupplyColumns.DESTINATION;
import static io.chokepoint.schema.SupplyColumns.EXPORTER;
import static io.chokepoint.schema.SupplyColumns.MONTH;
import static io.chokepoint.schema.SupplyColumns.PRODUCT_GROUP;
import static io.chokepoint.schema.SupplyColumns.PRODUCTION;
import static io.chokepoint.schema.SupplyColumns.QUANTITY_KG;
import static io.chokepoint.schema.SupplyColumns.VALUE_USD;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import io.chokepoint.schema.SupplyColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/** The supplier's view: where exports go, what happened after export controls, who produces. */
public final class Supply {
  public static final String INSUFFICIENT_DATA = "insufficient_data";
  /** Status of a production group whose reported world total is below the sum of its countries. */
  public static final String WORLD_TOTAL_BELOW_SUM = "world_total_below_sum";
  /** How far (as a fraction) a world total may fall below the sum of its parts through rounding. */
  static final double WORLD_TOTAL_TOLERANCE = 0.02;

  private Supply() {}

  static Column monthIndex(Column month) {
    return year(month).multiply(12).plus(month(month));
  }

  /**
   * Input: export rows (month, exporter_iso3, product_group, destination_iso3, value_usd,
   * quantity_kg). Output, one row per month, exporter, product_group and destination: value_usd,
   * quantity_kg (null when any of its rows has none), unit_value_usd_per_kg (null when quantity is
   * null or 0), share_value and share_quantity of the exporter's total to the destinations in the
   * data (null when that total is 0), yoy_value_pct and yoy_quantity_pct (against the same month a
   * year before; null without it or when it was 0), rolling_3m_value_usd and
   * rolling_3m_quantity_kg (mean of this and the two months before; null unless all three are
   * present).
   */
  public static Dataset<Row> exportDestinations(Dataset<Row> exports) {
    Dataset<Row> agg = exports.groupBy(MONTH, EXPORTER, PRODUCT_GROUP, DESTINATION).agg(
        sum(VALUE_USD).as(VALUE_USD),
        when(count(when(col(QUANTITY_KG).isNull(), lit(1))).equalTo(0), sum(QUANTITY_KG)).as(QUANTITY_KG));
    WindowSpec total = Window.partitionBy(MONTH, EXPORTER, PRODUCT_GROUP);
    WindowSpec dest = Window.partitionBy(EXPORTER, PRODUCT_GROUP, DESTINATION).orderBy(monthIndex(col(MONTH)));
    Column v = col(VALUE_USD);
    Column q = col(QUANTITY_KG);
    Column totalV = sum(v).over(total);
    Column totalQ = sum(q).over(total);
    Column vYearAgo = first(v).over(dest.rangeBetween(-12, -12));
    Column qYearAgo = first(q).over(dest.rangeBetween(-12, -12));
    WindowSpec three = dest.rangeBetween(-2, 0);
    return agg.select(col(MONTH), col(EXPORTER), col(PRODUCT_GROUP), col(DESTINATION), v, q,
        when(q.gt(0), v.divide(q)).as("unit_value_usd_per_kg"),
        when(totalV.gt(0), v.divide(totalV)).as("share_value"),
        when(totalQ.gt(0), q.divide(totalQ)).as("share_quantity"),
        when(vYearAgo.gt(0), v.divide(vYearAgo).minus(1).multiply(100)).as("yoy_value_pct"),
        when(qYearAgo.gt(0), q.divide(qYearAgo).minus(1).multiply(100)).as("yoy_quantity_pct"),
        when(count(v).over(three).equalTo(3), avg(v).over(three)).as("rolling_3m_value_usd"),
        when(count(q).over(three).equalTo(3), avg(q).over(three)).as("rolling_3m_quantity_kg"));
  }

  /**
   * Input: {@link #exportDestinations} output. Output per month, exporter and product_group:
   * total_value_usd, destination_count, destination_hhi (0–10,000, by value; null when the total is
   * 0), top_destination_iso3 and top_destination_share.
   */
  public static Dataset<Row> exportConcentration(Dataset<Row> destinations) {
    Column share = col("share_value");
    return destinations.groupBy(MONTH, EXPORTER, PRODUCT_GROUP).agg(
        sum(VALUE_USD).as("total_value_usd"),
        count(lit(1)).cast(DataTypes.IntegerType).as("destination_count"),
        sum(share.multiply(share)).multiply(10_000).as("destination_hhi"),
        max_by(col(DESTINATION), col(VALUE_USD)).as("top_destination_iso3"),
        max(share).as("top_destination_share"))
        .withColumn("top_destination_iso3", when(col("destination_hhi").isNotNull(), col("top_destination_iso3")));
  }

  /**
   * Exports before and after each export-control event. Input: {@link #exportDestinations} output
   * and events (event_date, imposing_iso3, target, product_groups, measure, source). An event applies
   * to the imposing country's exports of each of its product groups, to its target (or, for ALL, to
   * every destination in the data). Output per event, destination and product group: the mean
   * monthly value_usd and quantity_kg over the {@code n} months before the event's month and the
   * {@code n} months after it (the event's own month is in neither), months_before and
   * months_after observed, value_change_pct and quantity_change_pct, and status:
   * {@code insufficient_data} when either window has fewer than {@code n} months (changes null),
   * {@code zero_before} when the before mean is 0 (changes null), else {@code ok}.
   */
  public static Dataset<Row> eventWindows(Dataset<Row> destinations, Dataset<Row> events, int n) {
    Dataset<Row> ev = events.select(col(SupplyColumns.EVENT_DATE), col(SupplyColumns.IMPOSING), col(SupplyColumns.TARGET),
        col(SupplyColumns.MEASURE), col(SupplyColumns.SOURCE), explode(col("product_groups")).as("event_group"))
        .withColumn("_event_index", monthIndex(col(SupplyColumns.EVENT_DATE)));
    Dataset<Row> pairs = destinations.select(col(EXPORTER).as("_p_exporter"), col(PRODUCT_GROUP).as("_p_group"),
        col(DESTINATION).as("_p_dest")).distinct();
    Dataset<Row> toAll = ev.where(col(SupplyColumns.TARGET).equalTo(SupplyColumns.ALL_TARGETS))
        .join(pairs, col(SupplyColumns.IMPOSING).equalTo(col("_p_exporter"))
            .and(col("event_group").equalTo(col("_p_group"))))
        .select(col("*"), col("_p_dest").as(DESTINATION)).drop("_p_exporter", "_p_group", "_p_dest");
    Dataset<Row> toOne = ev.where(col(SupplyColumns.TARGET).notEqual(SupplyColumns.ALL_TARGETS))
        .withColumn(DESTINATION, col(SupplyColumns.TARGET));
    Dataset<Row> eventPairs = toAll.unionByName(toOne);

    Dataset<Row> d = destinations.select(col(EXPORTER).as("_d_exporter"), col(PRODUCT_GROUP).as("_d_group"),
        col(DESTINATION).as("_d_dest"), monthIndex(col(MONTH)).as("_d_index"), col(VALUE_USD).as("_d_value"),
        col(QUANTITY_KG).as("_d_qty"));
    Column offset = col("_d_index").minus(col("_event_index"));
    Dataset<Row> joined = eventPairs.join(d, col(SupplyColumns.IMPOSING).equalTo(col("_d_exporter"))
        .and(col("event_group").equalTo(col("_d_group"))).and(col(DESTINATION).equalTo(col("_d_dest")))
        .and(offset.between(-n, -1).or(offset.between(1, n))), "left");
    Column before = offset.lt(0);
    Column after = offset.gt(0);
    Dataset<Row> agg = joined.groupBy(col(SupplyColumns.EVENT_DATE), col(SupplyColumns.IMPOSING),
            col(SupplyColumns.TARGET), col(SupplyColumns.MEASURE), col(SupplyColumns.SOURCE),
            col("event_group").as(PRODUCT_GROUP), col(DESTINATION))
        .agg(count(when(before, lit(1))).cast(DataTypes.IntegerType).as("months_before"),
            count(when(after, lit(1))).cast(DataTypes.IntegerType).as("months_after"),
            avg(when(before, col("_d_value"))).as("value_before_usd"),
            avg(when(after, col("_d_value"))).as("value_after_usd"),
            avg(when(before, col("_d_qty"))).as("quantity_before_kg"),
            avg(when(after, col("_d_qty"))).as("quantity_after_kg"));
    Column status = when(col("months_before").lt(n).or(col("months_after").lt(n)), lit(INSUFFICIENT_DATA))
        .when(col("value_before_usd").equalTo(0), lit("zero_before"))
        .otherwise(lit("ok"));
    Column ok = status.equalTo("ok");
    return agg.withColumn("window_months", lit(n))
        .withColumn("value_change_pct", when(ok, col("value_after_usd").divide(col("value_before_usd")).minus(1)
            .multiply(100)))
        .withColumn("quantity_change_pct", when(ok.and(col("quantity_before_kg").gt(0)),
            col("quantity_after_kg").divide(col("quantity_before_kg")).minus(1).multiply(100)))
        .withColumn("status", status);
  }

  /**
   * Input: production rows ({@link io.chokepoint.ingest.ProductionReader}). Rows of one country in
   * one data_source, commodity, stage, unit and year are summed (units are never mixed). Output per
   * such row: production, share of the denominator, and for its commodity-stage-year: denominator
   * (the reported world total when there is one, else the sum of countries and residual rows),
   * denominator_kind ({@code world_total} or {@code sum_of_countries}), denominator_censored ({@code >}
 * when the world total is a lower bound, so shares are upper bounds), hhi (0–10,000, over
   * countries only: residual rows such as "Other countries" count in the denominator but are not a
   * country), top1_country_iso3, top1_share, top3_share, focus_country, focus_share (0 when absent),
   * status ({@code ok}; {@code no_denominator} with null shares when it is missing or 0;
   * {@code world_total_below_sum} when the reported world total is more than 2% below the sum of
   * the countries and residual rows — a source typo such as USGS's 4,400 for 44,400 — and the sum
   * is the denominator instead). The world-total row itself is kept with share 1 when it is the
   * denominator.
   */
  public static Dataset<Row> productionConcentration(Dataset<Row> production, String focus) {
    List<String> keys = List.of(SupplyColumns.DATA_SOURCE, SupplyColumns.COMMODITY, SupplyColumns.STAGE,
        SupplyColumns.UNIT, SupplyColumns.YEAR);
    Column[] keyCols = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    Dataset<Row> rows = production.groupBy(col(keys.get(0)), col(keys.get(1)), col(keys.get(2)), col(keys.get(3)),
            col(keys.get(4)), col(COUNTRY_KIND), coalesce(col(COUNTRY_ISO3), lit("")).as("_iso"))
        .agg(first(COUNTRY).as(COUNTRY), sum(PRODUCTION).as(PRODUCTION),
            max(col(SupplyColumns.CENSORED)).as(SupplyColumns.CENSORED))
        .withColumn(COUNTRY_ISO3, when(col("_iso").notEqual(""), col("_iso"))).drop("_iso");
    WindowSpec group = Window.partitionBy(keyCols);
    Column isCountry = col(COUNTRY_KIND).equalTo(SupplyColumns.KIND_COUNTRY);
    Column world = max(when(col(COUNTRY_KIND).equalTo(SupplyColumns.KIND_WORLD), col(PRODUCTION))).over(group);
    Column sumAll = sum(when(col(COUNTRY_KIND).notEqual(SupplyColumns.KIND_WORLD), col(PRODUCTION))).over(group);
    // A reported world total below the sum of its parts (beyond rounding) is wrong: the sum is used.
    Column totalBelowSum = world.lt(sumAll.multiply(1 - WORLD_TOTAL_TOLERANCE));
    Column useWorld = world.isNotNull().and(coalesce(totalBelowSum, lit(false)).unary_$bang());
    Dataset<Row> withDen = rows
        .withColumn("_below_sum", coalesce(totalBelowSum, lit(false)))
        .withColumn("denominator", when(useWorld, world).otherwise(sumAll))
        .withColumn("denominator_kind", when(useWorld, lit("world_total")).otherwise(lit("sum_of_countries")))
        .withColumn("denominator_censored", when(useWorld, max(when(col(COUNTRY_KIND)
            .equalTo(SupplyColumns.KIND_WORLD), col(SupplyColumns.CENSORED))).over(group)));
    Column ok = col("denominator").gt(0);
    Column share = when(ok, col(PRODUCTION).divide(col("denominator")));
    Dataset<Row> withShare = withDen.withColumn("share", share)
        .withColumn("_country_rank", when(isCountry, row_number().over(Window.partitionBy(keyCols)
            .orderBy(isCountry.desc(), col(PRODUCTION).desc_nulls_last(), col(COUNTRY_ISO3)))));
    Column countryShare = when(isCountry, col("share"));
    return withShare
        .withColumn("hhi", when(ok, sum(countryShare.multiply(countryShare)).over(group).multiply(10_000)))
        .withColumn("top1_country_iso3", when(ok, max(when(col("_country_rank").equalTo(1), col(COUNTRY_ISO3)))
            .over(group)))
        .withColumn("top1_share", when(ok, max(when(col("_country_rank").equalTo(1), countryShare)).over(group)))
        .withColumn("top3_share", when(ok, sum(when(col("_country_rank").leq(3), countryShare)).over(group)))
        .withColumn("focus_country", lit(focus))
        .withColumn("focus_share", when(ok, coalesce(sum(when(col(COUNTRY_ISO3).equalTo(focus).and(isCountry),
            countryShare)).over(group), lit(0.0))))
        .withColumn("status", when(ok.unary_$bang(), lit("no_denominator")).when(col("_below_sum"), lit(WORLD_TOTAL_BELOW_SUM))
            .otherwise(lit("ok")))
        .drop("_country_rank", "_below_sum");
  }
}
