package io.chokepoint.report.sections;

import static io.chokepoint.report.Queries.TOP_SUPPLIERS;
import static io.chokepoint.report.Queries.collect;
import static io.chokepoint.report.Queries.hasColumn;
import static io.chokepoint.report.Queries.list;
import static io.chokepoint.report.Queries.values;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.chokepoint.report.Charts;
import io.chokepoint.report.Charts.Marker;
import io.chokepoint.report.Figure;
import io.chokepoint.report.ReportContext;
import io.chokepoint.report.Section;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Supply risk, from {@code supply_risk} (material, stage, period, sr, published_sr, critical): the
 * latest period's SR per material and stage beside the published value, against the SR = 1 threshold.
 * Absent without that table or those columns.
 */
public final class SupplyRiskSection implements Section {
  @Override
  public String title() {
    return "Supply risk";
  }

  @Override
  public Optional<String> body(ReportContext report) {
    Dataset<Row> risk = report.table("supply_risk");
    List<String> needed = List.of("material", "stage", "period", "sr", "published_sr", "critical");
    if (risk == null || !needed.stream().allMatch(c -> hasColumn(risk, c))) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    // One query: the latest period's rows (the period found by a join to the one-row maximum, not a
    // query of its own).
    Dataset<Row> periods = risk.withColumn("_period", col("period").cast("string"));
    List<Row> rows = collect(periods
        .join(broadcast(periods.agg(max(col("_period")).as("_latest"))), col("_period").equalTo(col("_latest")))
        .select(col("material").cast("string"), col("stage").cast("string"), col("sr").cast("double"),
            col("published_sr").cast("double"), col("critical").cast("string"),
            hasColumn(risk, "status") ? col("status").cast("string") : lit(null).cast("string"), col("_period"))
        .orderBy(col("sr").desc_nulls_last(), col("published_sr").desc_nulls_last(), col("material"), col("stage"))
        .limit(3 * TOP_SUPPLIERS));
    if (rows.isEmpty()) {
      return Optional.of(b.append("<p>No rows.</p>").toString());
    }
    String period = rows.get(0).getString(6);
    List<String> cats = rows.stream().map(r -> r.getString(0) + " · " + r.getString(1)).toList();
    double[][] v = {values(rows, 2), values(rows, 3)};
    b.append(Figure.of(report.figureId("sr"), "Supply risk, " + period, () -> Charts.bars(report.chartId(), "material · stage",
        "supply risk SR (EU method, dimensionless)", List.of("SR (this run)", "SR (published)"), cats, v, true,
        List.of(new Marker(1.0, "critical threshold SR = 1"))),
        "Supply risk per material and stage for period " + period + " (the latest), ours beside the published "
            + "value; the dashed line is the SR threshold of criticality (SR ≥ 1, with EI ≥ 2.8). From table "
            + "supply_risk (sr, published_sr, critical; a row without sr says why in status).",
        List.of("material", "stage", "sr", "published_sr", "critical", "status"),
        rows.stream().map(r -> list(r).subList(0, 6)).toList(), 3).html());
    return Optional.of(b.toString());
  }
}
