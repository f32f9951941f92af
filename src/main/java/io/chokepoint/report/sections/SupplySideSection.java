package io.chokepoint.report.sections;

import static io.chokepoint.report.Queries.TOP_SERIES;
import static io.chokepoint.report.Queries.TOP_SUPPLIERS;
import static io.chokepoint.report.Queries.collect;
import static io.chokepoint.report.Queries.firstKeys;
import static io.chokepoint.report.Queries.cols;
import static io.chokepoint.report.Queries.values;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.year;

import io.chokepoint.report.Charts;
import io.chokepoint.report.Charts.Series;
import io.chokepoint.report.Figure;
import io.chokepoint.report.Html;
import io.chokepoint.report.ReportContext;
import io.chokepoint.report.Section;
import io.chokepoint.schema.SupplyColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The supplier's side, from {@code production_concentration}, {@code export_destinations} and
 * {@code event_windows}: top producers' shares and HHI per year, the top destinations' yearly share of
 * export value, and each export-control event's monthly value before and after. Absent without all three.
 */
public final class SupplySideSection implements Section {
  @Override
  public String title() {
    return "Supply side";
  }

  @Override
  public Optional<String> body(ReportContext report) {
    Dataset<Row> prod = report.table("production_concentration");
    Dataset<Row> dest = report.table("export_destinations");
    Dataset<Row> events = report.table("event_windows");
    if (prod == null && dest == null && events == null) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    if (prod != null) {
      b.append(production(report, prod));
    }
    if (dest != null) {
      b.append(destinations(report, dest));
    }
    if (events != null) {
      b.append(eventWindows(report, events));
    }
    return Optional.of(b.toString());
  }

  /**
   * One query: for each of the first {@code TOP_SERIES} data source × commodity × stage groups, the
   * yearly shares of the producers that rank in the top {@code TOP_SERIES - 1} of the group's latest
   * year, and the group's HHI per year (on every row of that year).
   */
  private static String production(ReportContext report, Dataset<Row> prod) {
    StringBuilder b = new StringBuilder();
    List<String> key = List.of(SupplyColumns.DATA_SOURCE, SupplyColumns.COMMODITY, SupplyColumns.STAGE);
    WindowSpec group = Window.partitionBy(cols(key));
    Dataset<Row> countries = prod.filter(col(SupplyColumns.COUNTRY_KIND).equalTo(SupplyColumns.KIND_COUNTRY))
        .withColumn("_latest", max(SupplyColumns.YEAR).over(group));
    Dataset<Row> latestRank = countries.filter(col(SupplyColumns.YEAR).equalTo(col("_latest")))
        .withColumn("_rank", row_number().over(group.orderBy(desc("share"), col(SupplyColumns.COUNTRY_ISO3))))
        .filter(col("_rank").lt(TOP_SERIES)).select(concat_ws("|", cols(key)).as("_r_k"),
            col(SupplyColumns.COUNTRY_ISO3).as("_iso"), col("_rank"));
    List<Row> rows = collect(firstKeys(countries, key, TOP_SERIES)
        .withColumn("_k", concat_ws("|", cols(key)))
        .join(latestRank, col("_k").equalTo(col("_r_k")).and(col(SupplyColumns.COUNTRY_ISO3).equalTo(col("_iso"))),
            "left")
        .select(col(key.get(0)), col(key.get(1)), col(key.get(2)), col(SupplyColumns.YEAR),
            col(SupplyColumns.COUNTRY_ISO3), col("share"), col("hhi"), col("focus_share"), col("_latest"),
            col("_iso").isNotNull().as("_top"))
        .orderBy(col(key.get(0)), col(key.get(1)), col(key.get(2)), col("_rank").asc_nulls_last(),
            col(SupplyColumns.COUNTRY_ISO3), col(SupplyColumns.YEAR)));
    Map<String, List<Row>> byGroup = new LinkedHashMap<>();
    rows.forEach(r -> byGroup.computeIfAbsent(r.get(0) + "|" + r.get(1) + "|" + r.get(2), k -> new ArrayList<>()).add(r));
    for (List<Row> g : byGroup.values()) {
      Row first = g.get(0);
      String label = first.get(1) + " · " + first.get(2) + " (" + first.get(0) + ")";
      List<Row> top = g.stream().filter(r -> r.getBoolean(9)).toList();
      List<String> iso = top.stream().map(r -> String.valueOf(r.get(4))).distinct().toList();
      List<Series> series = new ArrayList<>();
      for (String c : iso) {
        List<Row> rs = top.stream().filter(r -> String.valueOf(r.get(4)).equals(c)).toList();
        series.add(new Series(c, rs.stream().mapToDouble(r -> r.getInt(3)).toArray(), values(rs, 5)));
      }
      Map<Integer, Row> perYear = new java.util.TreeMap<>();
      g.forEach(r -> perYear.putIfAbsent(r.getInt(3), r));
      List<Row> hhi = new ArrayList<>(perYear.values());
      double[] years = hhi.stream().mapToDouble(r -> r.getInt(3)).toArray();
      b.append("<h3>Production: ").append(Html.esc(label)).append("</h3><div class=\"pair\">");
      b.append(Figure.of(report.figureId("prod"), "Top producers' shares: " + label, () -> Charts.line(report.chartId(), "year",
          "share of world production (fraction, 0–1)", series, List.of(), true),
          "Shares of world production of the " + iso.size() + " largest producers in " + first.get(8)
              + ", per year. From table production_concentration (share, country_kind = country).",
          List.of("country_iso3", "year", "share"), top.stream().map(r -> Arrays.<Object>asList(r.get(4), r.get(3),
              r.get(5))).toList(), 4).html());
      b.append(Figure.of(report.figureId("prodhhi"), "Production HHI: " + label, () -> Charts.line(report.chartId(), "year",
          "HHI (0–10,000)", List.of(new Series("HHI of producers", years, values(hhi, 6))), List.of(), true),
          "Herfindahl–Hirschman index of producing countries per year. From table production_concentration (hhi).",
          List.of("year", "hhi", "focus_share"), hhi.stream().map(r -> Arrays.<Object>asList(r.get(3), r.get(6),
              r.get(7))).toList(), 4).html());
      b.append("</div>");
    }
    return b.toString();
  }

  /**
   * One query: per exporter × product group (the first {@code TOP_SERIES}), each calendar year's
   * share of export value of the {@code TOP_SERIES} destinations with the largest value overall.
   */
  private static String destinations(ReportContext report, Dataset<Row> dest) {
    StringBuilder b = new StringBuilder();
    List<String> key = List.of(SupplyColumns.EXPORTER, SupplyColumns.PRODUCT_GROUP);
    List<String> keyYear = List.of(SupplyColumns.EXPORTER, SupplyColumns.PRODUCT_GROUP, SupplyColumns.YEAR);
    List<String> keyDest = List.of(SupplyColumns.EXPORTER, SupplyColumns.PRODUCT_GROUP, SupplyColumns.DESTINATION);
    Dataset<Row> yearly = dest.withColumn(SupplyColumns.YEAR, year(col(SupplyColumns.MONTH)))
        .groupBy(cols(List.of(SupplyColumns.EXPORTER, SupplyColumns.PRODUCT_GROUP, SupplyColumns.YEAR,
            SupplyColumns.DESTINATION))).agg(sum(SupplyColumns.VALUE_USD).as("value_usd"))
        .withColumn("share", col("value_usd").divide(sum("value_usd").over(Window.partitionBy(cols(keyYear)))))
        .withColumn("_dest_total", sum("value_usd").over(Window.partitionBy(cols(keyDest))));
    Dataset<Row> ranked = yearly.withColumn("_dest_rank", dense_rank().over(Window.partitionBy(cols(key))
        .orderBy(desc("_dest_total"), col(SupplyColumns.DESTINATION))));
    List<Row> rows = collect(firstKeys(ranked, key, TOP_SERIES).filter(col("_dest_rank").leq(TOP_SERIES))
        .select(col(SupplyColumns.EXPORTER), col(SupplyColumns.PRODUCT_GROUP), col(SupplyColumns.DESTINATION),
            col(SupplyColumns.YEAR), col("share"), col("value_usd"), col("_dest_rank"))
        .orderBy(col(SupplyColumns.EXPORTER), col(SupplyColumns.PRODUCT_GROUP), col("_dest_rank"),
            col(SupplyColumns.YEAR)));
    Map<String, List<Row>> byGroup = new LinkedHashMap<>();
    rows.forEach(r -> byGroup.computeIfAbsent(r.get(0) + "|" + r.get(1), k -> new ArrayList<>()).add(r));
    for (List<Row> g : byGroup.values()) {
      List<String> top = g.stream().map(r -> String.valueOf(r.get(2))).distinct().toList();
      List<Series> series = new ArrayList<>();
      for (String d : top) {
        List<Row> rs = g.stream().filter(r -> String.valueOf(r.get(2)).equals(d)).toList();
        series.add(new Series(d, rs.stream().mapToDouble(r -> r.getInt(3)).toArray(), values(rs, 4)));
      }
      Object exporter = g.get(0).get(0);
      Object product = g.get(0).get(1);
      String label = exporter + " · " + product;
      b.append(Figure.of(report.figureId("dest"), "Export destinations' shares: " + label, () -> Charts.line(report.chartId(), "year",
          "share of the year's export value (fraction, 0–1)", series, List.of(), true),
          "Each of the " + top.size() + " largest destinations' share of " + exporter + "'s exports of " + product
              + " by value, per calendar year (monthly values summed). From table export_destinations (value_usd).",
          List.of("destination_iso3", "year", "share", "value_usd"), g.stream().map(r -> Arrays.<Object>asList(
              r.get(2), r.get(3), r.get(4), r.get(5))).toList(), 4).html());
    }
    return b.toString();
  }

  /** One query: per export-control event × product group, the {@code TOP_SUPPLIERS} largest destinations. */
  private static String eventWindows(ReportContext report, Dataset<Row> events) {
    StringBuilder b = new StringBuilder();
    List<String> key = List.of(SupplyColumns.EVENT_DATE, SupplyColumns.MEASURE, SupplyColumns.PRODUCT_GROUP);
    List<Row> rows = collect(firstKeys(events, key, 3 * TOP_SERIES)
        .withColumn("_rank", row_number().over(Window.partitionBy(cols(key)).orderBy(
            col("value_before_usd").desc_nulls_last(), col(SupplyColumns.DESTINATION))))
        .filter(col("_rank").leq(TOP_SUPPLIERS))
        .select(col(key.get(0)), col(key.get(1)), col(key.get(2)), col(SupplyColumns.DESTINATION),
            col("value_before_usd"), col("value_after_usd"), col("value_change_pct"), col("status"))
        .orderBy(col(key.get(0)), col(key.get(1)), col(key.get(2)), col("_rank")));
    Map<String, List<Row>> byEvent = new LinkedHashMap<>();
    rows.forEach(r -> byEvent.computeIfAbsent(r.get(0) + "|" + r.get(1) + "|" + r.get(2), k -> new ArrayList<>())
        .add(r));
    if (!byEvent.isEmpty()) {
      b.append("<h3>Export-control events</h3>");
    }
    for (List<Row> ev : byEvent.values()) {
      Row g = ev.get(0);
      List<String> dests = ev.stream().map(r -> String.valueOf(r.get(3))).toList();
      double[][] v = {values(ev, 4), values(ev, 5)};
      String label = g.get(0) + " " + g.get(1) + " · " + g.get(2);
      if (Arrays.stream(v[0]).allMatch(Double::isNaN) && Arrays.stream(v[1]).allMatch(Double::isNaN)) {
        b.append("<p>").append(Html.esc(label)).append(": no exports of ").append(Html.esc(g.get(2)))
            .append(" in the run's data around this event (table event_windows, status ")
            .append(Html.esc(ev.stream().map(r -> String.valueOf(r.get(7))).distinct().toList())).append(").</p>");
        continue;
      }
      b.append(Figure.of(report.figureId("event"), "Before / after: " + label, () -> Charts.bars(report.chartId(), "destination (ISO3)",
          "mean monthly export value (USD)", List.of("before", "after"), dests, v, false, List.of()),
          "Mean monthly export value to each destination in the window before and after the " + g.get(1)
              + " of " + g.get(0) + " on " + g.get(2) + " (the event's month in neither). From table event_windows "
              + "(value_before_usd, value_after_usd).",
          List.of("destination_iso3", "value_before_usd", "value_after_usd", "value_change_pct", "status"),
          ev.stream().map(r -> Arrays.<Object>asList(r.get(3), r.get(4), r.get(5), r.get(6), r.get(7))).toList(), 2)
          .html());
    }
    return b.toString();
  }
}
