package io.chokepoint.report.sections;

import static io.chokepoint.report.Queries.TOP_SERIES;
import static io.chokepoint.report.Queries.collect;
import static io.chokepoint.report.Queries.hasColumn;
import static io.chokepoint.report.Queries.list;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.chokepoint.reference.StageReference;
import io.chokepoint.report.Charts;
import io.chokepoint.report.Charts.Marker;
import io.chokepoint.report.Figure;
import io.chokepoint.report.Queries;
import io.chokepoint.report.ReportContext;
import io.chokepoint.report.Section;
import io.chokepoint.schema.ChainColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Value chain and blocs, from {@code stage_exposure}, {@code stage_production} and
 * {@code bloc_pooled}: per material, the focus supplier's share at each stage of the value chain,
 * on the import side (the material's largest importer in its latest year) and on the world
 * production side, against the single-supplier limit; per bloc, its members' pooled imports of its
 * largest product split between the bloc itself, the focus supplier and everyone else, per year.
 * Absent without those tables.
 */
public final class ValueChainSection implements Section {
  @Override
  public String title() {
    return "Value chain and blocs";
  }

  @Override
  public Optional<String> body(ReportContext report) {
    Dataset<Row> exposure = report.table("stage_exposure");
    Dataset<Row> production = report.table("stage_production");
    Dataset<Row> pooled = report.table("bloc_pooled");
    if (exposure == null && production == null && pooled == null) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    double limit = report.param("single_supplier_limit", 0.65);
    Map<String, Map<String, double[]>> shares = new LinkedHashMap<>(); // material → stage → {imports, production}
    Map<String, String> importSide = new LinkedHashMap<>();
    Map<String, String> productionSide = new LinkedHashMap<>();
    List<List<Object>> numbers = new ArrayList<>();
    if (exposure != null) {
      // The material's latest year, its largest importer that year (summed over stages), its rows: one query.
      Dataset<Row> countries = exposure.where(col(ChainColumns.IMPORTER_KIND).equalTo(ChainColumns.KIND_COUNTRY));
      Dataset<Row> latest = countries.groupBy(col(ChainColumns.MATERIAL).as("_lm")).agg(max("year").as("_y"));
      Dataset<Row> largest = countries.join(broadcast(latest), col(ChainColumns.MATERIAL).equalTo(col("_lm"))
              .and(col("year").equalTo(col("_y"))))
          .groupBy(col(ChainColumns.MATERIAL), col(ChainColumns.IMPORTER), col("_y"))
          .agg(sum("total_value_usd").as("_t"))
          .groupBy(col(ChainColumns.MATERIAL).as("_m"))
          .agg(min(struct(negate(col("_t")), col(ChainColumns.IMPORTER), col("_y"))).as("_pick"));
      for (Row r : collect(countries.join(broadcast(largest), col(ChainColumns.MATERIAL).equalTo(col("_m"))
              .and(col(ChainColumns.IMPORTER).equalTo(col("_pick." + ChainColumns.IMPORTER)))
              .and(col("year").equalTo(col("_pick._y"))))
          .select(col(ChainColumns.MATERIAL), col(ChainColumns.STAGE), col("year"), col(ChainColumns.IMPORTER),
              col("focus_share"), col("top1_partner_iso3"), col("top1_share"), col("purity"))
          .orderBy(ChainColumns.MATERIAL, ChainColumns.STAGE))) {
        shares.computeIfAbsent(r.getString(0), m -> new LinkedHashMap<>())
            .computeIfAbsent(r.getString(1), s -> new double[] {Double.NaN, Double.NaN})[0] = number(r, 4);
        importSide.put(r.getString(0), r.getString(3) + "'s imports, " + r.getInt(2));
        numbers.add(List.of(r.getString(0), r.getString(1), "imports of " + r.getString(3), r.getInt(2), cell(r, 4),
            String.valueOf(r.get(5)), cell(r, 6), String.valueOf(r.get(7))));
      }
    }
    if (production != null) {
      // Per material and stage, the latest year's row (of the first data source when several give it).
      Dataset<Row> latest = production.groupBy(col(ChainColumns.MATERIAL).as("_m"), col(ChainColumns.STAGE).as("_s"))
          .agg(max(struct(col("year"), col("data_source"))).as("_pick"));
      for (Row r : collect(production.join(broadcast(latest), col(ChainColumns.MATERIAL).equalTo(col("_m"))
              .and(col(ChainColumns.STAGE).equalTo(col("_s"))).and(col("year").equalTo(col("_pick.year")))
              .and(col("data_source").equalTo(col("_pick.data_source"))))
          .select(col(ChainColumns.MATERIAL), col(ChainColumns.STAGE), col("year"), col("data_source"),
              col("focus_share"), col("top1_country_iso3"), col("top1_share"), col("commodity"))
          .orderBy(ChainColumns.MATERIAL, ChainColumns.STAGE))) {
        shares.computeIfAbsent(r.getString(0), m -> new LinkedHashMap<>())
            .computeIfAbsent(r.getString(1), s -> new double[] {Double.NaN, Double.NaN})[1] = number(r, 4);
        productionSide.put(r.getString(0), "world production, " + r.getInt(2));
        numbers.add(List.of(r.getString(0), r.getString(1), "world production (" + r.getString(3) + ")", r.getInt(2),
            cell(r, 4), String.valueOf(r.get(5)), cell(r, 6), String.valueOf(r.get(7))));
      }
    }
    int charts = 0;
    for (Map.Entry<String, Map<String, double[]>> m : shares.entrySet()) {
      if (charts++ >= TOP_SERIES) {
        break;
      }
      List<String> stages = StageReference.STAGES.stream().filter(m.getValue()::containsKey).toList();
      double[][] v = new double[2][stages.size()];
      for (int i = 0; i < stages.size(); i++) {
        v[0][i] = m.getValue().get(stages.get(i))[0];
        v[1][i] = m.getValue().get(stages.get(i))[1];
      }
      String material = m.getKey();
      List<String> series = List.of("imports (" + importSide.getOrDefault(material, "none") + ")",
          "production (" + productionSide.getOrDefault(material, "none") + ")");
      b.append(Figure.of(report.figureId("chain"), "Value chain: " + material, () -> Charts.bars(report.chartId(),
              "stage", "focus supplier's share (0–1)", series, stages, v, false,
              List.of(new Marker(limit, "single-supplier limit " + Math.round(limit * 100) + "%"))),
          "The focus supplier's share of " + material + " at each stage of the value chain: of the largest importer's "
              + "imports in the latest year and of world production in the latest year; the dashed line is the "
              + "single-supplier limit (EU CRMA: 65%). A stage without a bar has no rows on that side. From tables "
              + "stage_exposure and stage_production.",
          List.of("material", "stage", "side", "year", "focus_share", "top1", "top1_share", "purity / commodity"),
          numbers.stream().filter(r -> r.get(0).equals(material)).toList(), 3).html());
    }
    if (pooled != null && hasColumn(pooled, "inside_share")) {
      b.append(blocs(report, pooled));
    }
    return Optional.of(b.length() == 0 ? "<p>No rows.</p>" : b.toString());
  }

  /** Per bloc, its largest product (pooled imports, the latest year): inside, focus and others per year. */
  private static String blocs(ReportContext report, Dataset<Row> pooled) {
    String product = Queries.productColumn(pooled);
    Dataset<Row> annual = pooled.where(col("month").isNull().and(col("flow").equalTo("import")));
    Dataset<Row> latest = annual.groupBy(col(ChainColumns.BLOC).as("_b")).agg(max("year").as("_y"));
    Dataset<Row> pick = annual.join(broadcast(latest), col(ChainColumns.BLOC).equalTo(col("_b"))
            .and(col("year").equalTo(col("_y"))))
        .groupBy(col("_b")).agg(min(struct(negate(col("total_value_usd")), col(product).cast("string").as("p")))
            .as("_pick"));
    List<Row> rows = collect(annual.join(broadcast(pick), col(ChainColumns.BLOC).equalTo(col("_b"))
            .and(col(product).cast("string").equalTo(col("_pick.p"))))
        .select(col(ChainColumns.BLOC), col(product).cast("string"), col("year"), col("inside_share"),
            col("focus_share"), col("others_share"), col("members_reporting"), col("territories"))
        .orderBy(ChainColumns.BLOC, "year"));
    Map<String, List<Row>> byBloc = new LinkedHashMap<>();
    rows.forEach(r -> byBloc.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
    StringBuilder b = new StringBuilder();
    int charts = 0;
    for (Map.Entry<String, List<Row>> e : byBloc.entrySet()) {
      if (charts++ >= TOP_SERIES) {
        break;
      }
      List<Row> rs = e.getValue();
      List<String> years = rs.stream().map(r -> String.valueOf(r.getInt(2))).toList();
      double[][] v = {Queries.values(rs, 3), Queries.values(rs, 4), Queries.values(rs, 5)};
      String productName = rs.get(0).getString(1);
      b.append(Figure.of(report.figureId("bloc"), "Bloc " + e.getKey() + ": " + productName, () -> Charts.bars(
              report.chartId(), "year", "share of the bloc's pooled imports (0–1)",
              List.of("inside the bloc", "focus supplier", "everyone else"), years, v, false, List.of()),
          "The members of " + e.getKey() + " pooled as one importer (their imports of " + productName + " summed by "
              + "partner, membership as of each year, territories " + rs.get(0).getString(7) + "): the share bought "
              + "from members, from the focus supplier and from everyone else. From table bloc_pooled.",
          List.of("bloc", "product", "year", "inside_share", "focus_share", "others_share", "members_reporting",
              "territories"), rs.stream().map(r -> list(r)).toList(), 3).html());
    }
    return b.toString();
  }

  private static double number(Row r, int i) {
    return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
  }

  private static Object cell(Row r, int i) {
    return r.isNullAt(i) ? null : r.get(i);
  }
}
