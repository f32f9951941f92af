package io.chokepoint.report.sections;

import static io.chokepoint.report.Queries.MAX_ROWS;
import static io.chokepoint.report.Queries.TOP_SERIES;
import static io.chokepoint.report.Queries.collect;
import static io.chokepoint.report.Queries.firstKeys;
import static io.chokepoint.report.Queries.list;
import static io.chokepoint.report.Queries.values;
import static org.apache.spark.sql.functions.year;

import io.chokepoint.report.Charts;
import io.chokepoint.report.Charts.Series;
import io.chokepoint.report.Figure;
import io.chokepoint.report.Queries;
import io.chokepoint.report.ReportContext;
import io.chokepoint.report.Section;
import io.chokepoint.schema.GrowthColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Growth, from {@code cagr_audit} and {@code projections}: stated beside implied CAGR per series, and
 * each series projected at both rates. Absent without both.
 */
public final class GrowthSection implements Section {
  @Override
  public String title() {
    return "Growth";
  }

  @Override
  public Optional<String> body(ReportContext report) {
    Dataset<Row> audit = report.table("cagr_audit");
    Dataset<Row> proj = report.table("projections");
    if (audit == null && proj == null) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    Map<String, String> units = new LinkedHashMap<>();
    if (audit != null) {
      List<Row> rows = collect(audit.select(GrowthColumns.SERIES_ID, GrowthColumns.STATED_CAGR_PCT,
          GrowthColumns.IMPLIED_CAGR_PCT, GrowthColumns.GAP_PP, GrowthColumns.UNIT, GrowthColumns.BASE_YEAR,
          GrowthColumns.TARGET_YEAR, GrowthColumns.STATUS).orderBy(GrowthColumns.SERIES_ID).limit(MAX_ROWS));
      rows.forEach(r -> units.put(String.valueOf(r.get(0)), r.getString(4)));
      List<String> ids = rows.stream().map(r -> String.valueOf(r.get(0))).toList();
      double[][] v = {values(rows, 1), values(rows, 2)};
      b.append(Figure.of(report.figureId("cagr"), "Stated versus implied CAGR", () -> Charts.bars(report.chartId(), "series",
          "compound annual growth rate (% a year)", List.of("stated", "implied by base and target"), ids, v, false,
          List.of()),
          "Each forecast's stated CAGR beside the rate its own base and target values imply; the gap is the "
              + "difference in percentage points (blank implied: no target year). From table cagr_audit "
              + "(stated_cagr_pct, implied_cagr_pct, gap_pp).",
          List.of("series_id", "stated_cagr_pct", "implied_cagr_pct", "gap_pp", "unit", "base_year", "target_year",
              "status"), rows.stream().map(Queries::list).toList(), 2).html());
    }
    if (proj != null) {
      // One query: the rows of the first 2 × TOP_SERIES series (by id).
      List<Row> rows = collect(firstKeys(proj, List.of(GrowthColumns.SERIES_ID), 2 * TOP_SERIES)
          .select(GrowthColumns.SERIES_ID, GrowthColumns.YEAR, GrowthColumns.VALUE_STATED, GrowthColumns.VALUE_IMPLIED,
              GrowthColumns.KIND).orderBy(GrowthColumns.SERIES_ID, GrowthColumns.YEAR));
      List<Object> ids = rows.stream().map(r -> r.get(0)).distinct().toList();
      b.append("<h3>Projections</h3><div class=\"pair\">");
      for (Object s : ids) {
        List<Row> rs = rows.stream().filter(r -> String.valueOf(r.get(0)).equals(String.valueOf(s))).toList();
        double[] years = rs.stream().mapToDouble(r -> r.getInt(1)).toArray();
        String unit = units.getOrDefault(String.valueOf(s), "series unit");
        b.append(Figure.of(report.figureId("proj"), "Projection: " + s, () -> Charts.line(report.chartId(), "year",
            "value (" + (unit == null ? "series unit" : unit) + ")",
            List.of(new Series("at the stated rate", years, values(rs, 2)),
                new Series("at the implied rate", years, values(rs, 3))), List.of(), true),
            "Series " + s + " projected from its base year to the horizon at the stated CAGR and at the implied "
                + "one. From table projections (value_at_stated_rate, value_at_implied_rate).",
            List.of("series_id", "year", "value_at_stated_rate", "value_at_implied_rate", "kind"),
            rs.stream().map(Queries::list).toList(), 2).html());
      }
      b.append("</div>");
    }
    return Optional.of(b.toString());
  }
}
