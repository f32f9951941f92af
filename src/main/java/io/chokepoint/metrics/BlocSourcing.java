package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.size;

import io.chokepoint.schema.ChainColumns;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Could a bloc of allies cover an importer's supply? Built from {@code supplier_shares} (one row per
 * year, month, reporter_iso3, flow, product and supplier; the product is the job's grouping), with
 * membership taken as of each year and territories counted as the job's rule says (partners are
 * mapped before anything is summed, so New Caledonia and France are one supplier under
 * {@code sovereign}).
 */
public final class BlocSourcing {
  private BlocSourcing() {}

  /**
   * Per importer: for each year, month, reporter_iso3, flow, product and bloc, how its supply splits
   * between the bloc's members, the focus supplier and everyone else ({@link PartnerMix}: total,
   * inside_share, focus_share, others_share, the HHI over partners outside the bloc, the top outside
   * supplier), reporter_is_member (whether the importer is itself in the bloc that year) and
   * territories (the rule that made it).
   *
   * @param shares supplier_shares rows
   * @param members {@link BlocMembers#table} of the job's blocs
   * @param territories territory_iso3 → sovereign_iso3
   */
  public static Dataset<Row> perImporter(Dataset<Row> shares, String product, Dataset<Row> members,
      Dataset<Row> territories, String rule, String focus) {
    Dataset<Row> rows = partnerRows(shares, product, territories, rule)
        .crossJoin(broadcast(members.select(ChainColumns.BLOC).distinct()));
    rows = BlocMembers.flag(rows, TradeColumns.PARTNER, ChainColumns.BLOC, TradeColumns.YEAR, members,
        ChainColumns.INSIDE);
    rows = BlocMembers.flag(rows, TradeColumns.REPORTER, ChainColumns.BLOC, TradeColumns.YEAR, members,
        ChainColumns.REPORTER_MEMBER);
    List<String> keys = List.of(TradeColumns.YEAR, TradeColumns.MONTH, TradeColumns.REPORTER, TradeColumns.FLOW,
        product, ChainColumns.BLOC, ChainColumns.REPORTER_MEMBER);
    return PartnerMix.of(rows, keys, focus).withColumn(ChainColumns.TERRITORIES, BlocMembers.rule(rule));
  }

  /**
   * Per pooled bloc: the members' imports in a year summed by partner, as if the bloc were one
   * importer. For each year, month, flow, product and bloc: members_reporting (members with rows),
   * pooled_hhi (over every partner, members included), inside_share (bought from members), the HHI
   * of what is bought outside and the rest of {@link PartnerMix}, territories.
   */
  public static Dataset<Row> pooled(Dataset<Row> shares, String product, Dataset<Row> members,
      Dataset<Row> territories, String rule, String focus) {
    Dataset<Row> rows = partnerRows(shares, product, territories, rule)
        .crossJoin(broadcast(members.select(ChainColumns.BLOC).distinct()));
    rows = BlocMembers.flag(rows, TradeColumns.REPORTER, ChainColumns.BLOC, TradeColumns.YEAR, members,
        ChainColumns.REPORTER_MEMBER).where(col(ChainColumns.REPORTER_MEMBER));
    rows = BlocMembers.flag(rows, TradeColumns.PARTNER, ChainColumns.BLOC, TradeColumns.YEAR, members,
        ChainColumns.INSIDE);
    List<String> keys = List.of(TradeColumns.YEAR, TradeColumns.MONTH, TradeColumns.FLOW, product, ChainColumns.BLOC);
    Column[] keyCols = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    // The count of members reporting is constant per group: carried through as one more key.
    rows = rows.withColumn(ChainColumns.MEMBERS_REPORTING, size(collect_set(col(TradeColumns.REPORTER))
        .over(Window.partitionBy(keyCols))).cast(DataTypes.IntegerType));
    List<String> withCount = new ArrayList<>(keys);
    withCount.add(ChainColumns.MEMBERS_REPORTING);
    return PartnerMix.of(rows, withCount, focus).withColumnRenamed(ExposureColumns.HHI_VALUE, ChainColumns.POOLED_HHI)
        .withColumn(ChainColumns.TERRITORIES, BlocMembers.rule(rule));
  }

  /** year, month, reporter_iso3, flow, product, partner_iso3 (mapped), value_usd: the suppliers' rows. */
  private static Dataset<Row> partnerRows(Dataset<Row> shares, String product, Dataset<Row> territories, String rule) {
    Dataset<Row> rows = shares.select(col(TradeColumns.YEAR), col(TradeColumns.MONTH), col(TradeColumns.REPORTER),
        col(TradeColumns.FLOW), col(product), col(TradeColumns.PARTNER), col(TradeColumns.VALUE_USD));
    return BlocMembers.territories(rows, TradeColumns.PARTNER, territories,
        io.chokepoint.reference.Territories.SOVEREIGN.equals(rule));
  }
}
