package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.reference.PartnerKind;
import io.chokepoint.reference.StageProduction;
import io.chokepoint.reference.StageReference;
import io.chokepoint.schema.ChainColumns;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.SupplyColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Where in the value chain (mining, refining, metal, intermediate, product, scrap) the dependence
 * sits: trade and production by material and stage, through the stage reference. Pure transforms;
 * sums are exact ({@link Sums}).
 */
public final class ValueChain {
  /** Net trade: the index is defined only where the reporter files both flows in the year. */
  public static final String ONE_FLOW = "one_flow_reported";
  public static final String NET_TRADE_INDEX = "net_trade_index";
  public static final String EXPORTS_USD = "exports_usd";
  public static final String IMPORTS_USD = "imports_usd";
  /** Net trade: how a flow's total was taken: the reporter's World rows, or its partners summed. */
  public static final String BASIS = "basis";

  private ValueChain() {}

  /**
   * Annual trade rows by material stage. Input: canonical trade rows (any flow); {@code codes}:
   * {@link StageReference#codes} (hs6, material, stage, purity, via). Output: the rows whose first
   * six digits the reference maps, once per material stage they stand for (a code of two materials
   * gives two rows), with hs6, material, stage, purity, via. Monthly rows are left out.
   */
  public static Dataset<Row> stageRows(Dataset<Row> trade, Dataset<Row> codes) {
    return trade.where(col(TradeColumns.MONTH).isNull())
        .join(broadcast(codes), substring(col(TradeColumns.HS_CODE), 1, 6).equalTo(col(ChainColumns.HS6)));
  }

  /**
   * Exposure by stage, with the EU Critical Raw Materials Act's benchmark. Input: {@link #stageRows}
   * with partner_iso3 already mapped by the territory rule. Imports from partners of kind country or
   * nes (not the reporter itself) count. Two kinds of importer: each reporter ({@code country}),
   * measured against the first of the job's blocs it belongs to that year (none: every supplier is
   * outside); and each bloc of the job ({@code bloc}), its members' imports that year summed by
   * partner. Output per year, importer, importer_kind, material, stage: bloc (null for a country in
   * none), the {@link PartnerMix} columns (total, HHI, top supplier, focus share, inside share, top
   * supplier outside the bloc and its share), single_supplier_limit, exceeds_limit (the top outside
   * supplier's share above the limit; null when there is none), codes (the hs6 codes with rows),
   * purity ({@code exclusive}, or the other purities of those codes: {@code shared},
   * {@code mixed-stage}), edition_note (codes summed across the HS2022 split, codes in a
   * many-to-many group; null when neither), territories.
   *
   * @param members {@link BlocMembers#table} of the job's blocs (may be empty)
   * @param manyToMany codes tied into a many-to-many HS group → the group
   */
  public static Dataset<Row> stageExposure(Dataset<Row> rows, Dataset<Row> members, String focus, double limit,
      Map<String, String> manyToMany, String rule) {
    Column supplier = col(TradeColumns.PARTNER_KIND).isin(PartnerKind.SUPPLIERS.toArray())
        .and(col(TradeColumns.PARTNER).notEqual(col(TradeColumns.REPORTER)));
    Dataset<Row> imports = rows.where(col(TradeColumns.FLOW).equalTo(TradeColumns.IMPORT).and(supplier))
        .select(col(TradeColumns.YEAR), col(TradeColumns.REPORTER), col(TradeColumns.PARTNER), col(TradeColumns.VALUE_USD),
            col(ChainColumns.MATERIAL), col(ChainColumns.STAGE), col(ChainColumns.HS6), col(ChainColumns.PURITY),
            col(ChainColumns.VIA));

    // A country's bloc: the first of the job's blocs it is in that year.
    Dataset<Row> m = broadcast(members.select(col(ChainColumns.BLOC).as("_b"), col(ChainColumns.ISO3).as("_iso3"),
        col(ChainColumns.MEMBER_FROM), col(ChainColumns.MEMBER_TO), col(BlocMembers.ORDER)));
    Dataset<Row> reporterYears = imports.select(TradeColumns.REPORTER, TradeColumns.YEAR).distinct();
    Dataset<Row> firstBloc = reporterYears.join(m, col("_iso3").equalTo(col(TradeColumns.REPORTER))
            .and(BlocMembers.during(m, col(TradeColumns.YEAR))))
        .groupBy(TradeColumns.REPORTER, TradeColumns.YEAR)
        .agg(min(org.apache.spark.sql.functions.struct(col(BlocMembers.ORDER), col("_b"))).getField("_b")
            .as(ChainColumns.BLOC));
    Dataset<Row> countries = imports.join(firstBloc, new String[] {TradeColumns.REPORTER, TradeColumns.YEAR}, "left")
        .withColumn(ChainColumns.IMPORTER, col(TradeColumns.REPORTER))
        .withColumn(ChainColumns.IMPORTER_KIND, lit(ChainColumns.KIND_COUNTRY));
    Dataset<Row> pooled = BlocMembers.flag(imports.crossJoin(broadcast(members.select(ChainColumns.BLOC).distinct())),
            TradeColumns.REPORTER, ChainColumns.BLOC, TradeColumns.YEAR, members, "_member")
        .where(col("_member")).drop("_member")
        .withColumn(ChainColumns.IMPORTER, col(ChainColumns.BLOC))
        .withColumn(ChainColumns.IMPORTER_KIND, lit(ChainColumns.KIND_BLOC));
    Dataset<Row> all = countries.unionByName(pooled)
        .withColumn("_bloc_key", org.apache.spark.sql.functions.coalesce(col(ChainColumns.BLOC), lit("")));
    all = BlocMembers.flag(all, TradeColumns.PARTNER, "_bloc_key", TradeColumns.YEAR, members, ChainColumns.INSIDE);

    List<String> keys = List.of(TradeColumns.YEAR, ChainColumns.IMPORTER, ChainColumns.IMPORTER_KIND,
        ChainColumns.MATERIAL, ChainColumns.STAGE, "_bloc_key");
    Dataset<Row> described = describe(all, keys, manyToMany);
    List<String> withDescription = new ArrayList<>(keys);
    withDescription.addAll(List.of(ChainColumns.CODES, ChainColumns.PURITY, ChainColumns.EDITION_NOTE));
    Column topOut = col(ChainColumns.TOP_OUTSIDE_SHARE);
    Dataset<Row> mix = PartnerMix.of(described, withDescription, focus)
        .withColumn(ChainColumns.BLOC, when(col("_bloc_key").notEqual(""), col("_bloc_key")))
        .withColumn(ChainColumns.LIMIT, lit(limit))
        .withColumn(ChainColumns.EXCEEDS_LIMIT, when(topOut.isNotNull(), topOut.gt(limit)))
        .withColumn(ChainColumns.TERRITORIES, BlocMembers.rule(rule));
    List<String> order = new ArrayList<>(List.of(TradeColumns.YEAR, ChainColumns.IMPORTER, ChainColumns.IMPORTER_KIND,
        ChainColumns.MATERIAL, ChainColumns.STAGE, ChainColumns.BLOC));
    for (String c : mix.columns()) {
      if (!order.contains(c) && !c.equals("_bloc_key") && !withDescription.contains(c) && !c.equals(ExposureColumns.STATUS)) {
        order.add(c);
      }
    }
    order.addAll(List.of(ChainColumns.CODES, ChainColumns.PURITY, ChainColumns.EDITION_NOTE, ExposureColumns.STATUS));
    return mix.select(order.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * {@code rows} with the descriptors of their group (constant per group, so they can ride along as
   * keys): codes, purity and edition_note, as in {@link #stageExposure}.
   */
  static Dataset<Row> describe(Dataset<Row> rows, List<String> keys, Map<String, String> manyToMany) {
    org.apache.spark.sql.expressions.WindowSpec group = org.apache.spark.sql.expressions.Window
        .partitionBy(keys.stream().map(k -> col(k)).toArray(Column[]::new));
    Column viaSplit = array_sort(collect_set(when(col(ChainColumns.VIA).notEqual(StageReference.VIA_REFERENCE),
        concat(col(ChainColumns.HS6), lit(" as "), substring(col(ChainColumns.VIA), 17, 6)))).over(group));
    Column mn = lit(null).cast(DataTypes.StringType);
    for (Map.Entry<String, String> e : manyToMany.entrySet()) {
      mn = when(col(ChainColumns.HS6).equalTo(e.getKey()), lit(e.getKey() + " (" + e.getValue() + ")")).otherwise(mn);
    }
    Column manyCodes = array_sort(collect_set(mn).over(group));
    Column note = concat_ws("; ",
        when(size(viaSplit).gt(0), concat(lit("summed across the HS2022 split: "), array_join(viaSplit, ", "))),
        when(size(manyCodes).gt(0), concat(lit("HS2017/HS2022 many-to-many, not comparable across 2022: "),
            array_join(manyCodes, ", "))));
    return rows.withColumn(ChainColumns.CODES, array_sort(collect_set(col(ChainColumns.HS6)).over(group)))
        .withColumn(ChainColumns.PURITY, purity(collect_set(col(ChainColumns.PURITY)).over(group)))
        .withColumn(ChainColumns.EDITION_NOTE, when(note.notEqual(""), note));
  }

  /**
   * World production by stage, with the same benchmark. Input: {@code production_concentration} rows
   * (one per country, commodity, stage, unit and year, with the group's top producer and HHI);
   * {@code series}: {@link StageProduction#table}. Output per year, material, stage, data_source,
   * commodity, unit: production (the denominator), hhi, top1_country_iso3, top1_share, focus_country,
   * focus_share, single_supplier_limit, exceeds_limit (top1_share above the limit; null without
   * one), status (production_concentration's).
   */
  public static Dataset<Row> stageProduction(Dataset<Row> concentration, Dataset<Row> series, double limit) {
    Dataset<Row> s = broadcast(series.select(col(SupplyColumns.DATA_SOURCE).as("_s_source"),
        col(SupplyColumns.COMMODITY).as("_s_commodity"), col(StageProduction.PRODUCTION_STAGE).as("_s_stage"),
        col(ChainColumns.MATERIAL), col(ChainColumns.STAGE).as("_chain_stage")));
    Dataset<Row> joined = concentration.join(s, col(SupplyColumns.DATA_SOURCE).equalTo(col("_s_source"))
        .and(col(SupplyColumns.COMMODITY).equalTo(col("_s_commodity")))
        .and(col(SupplyColumns.STAGE).equalTo(col("_s_stage"))));
    Column top1 = col("top1_share");
    return joined.groupBy(col(SupplyColumns.YEAR), col(ChainColumns.MATERIAL), col("_chain_stage").as(ChainColumns.STAGE),
            col(SupplyColumns.DATA_SOURCE), col(SupplyColumns.COMMODITY), col(SupplyColumns.UNIT))
        .agg(max("denominator").as(SupplyColumns.PRODUCTION), max("hhi").as(ExposureColumns.HHI_VALUE),
            max("top1_country_iso3").as("top1_country_iso3"), max(top1).as("top1_share"),
            max("focus_country").as("focus_country"), max("focus_share").as(ExposureColumns.FOCUS_SHARE),
            max("status").as(ExposureColumns.STATUS))
        .withColumn(ChainColumns.LIMIT, lit(limit))
        .withColumn(ChainColumns.EXCEEDS_LIMIT, when(top1.isNotNull(), top1.gt(limit)));
  }

  /**
   * Net trade by stage: (exports − imports) / (exports + imports) per year, reporter_iso3, material
   * and stage, so "China imports lithium ore and exports hydroxide" is one query. Input:
   * {@link #stageRows} of every flow. A flow's total for a code is the reporter's World row when it
   * files one, else its partners (country or nes) summed; then summed over the stage's codes.
   * Output: exports_usd, imports_usd (0 when the reporter filed the other flow that year but none of
   * this), net_trade_index, basis ({@code world_rows}, {@code partner_sums} or {@code mixed}), codes,
   * purity, status: {@code ok}, {@code one_flow_reported} (the reporter files only imports or only
   * exports that year: the index would be ±1 by omission, so it is null), {@code zero_trade} (both
   * flows 0: null).
   *
   * @param flowsFiled per year and reporter_iso3, the flows the reporter filed (any code): {@code flows}
   */
  public static Dataset<Row> netTrade(Dataset<Row> rows, Dataset<Row> flowsFiled) {
    Column world = col(TradeColumns.PARTNER_KIND).equalTo(PartnerKind.WORLD);
    Column supplier = col(TradeColumns.PARTNER_KIND).isin(PartnerKind.SUPPLIERS.toArray())
        .and(col(TradeColumns.PARTNER).notEqual(col(TradeColumns.REPORTER)));
    Dataset<Row> byCode = rows.where(col(TradeColumns.FLOW).isin(TradeColumns.IMPORT, TradeColumns.EXPORT))
        .groupBy(col(TradeColumns.YEAR), col(TradeColumns.REPORTER), col(TradeColumns.FLOW), col(ChainColumns.MATERIAL),
            col(ChainColumns.STAGE), col(ChainColumns.HS6), col(ChainColumns.PURITY))
        .agg(Sums.exact(when(world, col(TradeColumns.VALUE_USD))).as("_world"),
            Sums.exact(when(supplier, col(TradeColumns.VALUE_USD))).as("_partners"))
        .withColumn("_value", org.apache.spark.sql.functions.coalesce(col("_world"), col("_partners"), lit(0.0)))
        .withColumn("_basis", when(col("_world").isNotNull(), lit("world_rows")).otherwise(lit("partner_sums")));
    Column isExport = col(TradeColumns.FLOW).equalTo(TradeColumns.EXPORT);
    Dataset<Row> byStage = byCode.groupBy(col(TradeColumns.YEAR), col(TradeColumns.REPORTER), col(ChainColumns.MATERIAL),
            col(ChainColumns.STAGE))
        .agg(Sums.exact(when(isExport, col("_value")).otherwise(lit(0.0))).as(EXPORTS_USD),
            Sums.exact(when(isExport.unary_$bang(), col("_value")).otherwise(lit(0.0))).as(IMPORTS_USD),
            array_sort(collect_set(col("_basis"))).as("_bases"),
            array_sort(collect_set(col(ChainColumns.HS6))).as(ChainColumns.CODES),
            array_sort(collect_set(col(ChainColumns.PURITY))).as("_purities"));
    Dataset<Row> joined = byStage.join(flowsFiled, new String[] {TradeColumns.YEAR, TradeColumns.REPORTER}, "left");
    Column both = org.apache.spark.sql.functions.array_contains(col("flows"), TradeColumns.IMPORT)
        .and(org.apache.spark.sql.functions.array_contains(col("flows"), TradeColumns.EXPORT));
    Column x = col(EXPORTS_USD);
    Column mm = col(IMPORTS_USD);
    Column status = when(org.apache.spark.sql.functions.coalesce(both, lit(false)).unary_$bang(), lit(ONE_FLOW))
        .when(x.plus(mm).equalTo(0), lit("zero_trade")).otherwise(lit(ExposureColumns.OK));
    return joined.withColumn(NET_TRADE_INDEX, when(status.equalTo(ExposureColumns.OK), x.minus(mm).divide(x.plus(mm))))
        .withColumn(BASIS, when(size(col("_bases")).gt(1), lit("mixed")).otherwise(col("_bases").getItem(0)))
        .withColumn(ChainColumns.PURITY, purity(col("_purities")))
        .withColumn(ExposureColumns.STATUS, status)
        .drop("_bases", "_purities", "flows");
  }

  /**
   * The purity of a group from the purities of its codes (an array): {@code exclusive} when every
   * code is, else the others present joined by {@code +}, as {@link StageReference#stagePurity} says
   * it of a material stage.
   */
  static Column purity(Column purities) {
    Column impure = array_sort(filter(purities, p -> p.notEqual(lit(StageReference.EXCLUSIVE))));
    return when(size(impure).equalTo(0), lit(StageReference.EXCLUSIVE)).otherwise(array_join(impure, "+"));
  }

  /** Per year and reporter_iso3, the flows it filed (any row, any code): {@code flows} (array). */
  public static Dataset<Row> flowsFiled(Dataset<Row> trade) {
    return trade.where(col(TradeColumns.MONTH).isNull())
        .groupBy(TradeColumns.YEAR, TradeColumns.REPORTER).agg(collect_set(col(TradeColumns.FLOW)).as("flows"));
  }
}
