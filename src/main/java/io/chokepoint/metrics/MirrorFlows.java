package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.reference.PartnerKind;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.MirrorColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.MirrorParams;
import io.chokepoint.spec.TradeParams;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Both sides of each bilateral flow: the importer's report of its imports beside the partner's
 * report of its exports to that importer, for the same year, month, HS code (see
 * docs/trade-truth.md).
 */
public final class MirrorFlows {
  /**
   * Filter reasons of rows that are out of the exposure scope only for their flow or their
   * reporter: the partners' export rows among them are the other side of a pair.
   */
  public static final List<String> SIDE_REASONS = List.of(TradeScope.FLOW, TradeScope.REPORTER);
  /** The key of a pair, in output order. */
  public static final List<String> KEYS = List.of(TradeColumns.YEAR, TradeColumns.MONTH, MirrorColumns.IMPORTER,
      MirrorColumns.EXPORTER, TradeColumns.HS_CODE, ExposureColumns.COMMODITY_GROUP, ExposureColumns.STAGE);
  private static final String SIDE = "_side";
  private static final String IMPORTS = "M";
  private static final String EXPORTS = "X";
  /** A row of a source that reconciled both sides already (BACI): one value per flow, nothing to compare. */
  private static final String RECONCILED = "R";
  /** Source formats whose rows are reconciled flows, not one side's report. */
  public static final List<String> RECONCILED_SOURCES = List.of(Formats.BACI);

  private static final String SOURCE_VALUE = "_source_value";
  private static final String SOURCE_WEIGHT = "_source_weight";

  private MirrorFlows() {}

  /** {@link #pairs} of {@link #sides}. */
  public static Dataset<Row> of(Dataset<Row> scoped, TradeParams trade, MirrorParams mirror) {
    return pairs(sides(scoped, trade), mirror);
  }

  /**
   * The rows that are one side of a pair.
   *
   * <p>Input: every parsed trade row with its status, as {@link TradeScope#apply} leaves them (the
   * canonical columns, {@code commodity_group}, {@code stage}, {@link RowStatus#FILTER_REASON},
   * {@link RowStatus#STATUS}). Kept: rows that are used, or filtered for a reason of
   * {@link #SIDE_REASONS} only, of the job's frequency and years, with a product under
   * {@code group_by}, whose partner is a country other than the reporter; of those, the imports of
   * reporters in scope (the importer's side) and the exports to partners that are reporters in
   * scope (the exporter's side). Rejected rows and rows filtered for any other reason never count.
   *
   * <p>Output: {@link #KEYS}, {@code _side} ({@code M} or {@code X}), value_usd and net_weight_kg
   * (null when not reported).
   */
  public static Dataset<Row> sides(Dataset<Row> scoped, TradeParams p) {
    Column status = col(RowStatus.STATUS);
    Column eligible = status.equalTo(RowStatus.USED)
        .or(status.equalTo(RowStatus.FILTERED).and(col(RowStatus.FILTER_REASON).isin(SIDE_REASONS.toArray())));
    // Frequency and years need no test here: the scope gives a row its first reason in the order
    // frequency, years, flow, reporter (TradeScope#apply), so a row filtered for its flow or its
    // reporter is of the job's frequency and years. Its product is tested: that reason comes later.
    Column inScope = eligible.and(col(p.groupBy()).isNotNull())
        .and(col(TradeColumns.PARTNER_KIND).equalTo(PartnerKind.COUNTRY))
        .and(col(TradeColumns.PARTNER).notEqual(col(TradeColumns.REPORTER)));
    Column flow = col(TradeColumns.FLOW);
    Column imports = flow.equalTo(TradeColumns.IMPORT).and(inReporters(col(TradeColumns.REPORTER), p));
    Column exports = flow.equalTo(TradeColumns.EXPORT).and(inReporters(col(TradeColumns.PARTNER), p));
    Dataset<Row> rows = scoped.where(inScope.and(imports.or(exports)));
    return rows.select(col(TradeColumns.YEAR), col(TradeColumns.MONTH),
        when(imports, col(TradeColumns.REPORTER)).otherwise(col(TradeColumns.PARTNER)).as(MirrorColumns.IMPORTER),
        when(imports, col(TradeColumns.PARTNER)).otherwise(col(TradeColumns.REPORTER)).as(MirrorColumns.EXPORTER),
        col(TradeColumns.HS_CODE), col(ExposureColumns.COMMODITY_GROUP), col(ExposureColumns.STAGE),
        when(col(TradeColumns.SOURCE_FORMAT).isin(RECONCILED_SOURCES.toArray()), lit(RECONCILED))
            .when(imports, lit(IMPORTS)).otherwise(lit(EXPORTS)).as(SIDE),
        col(TradeColumns.VALUE_USD), col(TradeColumns.NET_WEIGHT_KG));
  }

  private static Column inReporters(Column c, TradeParams p) {
    return p.reporters() == null ? lit(true) : c.isin(p.reporters().toArray());
  }

  /**
   * One row per pair: both sides summed over their rows, compared and reconciled.
   *
   * <p>Input: {@link #sides}. Output: {@link #KEYS}, then importer_value_usd and
   * exporter_value_usd (null when that side does not report the flow), cif_fob_ratio (importer /
   * exporter value; null unless both report and the exporter's value is above 0),
   * value_discrepancy (|X − M| / (X + M); null unless both report and the sum is above 0),
   * importer_net_weight_kg and exporter_net_weight_kg (null when that side reports no rows, or any
   * of its rows lacks a weight), weight_discrepancy (as for values), class ({@code importer_only},
   * {@code exporter_only}; else {@code weights_differ} when the weight discrepancy is above the
   * weight tolerance, {@code values_differ} when the value discrepancy is above the value
   * tolerance, {@code agree}; a pair without two weights is classed on values alone),
   * value_status and weight_status ({@code ok}, {@code one_side}, {@code zero}; weights also
   * {@code missing}), reconciled_value_usd (the importer's value where it reports, else the
   * exporter's times the CIF factor), reconciled_net_weight_kg (the importer's weight where it
   * reports, else the exporter's) and reconciled_from. Nothing is overwritten: both sides stay.
   * A flow only a reconciling source (BACI) gives has null sides, ratio, discrepancies and class,
   * both statuses {@code reconciled_by_source}, and the source's value and weight as reconciled
   * ({@code reconciled_from} {@code source}).
   */
  public static Dataset<Row> pairs(Dataset<Row> sides, MirrorParams m) {
    Column isM = col(SIDE).equalTo(IMPORTS);
    Column isX = col(SIDE).equalTo(EXPORTS);
    Column isR = col(SIDE).equalTo(RECONCILED);
    Column v = col(TradeColumns.VALUE_USD);
    Column w = col(TradeColumns.NET_WEIGHT_KG);
    Dataset<Row> summed = sides.groupBy(KEYS.stream().map(k -> col(k)).toArray(Column[]::new)).agg(
        sum(when(isM, v)).as(MirrorColumns.IMPORTER_VALUE),
        sum(when(isX, v)).as(MirrorColumns.EXPORTER_VALUE),
        weight(isM, w).as(MirrorColumns.IMPORTER_WEIGHT),
        weight(isX, w).as(MirrorColumns.EXPORTER_WEIGHT),
        sum(when(isR, v)).as(SOURCE_VALUE), weight(isR, w).as(SOURCE_WEIGHT));
    Column mv = col(MirrorColumns.IMPORTER_VALUE);
    Column xv = col(MirrorColumns.EXPORTER_VALUE);
    Column mw = col(MirrorColumns.IMPORTER_WEIGHT);
    Column xw = col(MirrorColumns.EXPORTER_WEIGHT);
    Column both = mv.isNotNull().and(xv.isNotNull());
    Column bySource = mv.isNull().and(xv.isNull());
    Column bothWeights = both.and(mw.isNotNull()).and(xw.isNotNull());
    Column valueDiscrepancy = discrepancy(both, mv, xv);
    Column weightDiscrepancy = discrepancy(bothWeights, mw, xw);
    Column klass = when(bySource, lit(null).cast("string"))
        .when(xv.isNull(), lit(MirrorColumns.IMPORTER_ONLY))
        .when(mv.isNull(), lit(MirrorColumns.EXPORTER_ONLY))
        .when(weightDiscrepancy.gt(m.weightTolerance()), lit(MirrorColumns.WEIGHTS_DIFFER))
        .when(valueDiscrepancy.gt(m.valueTolerance()), lit(MirrorColumns.VALUES_DIFFER))
        .otherwise(lit(MirrorColumns.AGREE));
    List<Column> out = new java.util.ArrayList<>(KEYS.stream().map(k -> col(k)).toList());
    out.addAll(List.of(mv, xv,
        when(both.and(xv.gt(0)), mv.divide(xv)).as(MirrorColumns.CIF_FOB_RATIO),
        valueDiscrepancy.as(MirrorColumns.VALUE_DISCREPANCY),
        mw, xw,
        weightDiscrepancy.as(MirrorColumns.WEIGHT_DISCREPANCY),
        klass.as(MirrorColumns.CLASS),
        when(bySource, lit(MirrorColumns.RECONCILED_BY_SOURCE)).when(both.unary_$bang(), lit(MirrorColumns.ONE_SIDE))
            .when(xv.equalTo(0), lit(MirrorColumns.ZERO)).otherwise(lit(MirrorColumns.OK)).as(MirrorColumns.VALUE_STATUS),
        when(bySource, lit(MirrorColumns.RECONCILED_BY_SOURCE)).when(both.unary_$bang(), lit(MirrorColumns.ONE_SIDE))
            .when(bothWeights.unary_$bang(), lit(MirrorColumns.MISSING))
            .when(mw.plus(xw).equalTo(0), lit(MirrorColumns.ZERO)).otherwise(lit(MirrorColumns.OK))
            .as(MirrorColumns.WEIGHT_STATUS),
        when(bySource, col(SOURCE_VALUE)).when(mv.isNotNull(), mv).otherwise(xv.multiply(m.cifFactor()))
            .as(MirrorColumns.RECONCILED_VALUE),
        when(bySource, col(SOURCE_WEIGHT)).when(mv.isNotNull(), mw).otherwise(xw).as(MirrorColumns.RECONCILED_WEIGHT),
        when(bySource, lit(MirrorColumns.FROM_SOURCE)).when(mv.isNotNull(), lit(MirrorColumns.FROM_IMPORTER))
            .otherwise(lit(MirrorColumns.FROM_EXPORTER)).as(MirrorColumns.RECONCILED_FROM)));
    return summed.select(out.toArray(Column[]::new));
  }

  /** A side's weight: the sum of its rows' weights; null when it has no rows or any of them lacks a weight. */
  private static Column weight(Column side, Column w) {
    return when(count(when(side.and(w.isNull()), lit(1))).gt(0), lit(null).cast("double"))
        .otherwise(sum(when(side, w)));
  }

  /** |x − m| / (x + m) where {@code defined} and the sum is above 0, else null. */
  private static Column discrepancy(Column defined, Column m, Column x) {
    return when(defined.and(m.plus(x).gt(0)), abs(x.minus(m)).divide(m.plus(x)));
  }
}
