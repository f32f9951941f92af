package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.chokepoint.reference.PartnerKind;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.MirrorColumns;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.MirrorParams;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The trade rows {@link Exposure#compute} reads, on a value basis ({@code params.value_basis}): a
 * transform of its input, so the exposure pass itself is the same on every basis.
 */
public final class ValueBasis {
  /** The columns of the rows on any basis: what the exposure pass reads, under any product key. */
  public static final List<String> COLUMNS = List.of(TradeColumns.YEAR, TradeColumns.MONTH, TradeColumns.REPORTER,
      TradeColumns.PARTNER, TradeColumns.PARTNER_KIND, TradeColumns.FLOW, TradeColumns.HS_CODE,
      ExposureColumns.COMMODITY_GROUP, ExposureColumns.STAGE, TradeColumns.VALUE_USD, TradeColumns.NET_WEIGHT_KG);

  private ValueBasis() {}

  /**
   * Input: {@code used}, the trade rows in scope (canonical columns, {@code commodity_group},
   * {@code stage}), and {@code pairs}, {@link MirrorFlows#pairs} of the same input (ignored on the
   * reported basis). Output:
   *
   * <ul>
   *   <li>{@code reported}: {@code used} itself, unchanged.
   *   <li>{@code mirror}: {@link #COLUMNS}; each import row from a country partner is replaced by the
   *       pair's exporter value and weight (pairs the exporter does not report drop out); imports from
   *       "nes" areas drop out (no partner reports them); World and aggregate rows and other flows
   *       stay as reported.
   *   <li>{@code reconciled}: the same with the pair's reconciled value and weight (the importer's
   *       where it reports, else the exporter's FOB value times the CIF factor); "nes" imports stay as
   *       the importer reported them.
   * </ul>
   *
   * <p>Rows of a source that reconciled both sides already (BACI) stay as they are on every basis.
   * Pairs are added only when {@code imports} (the job's flows include imports). A pair row is a
   * country partner's import row of the importer: {@code partner_kind} {@code country}, flow
   * {@code import}.
   */
  public static Dataset<Row> rows(Dataset<Row> used, Dataset<Row> pairs, String basis, boolean imports) {
    if (MirrorParams.REPORTED.equals(basis)) {
      return used;
    }
    boolean mirror = MirrorParams.MIRROR.equals(basis);
    List<String> replaced = mirror ? PartnerKind.SUPPLIERS : List.of(PartnerKind.COUNTRY);
    Column kept = col(TradeColumns.FLOW).notEqual(TradeColumns.IMPORT)
        .or(col(TradeColumns.PARTNER_KIND).isin(replaced.toArray()).unary_$bang())
        .or(col(TradeColumns.SOURCE_FORMAT).isin(MirrorFlows.RECONCILED_SOURCES.toArray()));
    Dataset<Row> rows = used.where(kept).select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
    if (!imports) {
      return rows;
    }
    Column value = col(mirror ? MirrorColumns.EXPORTER_VALUE : MirrorColumns.RECONCILED_VALUE);
    Column weight = col(mirror ? MirrorColumns.EXPORTER_WEIGHT : MirrorColumns.RECONCILED_WEIGHT);
    Column reconciledBySource = col(MirrorColumns.VALUE_STATUS).equalTo(MirrorColumns.RECONCILED_BY_SOURCE);
    Dataset<Row> onBasis = pairs.where(value.isNotNull().and(reconciledBySource.unary_$bang())).select(col(TradeColumns.YEAR), col(TradeColumns.MONTH),
        col(MirrorColumns.IMPORTER).as(TradeColumns.REPORTER), col(MirrorColumns.EXPORTER).as(TradeColumns.PARTNER),
        lit(PartnerKind.COUNTRY).as(TradeColumns.PARTNER_KIND), lit(TradeColumns.IMPORT).as(TradeColumns.FLOW),
        col(TradeColumns.HS_CODE), col(ExposureColumns.COMMODITY_GROUP), col(ExposureColumns.STAGE),
        value.as(TradeColumns.VALUE_USD), weight.as(TradeColumns.NET_WEIGHT_KG));
    return rows.unionByName(onBasis);
  }
}
