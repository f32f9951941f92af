package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.reference.CommodityGroups;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.TradeParams;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Puts each parsed trade row in or out of the job's scope.
 *
 * <p>Input: {@link io.chokepoint.ingest.TradeRowParser} output. Output: the same columns plus
 * {@code commodity_group} and {@code stage} (null when the HS code is in no group, and always when
 * grouping by HS code, which needs no lookup) and
 * {@link RowStatus#STATUS}; {@link RowStatus#FILTER_REASON} gains, for parsed rows, the first of
 * {@code frequency_not_in_scope}, {@code year_not_in_scope}, {@code flow_not_in_scope},
 * {@code reporter_not_in_scope}, {@code hs_code_in_no_group} (the last only when grouping by
 * commodity group). Rejected rows keep a null filter reason.
 */
public final class TradeScope {
  public static final String FREQUENCY = "frequency_not_in_scope";
  public static final String YEAR = "year_not_in_scope";
  public static final String FLOW = "flow_not_in_scope";
  public static final String REPORTER = "reporter_not_in_scope";
  public static final String NO_GROUP = "hs_code_in_no_group";
  /** Every filter reason the scope gives. */
  public static final List<String> REASONS = List.of(FREQUENCY, YEAR, FLOW, REPORTER, NO_GROUP);

  private TradeScope() {}

  public static Dataset<Row> apply(Dataset<Row> parsed, Dataset<Row> groups, List<String> prefixLengths, TradeParams p) {
    Dataset<Row> withGroups = TradeParams.BY_GROUP.equals(p.groupBy()) ? assignGroups(parsed, groups, prefixLengths)
        : parsed.withColumn(ExposureColumns.COMMODITY_GROUP, lit(null).cast("string"))
            .withColumn(ExposureColumns.STAGE, lit(null).cast("string"));
    Column month = col(TradeColumns.MONTH);
    Column year = col(TradeColumns.YEAR);
    Column outOfScope = when(TradeParams.ANNUAL.equals(p.frequency()) ? month.isNotNull() : month.isNull(), lit(FREQUENCY));
    if (p.yearFrom() != null) {
      outOfScope = outOfScope.when(year.lt(p.yearFrom()), lit(YEAR));
    }
    if (p.yearTo() != null) {
      outOfScope = outOfScope.when(year.gt(p.yearTo()), lit(YEAR));
    }
    outOfScope = outOfScope.when(col(TradeColumns.FLOW).isin(p.flows().toArray()).unary_$bang(), lit(FLOW));
    if (p.reporters() != null) {
      outOfScope = outOfScope.when(col(TradeColumns.REPORTER).isin(p.reporters().toArray()).unary_$bang(), lit(REPORTER));
    }
    if (TradeParams.BY_GROUP.equals(p.groupBy())) {
      outOfScope = outOfScope.when(col(ExposureColumns.COMMODITY_GROUP).isNull(), lit(NO_GROUP));
    }
    Column rejected = col(RowStatus.REJECT_REASON).isNotNull();
    Column filter = when(rejected, lit(null).cast("string")).otherwise(coalesce(col(RowStatus.FILTER_REASON), outOfScope));
    return withGroups
        .withColumn(RowStatus.FILTER_REASON, filter)
        .withColumn(RowStatus.STATUS, RowStatus.derive());
  }

  /** The distinct prefix lengths of a groups table, e.g. [4, 6]: one equi-join per length. */
  public static List<String> prefixLengths(CommodityGroups groups) {
    TreeSet<Integer> lengths = new TreeSet<>();
    groups.entries().forEach(e -> lengths.add(e.hsPrefix().length()));
    List<String> out = new ArrayList<>();
    lengths.forEach(l -> out.add(String.valueOf(l)));
    return out;
  }

  /**
   * Adds {@code commodity_group} and {@code stage} by HS prefix: one broadcast equi-join per prefix
   * length (prefixes never overlap, so at most one matches).
   */
  static Dataset<Row> assignGroups(Dataset<Row> rows, Dataset<Row> groups, List<String> prefixLengths) {
    Dataset<Row> out = rows;
    List<Column> groupCols = new ArrayList<>();
    List<Column> stageCols = new ArrayList<>();
    for (String len : prefixLengths) {
      int l = Integer.parseInt(len);
      String g = "_g" + l;
      String s = "_s" + l;
      String k = "_k" + l;
      Dataset<Row> byLength = groups.where(length(col(CommodityGroups.PREFIX)).equalTo(l))
          .select(col(CommodityGroups.PREFIX).as(k), col(CommodityGroups.GROUP).as(g), col(CommodityGroups.STAGE).as(s));
      out = out.join(broadcast(byLength), substring(col(TradeColumns.HS_CODE), 1, l).equalTo(col(k)), "left").drop(k);
      groupCols.add(col(g));
      stageCols.add(col(s));
    }
    Column group = groupCols.isEmpty() ? lit(null).cast("string") : coalesce(groupCols.toArray(Column[]::new));
    Column stage = stageCols.isEmpty() ? lit(null).cast("string") : coalesce(stageCols.toArray(Column[]::new));
    out = out.withColumn(ExposureColumns.COMMODITY_GROUP, group).withColumn(ExposureColumns.STAGE, stage);
    for (String len : prefixLengths) {
      out = out.drop("_g" + len, "_s" + len);
    }
    return out;
  }
}
