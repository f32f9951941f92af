package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.reference.CommodityGroups;
import io.chokepoint.schema.ChainColumns;
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
import org.apache.spark.sql.functions;

/**
 * Puts each parsed trade row in or out of the job's scope.
 *
 * <p>Input: {@link io.chokepoint.ingest.TradeRowParser} output. Output: the same columns plus
 * {@code commodity_group} and {@code stage} (null when the HS code is in no group, and always when
 * grouping by HS code or stage), {@link #MATERIAL_STAGES} (when grouping by stage: the material
 * stages the code's first six digits stand for, {@code material/stage}, one for most codes, two for
 * a code the stage reference gives two materials; null when it gives none) and
 * {@link RowStatus#STATUS}; {@link RowStatus#FILTER_REASON} gains, for parsed rows, the first of
 * {@code frequency_not_in_scope}, {@code year_not_in_scope}, {@code flow_not_in_scope},
 * {@code reporter_not_in_scope}, {@code hs_code_in_no_group} (grouping by commodity group),
 * {@code hs_code_in_no_stage} (grouping by stage). Rejected rows keep a null filter reason. A row
 * is never duplicated here (the counts of rows read, used and filtered hold): the exposure step
 * counts a row of a two-material code once for each material ({@link #productRows}).
 */
public final class TradeScope {
  public static final String FREQUENCY = "frequency_not_in_scope";
  public static final String YEAR = "year_not_in_scope";
  public static final String FLOW = "flow_not_in_scope";
  public static final String REPORTER = "reporter_not_in_scope";
  public static final String NO_GROUP = "hs_code_in_no_group";
  public static final String NO_STAGE = "hs_code_in_no_stage";
  /** Every filter reason the scope gives. */
  public static final List<String> REASONS = List.of(FREQUENCY, YEAR, FLOW, REPORTER, NO_GROUP, NO_STAGE);
  /** The material stages of a row's code, when grouping by stage (an array, see the class comment). */
  public static final String MATERIAL_STAGES = "_material_stages";

  private TradeScope() {}

  /** The same without a stage reference: grouping by commodity group or HS code. */
  public static Dataset<Row> apply(Dataset<Row> parsed, Dataset<Row> groups, List<String> prefixLengths, TradeParams p) {
    return apply(parsed, groups, prefixLengths, null, p);
  }

  /**
   * @param groups the commodity groups table (grouping by commodity group)
   * @param stageCodes hs6, material, stage of {@link io.chokepoint.reference.StageReference#codes}
   *     (grouping by stage; else unused)
   */
  public static Dataset<Row> apply(Dataset<Row> parsed, Dataset<Row> groups, List<String> prefixLengths,
      Dataset<Row> stageCodes, TradeParams p) {
    Dataset<Row> withGroups = TradeParams.BY_GROUP.equals(p.groupBy()) ? assignGroups(parsed, groups, prefixLengths)
        : parsed.withColumn(ExposureColumns.COMMODITY_GROUP, lit(null).cast("string"))
            .withColumn(ExposureColumns.STAGE, lit(null).cast("string"));
    boolean byStage = TradeParams.BY_STAGE.equals(p.groupBy());
    if (byStage) {
      withGroups = assignStages(withGroups, stageCodes);
    }
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
    if (byStage) {
      outOfScope = outOfScope.when(col(MATERIAL_STAGES).isNull(), lit(NO_STAGE));
    }
    Column rejected = col(RowStatus.REJECT_REASON).isNotNull();
    Column filter = when(rejected, lit(null).cast("string")).otherwise(coalesce(col(RowStatus.FILTER_REASON), outOfScope));
    return withGroups
        .withColumn(RowStatus.FILTER_REASON, filter)
        .withColumn(RowStatus.STATUS, RowStatus.derive());
  }

  /**
   * Adds {@link #MATERIAL_STAGES}: the {@code material/stage} values of the code's first six digits
   * (one broadcast equi-join against the codes, aggregated to one row per code first).
   */
  public static Dataset<Row> assignStages(Dataset<Row> rows, Dataset<Row> stageCodes) {
    Dataset<Row> byCode = stageCodes.groupBy(col(ChainColumns.HS6).as("_stage_hs6"))
        .agg(functions.array_sort(functions.collect_set(functions.concat_ws("/", col(ChainColumns.MATERIAL),
            col(ChainColumns.STAGE)))).as(MATERIAL_STAGES));
    return rows.join(broadcast(byCode), substring(col(TradeColumns.HS_CODE), 1, 6).equalTo(col("_stage_hs6")), "left")
        .drop("_stage_hs6");
  }

  /**
   * The rows the exposure pass reads when grouping by stage: one per material stage of the row's
   * code ({@link #MATERIAL_STAGES} exploded into {@code material_stage}), so a code the reference
   * gives two materials is counted for each, as the reference puts it; other groupings as they are.
   */
  public static Dataset<Row> productRows(Dataset<Row> used, TradeParams p) {
    return TradeParams.BY_STAGE.equals(p.groupBy())
        ? used.withColumn(ChainColumns.MATERIAL_STAGE, functions.explode(col(MATERIAL_STAGES)))
        : used;
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
