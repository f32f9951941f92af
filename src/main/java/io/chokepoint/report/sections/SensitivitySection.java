package io.chokepoint.report.sections;

import static io.chokepoint.report.Queries.collect;
import static io.chokepoint.report.Queries.firstKeys;
import static io.chokepoint.report.Queries.list;
import static io.chokepoint.report.Queries.productColumn;
import static io.chokepoint.report.Queries.values;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.year;

import io.chokepoint.report.Charts;
import io.chokepoint.report.Figure;
import io.chokepoint.report.Html;
import io.chokepoint.report.Queries;
import io.chokepoint.report.ReportContext;
import io.chokepoint.report.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Sensitivity, from {@code sensitivity_tornado} and {@code sensitivity_two_way}, for one reporter
 * ({@code params.gdp.reporter} when it has scenarios, else the first): tornadoes of the chosen metrics
 * and the two-way table as a heat map, for its first three products. Absent without both tables.
 */
public final class SensitivitySection implements Section {
  @Override
  public String title() {
    return "Sensitivity";
  }

  @Override
  public Optional<String> body(ReportContext report) {
    Dataset<Row> tornado = report.table("sensitivity_tornado");
    Dataset<Row> twoWay = report.table("sensitivity_two_way");
    if (tornado == null && twoWay == null) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    Dataset<Row> any = tornado != null ? tornado : twoWay;
    String product = productColumn(any);
    String wanted = report.manifest().path("spec").path("params").path("gdp").path("reporter").asText("JPN");
    // Three queries in all: the reporters, then the chosen reporter's tornado rows and two-way rows for
    // its first three products (Java picks the metrics and splits by product).
    List<String> reporters = collect(any.select("reporter_iso3").distinct()).stream().map(r -> r.getString(0))
        .filter(java.util.Objects::nonNull).sorted().toList();
    if (reporters.isEmpty()) {
      return Optional.of(b.append("<p>No scenarios.</p>").toString());
    }
    String reporter = reporters.contains(wanted) ? wanted : reporters.get(0);
    b.append("<p>Reporter ").append(Html.esc(reporter))
        .append(" (params.gdp.reporter when it has scenarios, else the first reporter).</p>");
    List<Row> tornadoRows = tornado == null ? List.of() : collect(firstKeys(tornado
        .filter(col("reporter_iso3").equalTo(reporter)), List.of(product), 3)
        .select(col("factor"), col("low"), col("high"), col("value_at_low"), col("value_at_high"), col("swing"),
            col("rank"), col("base_year"), col(product).cast("string"), col("metric").cast("string"))
        .orderBy(col(product), col("metric"), col("rank")));
    List<String> products = tornado != null
        ? tornadoRows.stream().map(r -> r.getString(8)).distinct().toList() : null;
    List<Row> twoWayRows = twoWay == null ? List.of() : collect((products != null
        ? twoWay.filter(col("reporter_iso3").equalTo(reporter).and(col(product).cast("string").isin(products.toArray())))
        : firstKeys(twoWay.filter(col("reporter_iso3").equalTo(reporter)), List.of(product), 3))
        .select(col("x_factor"), col("x_value"), col("y_factor"), col("y_value"), col("metric"), col("value"),
            col(product).cast("string"))
        .orderBy(col(product), col("y_value"), col("x_value")));
    if (products == null) {
      products = twoWayRows.stream().map(r -> r.getString(6)).distinct().toList();
    }
    for (String p : products) {
      String label = reporter + " · " + p;
      b.append("<h3>").append(Html.esc(label)).append("</h3><div class=\"pair\">");
      if (tornado != null) {
        List<Row> t = tornadoRows.stream().filter(r -> p.equals(r.getString(8))).toList();
        List<Object> metrics = t.stream().map(r -> (Object) r.getString(9)).distinct().sorted(
            java.util.Comparator.comparing(String::valueOf)).toList();
        List<String> chosen = new ArrayList<>();
        for (String m : List.of("extra_cost_jpy", "shortfall_usd", "gdp_impact_pct")) {
          if (metrics.contains(m)) {
            chosen.add(m);
          }
        }
        if (chosen.isEmpty() && !metrics.isEmpty()) {
          chosen.add(String.valueOf(metrics.get(0)));
        }
        for (String m : chosen) {
          List<Row> rows = t.stream().filter(r -> m.equals(r.getString(9)))
              .map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
                  r.get(7))).toList();
          List<String> factors = rows.stream().map(r -> String.valueOf(r.get(0))).toList();
          double[] lo = values(rows, 3);
          double[] hi = values(rows, 4);
          b.append(Figure.of(report.figureId("tornado"), "Tornado: " + m + ", " + label, () -> Charts.intervals(report.chartId(),
              "factor (ranked by swing)", m + " (" + unitOf(m) + ")", m, factors, lo, hi),
              "How far " + m + " moves when one factor goes from its low to its high level and the others stay at "
                  + "their base, for " + label + " (base year " + (rows.isEmpty() ? "" : rows.get(0).get(7))
                  + "). Each bar spans the values at the two levels. From table sensitivity_tornado.",
              List.of("factor", "low", "high", "value_at_low", "value_at_high", "swing", "rank", "base_year"),
              rows.stream().map(Queries::list).toList(), 2).html());
        }
      }
      if (twoWay != null) {
        List<Row> rows = twoWayRows.stream().filter(r -> p.equals(r.getString(6)))
            .map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5))).toList();
        if (!rows.isEmpty()) {
          double[] xs = rows.stream().mapToDouble(r -> r.getDouble(1)).distinct().sorted().toArray();
          double[] ys = rows.stream().mapToDouble(r -> r.getDouble(3)).distinct().sorted().toArray();
          double[][] z = new double[ys.length][xs.length];
          for (double[] zr : z) {
            Arrays.fill(zr, Double.NaN);
          }
          for (Row r : rows) {
            z[Arrays.binarySearch(ys, r.getDouble(3))][Arrays.binarySearch(xs, r.getDouble(1))] =
                r.isNullAt(5) ? Double.NaN : r.getDouble(5);
          }
          String xf = rows.get(0).getString(0);
          String yf = rows.get(0).getString(2);
          String metric = rows.get(0).getString(4);
          b.append(Figure.of(report.figureId("twoway"), "Two-way: " + metric + " by " + xf + " × " + yf + ", " + label,
              () -> Charts.heat(report.chartId(), xf + " (" + unitOf(xf) + ")", yf + " (" + unitOf(yf) + ")",
                  metric + " (" + unitOf(metric) + ")", xs, ys, z),
              metric + " for every pair of " + xf + " and " + yf + " levels, the other factors at their base, for "
                  + label + "; darker is larger. From table sensitivity_two_way.",
              List.of("x_factor", "x_value", "y_factor", "y_value", "metric", "value"),
              rows.stream().map(Queries::list).toList(), 2).html());
        }
      }
      b.append("</div>");
    }
    return Optional.of(b.toString());
  }

  private static String unitOf(String name) {
    if (name.endsWith("_usd")) {
      return "USD";
    }
    if (name.endsWith("_jpy")) {
      return "JPY";
    }
    if (name.endsWith("_pct")) {
      return "%";
    }
    if (name.endsWith("_share")) {
      return "fraction, 0–1";
    }
    if (name.endsWith("_months")) {
      return "months";
    }
    if (name.endsWith("_kg")) {
      return "kg";
    }
    return "as in the table";
  }
}
