package io.chokepoint.report.sections;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.report.Charts;
import io.chokepoint.report.Charts.Marker;
import io.chokepoint.report.Charts.Series;
import io.chokepoint.report.Figure;
import io.chokepoint.report.Html;
import io.chokepoint.report.Queries;
import io.chokepoint.report.ReportContext;
import io.chokepoint.report.Section;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.MirrorColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Both sides of the flow, from {@code mirror_flows}: for each importer's flows from the focus
 * supplier (the {@link #TOP_KEYS} importer × product pairs with the largest latest-year value), what
 * the importer reported (CIF) and what the supplier reported shipping (FOB), per year, and the pairs
 * of each class. Two queries, both summaries. Absent without that table.
 */
public final class MirrorSection implements Section {
  /** Importer × product pairs charted. */
  static final int TOP_KEYS = 8;

  @Override
  public String title() {
    return "Both sides of the flow";
  }

  @Override
  public Optional<String> body(ReportContext report) {
    Dataset<Row> mirror = report.table("mirror_flows");
    if (mirror == null) {
      return Optional.empty();
    }
    String focus = report.param("focus_supplier", "CHN").toUpperCase(Locale.ROOT);
    String groupBy = report.param("group_by", ExposureColumns.COMMODITY_GROUP).replace("stage",
        io.chokepoint.schema.ChainColumns.MATERIAL_STAGE);
    String basis = report.manifest().path("outputs").path("concentration").path("value_basis").asText("reported");
    String product = Arrays.asList(mirror.columns()).contains(groupBy) ? groupBy : TradeColumns.HS_CODE;
    Column annual = col(TradeColumns.MONTH).isNull();
    Column fromFocus = col(MirrorColumns.EXPORTER).equalTo(focus).and(annual);
    List<Column> key = List.of(col(MirrorColumns.IMPORTER), col(product));
    List<Row> top = Queries.collect(mirror.where(fromFocus)
        .groupBy(key.toArray(Column[]::new))
        .agg(max(col(TradeColumns.YEAR)).as("_latest"), max_by(coalesce(col(MirrorColumns.IMPORTER_VALUE),
            col(MirrorColumns.EXPORTER_VALUE)), col(TradeColumns.YEAR)).as("_size"))
        .orderBy(col("_size").desc_nulls_last(), col(MirrorColumns.IMPORTER), col(product))
        .limit(TOP_KEYS));
    StringBuilder b = new StringBuilder();
    b.append("<p>Each importer's report of its imports from ").append(Html.esc(focus))
        .append(" beside ").append(Html.esc(focus)).append("'s report of its exports to that importer, from table "
            + "mirror_flows. Importers mostly report CIF values and exporters FOB values, so the importer's side runs "
            + "above the exporter's by freight and insurance; a larger gap, or weights that disagree, is in the "
            + "pair's class. The exposure tables of this run use the ")
        .append(Html.esc(basis)).append(" basis (params.value_basis).</p>");
    if (top.isEmpty()) {
      return Optional.of(b.append("<p>No pair with ").append(Html.esc(focus)).append(" as the exporter.</p>")
          .toString());
    }
    List<Row> keys = new ArrayList<>();
    top.forEach(r -> keys.add(org.apache.spark.sql.RowFactory.create(r.get(0), r.get(1))));
    Dataset<Row> chosen = mirror.sparkSession().createDataFrame(keys, mirror.select(key.toArray(Column[]::new))
        .schema()).withColumnRenamed(MirrorColumns.IMPORTER, "_i").withColumnRenamed(product, "_p");
    List<Row> yearly = Queries.collect(mirror.where(fromFocus)
        .join(broadcast(chosen), col(MirrorColumns.IMPORTER).equalTo(col("_i")).and(col(product).eqNullSafe(col("_p"))))
        .groupBy(col(MirrorColumns.IMPORTER), col(product), col(TradeColumns.YEAR))
        .agg(sum(col(MirrorColumns.IMPORTER_VALUE)).as("m"), sum(col(MirrorColumns.EXPORTER_VALUE)).as("x"),
            count(when(col(MirrorColumns.CLASS).equalTo(MirrorColumns.AGREE), lit(1))).as("agree"),
            count(when(col(MirrorColumns.CLASS).isin(MirrorColumns.VALUES_DIFFER, MirrorColumns.WEIGHTS_DIFFER),
                lit(1))).as("differ"),
            count(when(col(MirrorColumns.CLASS).isin(MirrorColumns.IMPORTER_ONLY, MirrorColumns.EXPORTER_ONLY),
                lit(1))).as("one_side"))
        .orderBy(col(MirrorColumns.IMPORTER), col(product), col(TradeColumns.YEAR)));
    for (Row k : top) {
      String importer = k.getString(0);
      String p = String.valueOf(k.get(1));
      List<Row> rows = yearly.stream().filter(r -> r.getString(0).equals(importer)
          && String.valueOf(r.get(1)).equals(p)).toList();
      double[] years = rows.stream().mapToDouble(r -> r.getInt(2)).toArray();
      double[] m = Queries.values(rows, 3);
      double[] x = Queries.values(rows, 4);
      List<List<Object>> numbers = new ArrayList<>();
      rows.forEach(r -> numbers.add(Arrays.asList(r.getInt(2), r.get(3), r.get(4),
          r.isNullAt(3) || r.isNullAt(4) || r.getDouble(4) == 0 ? null : r.getDouble(3) / r.getDouble(4), r.get(5),
          r.get(6), r.get(7))));
      String label = importer + " · " + p + " from " + focus;
      b.append("<h3>").append(Html.esc(label)).append("</h3>");
      String id = report.figureId("mirror");
      b.append(Figure.of(id, "Both sides: " + label, () -> Charts.line(report.chartId(), "year", "value (USD)",
          List.of(new Series("as " + importer + " reports its imports (CIF)", years, m),
              new Series("as " + focus + " reports its exports (FOB)", years, x)), List.<Marker>of(), true),
          "The value of " + importer + "'s imports of " + p + " from " + focus + " per year, as " + importer
              + " reports it and as " + focus + " reports its exports to " + importer + " (summed over HS codes; a "
              + "side that does not report a code adds nothing). From table mirror_flows (importer_value_usd, "
              + "exporter_value_usd, class).",
          List.of("year", "importer_value_usd", "exporter_value_usd", "importer_to_exporter", "pairs_agree",
              "pairs_differ", "pairs_one_side"), numbers, 3).html());
    }
    return Optional.of(b.toString());
  }

}
