package io.chokepoint.report.sections;

import static io.chokepoint.report.Queries.TOP_SUPPLIERS;
import static io.chokepoint.report.Queries.collect;
import static io.chokepoint.report.Queries.cols;
import static io.chokepoint.report.Queries.hasColumn;
import static io.chokepoint.report.Queries.joinOn;
import static io.chokepoint.report.Queries.productColumn;
import static io.chokepoint.report.Queries.values;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.year;

import io.chokepoint.compat.Observations;
import io.chokepoint.report.Charts;
import io.chokepoint.report.Charts.Marker;
import io.chokepoint.report.Charts.Series;
import io.chokepoint.report.Figure;
import io.chokepoint.report.Html;
import io.chokepoint.report.ReportContext;
import io.chokepoint.report.Section;
import io.chokepoint.schema.ExposureColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Trade exposure, from {@code concentration} and {@code supplier_shares}: for the {@link #TOP_KEYS}
 * reporter × product pairs with the largest latest-year value, the focus supplier's share and the HHI
 * per year, the latest year's top suppliers, and the bilateral-to-World ratio where a World row exists.
 * Absent without {@code concentration}.
 */
public final class ExposureSection implements Section {
  /** Reporter × product pairs charted (by latest total value); the rest are counted. */
  static final int TOP_KEYS = 8;

  @Override
  public String title() {
    return "Exposure";
  }

  @Override
  public Optional<String> body(ReportContext report) {
    Dataset<Row> conc = report.table("concentration");
    if (conc == null) {
      return Optional.empty();
    }
    String product = productColumn(conc);
    List<String> key = List.of("reporter_iso3", "flow", product);
    Dataset<Row> annual = hasColumn(conc, "month") ? conc.filter(col("month").isNull()) : conc;
    // The pairs to chart: each pair's latest year and its value then (one hash aggregation, counted
    // as it streams by), of which the top TOP_KEYS are taken per partition and merged (no global sort:
    // a window over every pair would move them all into one task).
    Dataset<Row> perKey = annual.groupBy(cols(key))
        .agg(max(col("year")).as("latest_year"),
            max_by(col(ExposureColumns.TOTAL_VALUE_USD), col("year")).as("_latest_total"));
    Observation pairs = new Observation("report_pairs");
    List<Row> ranked = perKey.observe(pairs, count(lit(1)).as("n"))
        .orderBy(col("_latest_total").desc_nulls_last(), col("reporter_iso3"), col("flow"), col(product))
        .select(col("reporter_iso3"), col("flow"), col(product), col("latest_year"))
        .limit(TOP_KEYS).collectAsList();
    long keys = ranked.isEmpty() ? 0 : ((Number) Observations.metrics(pairs).get("n")).longValue();
    List<Row> top = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      Row k = ranked.get(i);
      top.add(RowFactory.create(k.get(0), k.get(1), k.get(2), k.get(3), i + 1));
    }
    StructType topSchema = perKey.select(col("reporter_iso3"), col("flow"), col(product), col("latest_year"))
        .schema().add("_krank", DataTypes.IntegerType, false);
    Dataset<Row> topKeys = conc.sparkSession().createDataFrame(top, topSchema);
    List<Row> series = collect(joinOn(annual, broadcast(topKeys), key)
        .select(col("reporter_iso3"), col("flow"), col(product), col("year"), col(ExposureColumns.FOCUS_SUPPLIER),
            col(ExposureColumns.FOCUS_SHARE), col(ExposureColumns.FOCUS_SHARE_WEIGHT), col(ExposureColumns.HHI_VALUE),
            col(ExposureColumns.HHI_WEIGHT), col(ExposureColumns.BILATERAL_TO_WORLD), col("latest_year"),
            col("_krank"))
        .orderBy("_krank", "year"));
    StringBuilder b = new StringBuilder();
    double moderate = report.param("hhi_moderate", 1500);
    double high = report.param("hhi_high", 2500);
    b.append("<p>").append(keys > top.size() ? "The " + top.size() + " of " + keys
        + " reporter × product pairs with the largest latest-year import value."
        : "Every reporter × product pair of the run (" + keys + ").").append("</p>");
    if (top.isEmpty()) {
      return Optional.of(b.toString());
    }
    Dataset<Row> shares = report.table("supplier_shares");
    List<Row> suppliers = shares == null ? List.of() : collect(shares
        .filter(hasColumn(shares, "month") ? col("month").isNull() : lit(true))
        .transform(d -> joinOn(d, broadcast(topKeys.drop("_krank")), key))
        .filter(col("year").equalTo(col("latest_year")).and(col(ExposureColumns.RANK).leq(TOP_SUPPLIERS)))
        .select(col("reporter_iso3"), col("flow"), col(product), col("year"), col("partner_iso3"),
            col(ExposureColumns.SHARE_VALUE), col(ExposureColumns.SHARE_WEIGHT), col(ExposureColumns.RANK))
        .orderBy(col("reporter_iso3"), col("flow"), col(product), col(ExposureColumns.RANK)));
    List<Series> world = new ArrayList<>();
    List<List<Object>> worldRows = new ArrayList<>();
    for (Row k : top) {
      String r = k.getString(0);
      String flow = k.getString(1);
      String p = String.valueOf(k.get(2));
      String label = r + " · " + p + " · " + flow;
      List<Row> rows = series.stream().filter(s -> s.getString(0).equals(r) && s.getString(1).equals(flow)
          && String.valueOf(s.get(2)).equals(p)).toList();
      String focus = rows.stream().map(s -> s.getString(4)).filter(java.util.Objects::nonNull).findFirst().orElse("focus");
      double[] years = rows.stream().mapToDouble(s -> s.getInt(3)).toArray();
      double[] fv = values(rows, 5);
      double[] fw = values(rows, 6);
      double[] hv = values(rows, 7);
      double[] hw = values(rows, 8);
      double[] ratio = values(rows, 9);
      b.append("<h3>").append(Html.esc(label)).append("</h3><div class=\"pair\">");
      List<List<Object>> table = new ArrayList<>();
      for (Row s : rows) {
        table.add(Arrays.asList(s.getInt(3), s.get(5), s.get(6), s.get(7), s.get(8)));
      }
      b.append(Figure.of(report.figureId("share"), focus + "'s share of " + label, () -> Charts.line(report.chartId(), "year",
          "share (fraction, 0–1)",
          List.of(new Series(focus + " share by value", years, fv), new Series(focus + " share by weight", years, fw)),
          List.of(), true),
          "The focus supplier " + focus + "'s share of " + r + "'s " + flow + "s of " + p
              + " per year, by value (USD) and by weight (kg). From table concentration (focus_share, "
              + "focus_share_weight).",
          List.of("year", "focus_share", "focus_share_weight", "hhi_value", "hhi_weight"), table, 4).html());
      b.append(Figure.of(report.figureId("hhi"), "HHI of " + label, () -> Charts.line(report.chartId(), "year",
          "HHI (0–10,000)", List.of(new Series("HHI by value", years, hv), new Series("HHI by weight", years, hw)),
          List.of(new Marker(moderate, "moderately concentrated ≥ " + (long) moderate),
              new Marker(high, "highly concentrated ≥ " + (long) high)), true),
          "Herfindahl–Hirschman index of " + r + "'s suppliers of " + p + " per year, by value and by weight; "
              + "dashed lines are the band thresholds of this run (params.hhi_moderate, params.hhi_high). "
              + "From table concentration (hhi_value, hhi_weight).",
          List.of("year", "focus_share", "focus_share_weight", "hhi_value", "hhi_weight"), table, 4).html());
      List<Row> sup = suppliers.stream().filter(s -> s.getString(0).equals(r) && s.getString(1).equals(flow)
          && String.valueOf(s.get(2)).equals(p)).toList();
      if (!sup.isEmpty()) {
        int year = sup.get(0).getInt(3);
        List<String> partners = sup.stream().map(s -> s.getString(4)).toList();
        double[][] v = {values(sup, 5), values(sup, 6)};
        List<List<Object>> supRows = sup.stream().map(s -> Arrays.<Object>asList(s.get(7), s.get(4), s.get(5),
            s.get(6))).toList();
        b.append(Figure.of(report.figureId("top"), "Top suppliers of " + label + ", " + year, () -> Charts.bars(report.chartId(),
            "supplier (ISO3)", "share (fraction, 0–1)",
            List.of("share by value", "share by weight"), partners, v, true, List.of()),
            "The " + sup.size() + " largest suppliers of " + r + "'s " + flow + "s of " + p + " in " + year
                + " (the latest year), by share of value and of weight. From table supplier_shares "
                + "(share_value, share_weight, rank ≤ " + TOP_SUPPLIERS + ").",
            List.of("rank", "partner_iso3", "share_value", "share_weight"), supRows, 4).html());
      }
      b.append("</div>");
      if (Arrays.stream(ratio).anyMatch(d -> !Double.isNaN(d))) {
        world.add(new Series(label, years, ratio));
        for (Row s : rows) {
          if (!s.isNullAt(9)) {
            worldRows.add(Arrays.asList(r, flow, p, s.getInt(3), s.get(9)));
          }
        }
      }
    }
    if (!world.isEmpty()) {
      b.append("<h3>Bilateral to World</h3>");
      b.append(Figure.of(report.figureId("world"), "Bilateral sum to reported World total", () -> Charts.line(report.chartId(), "year",
          "bilateral / World value (ratio)", world, List.of(new Marker(1.0, "equal")), true),
          "The sum of bilateral rows divided by the World row the reporter filed, per year, for each pair above "
              + "that has a World row (1 = they agree). From table concentration (bilateral_to_world_ratio).",
          List.of("reporter_iso3", "flow", "product", "year", "bilateral_to_world_ratio"), worldRows, 4).html());
    }
    return Optional.of(b.toString());
  }
}
