package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.year;

import io.chokepoint.metrics.Growth;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.GrowthColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.SupplyColumns;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.GrowthParams;
import io.chokepoint.spec.InputNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Growth: audits stated CAGRs ({@code cagr_audit}), projects each market size ({@code projections})
 * and gives the trend growth ({@code trend_growth}) of every annual series the job has: FRED series
 * from {@code series} (annual means, id {@code fred:<ID>}) and what other steps of the same job
 * produced: import totals per reporter and product ({@code trade:<reporter>:<flow>:<product>}),
 * exports per exporter and product group over complete years ({@code exports:<exporter>:<group>})
 * and production totals ({@code production:<source>:<commodity>:<stage>}).
 */
final class GrowthStep implements Step {
  static final String CAGR_AUDIT = "cagr_audit";
  static final String PROJECTIONS = "projections";
  static final String TREND_GROWTH = "trend_growth";

  @Override
  public String name() {
    return "growth";
  }

  @Override
  public List<String> triggers() {
    return List.of(InputNames.MARKET_SIZES, InputNames.SERIES);
  }

  @Override
  public List<String> reads() {
    return List.of(InputNames.MARKET_SIZES, InputNames.SERIES);
  }

  @Override
  public List<String> uses() {
    return List.of(TradeExposureStep.CONCENTRATION, SupplyStep.EXPORT_CONCENTRATION, SupplyStep.PRODUCTION_CONCENTRATION);
  }

  @Override
  public List<String> produces() {
    return List.of(CAGR_AUDIT, PROJECTIONS, TREND_GROWTH);
  }

  @Override
  public void run(StepContext ctx) {
    GrowthParams p = ctx.params().growth();
    ctx.input(InputNames.MARKET_SIZES).ifPresent(sizes -> {
      Dataset<Row> audit = ctx.publish(CAGR_AUDIT, Growth.cagrAudit(sizes.drop(RowStatus.ALL), p.tolerancePp()));
      ctx.publish(PROJECTIONS, Growth.projections(audit, p.horizonYear()));
    });

    List<Dataset<Row>> series = new ArrayList<>();
    ctx.input(InputNames.SERIES).ifPresent(obs ->
      series.add(Growth.annualMeans(obs.withColumn(GrowthColumns.SERIES_ID,
              concat_ws(":", lit("fred"), col(GrowthColumns.SERIES_ID))))
          .select(GrowthColumns.SERIES_ID, GrowthColumns.YEAR, GrowthColumns.VALUE)));
    ctx.table(TradeExposureStep.CONCENTRATION).ifPresent(t -> series.add(t.rows()
        .where(col(TradeColumns.MONTH).isNull().and(col(ExposureColumns.STATUS).equalTo(ExposureColumns.OK)))
        .select(concat_ws(":", lit("trade"), col(TradeColumns.REPORTER), col(TradeColumns.FLOW), col(t.product()))
                .as(GrowthColumns.SERIES_ID),
            col(TradeColumns.YEAR).as(GrowthColumns.YEAR),
            col(ExposureColumns.TOTAL_VALUE_USD).as(GrowthColumns.VALUE))));
    ctx.table(SupplyStep.EXPORT_CONCENTRATION).ifPresent(t -> series.add(t.rows()
        .groupBy(col(SupplyColumns.EXPORTER), col(SupplyColumns.PRODUCT_GROUP), year(col(SupplyColumns.MONTH)).as("y"))
        .agg(sum("total_value_usd").as("v"), count(lit(1)).as("n"))
        .where(col("n").equalTo(12))
        .select(concat_ws(":", lit("exports"), col(SupplyColumns.EXPORTER), col(SupplyColumns.PRODUCT_GROUP))
            .as(GrowthColumns.SERIES_ID), col("y").as(GrowthColumns.YEAR), col("v").as(GrowthColumns.VALUE))));
    ctx.table(SupplyStep.PRODUCTION_CONCENTRATION).ifPresent(t -> series.add(t.rows()
        .where(col(SupplyColumns.STAGE).notEqual("reserves").and(col("status").equalTo("ok")))
        .groupBy(col(SupplyColumns.DATA_SOURCE), col(SupplyColumns.COMMODITY), col(SupplyColumns.STAGE),
            col(SupplyColumns.UNIT), col(SupplyColumns.YEAR))
        .agg(max("denominator").as("v"))
        .select(concat_ws(":", lit("production"), col(SupplyColumns.DATA_SOURCE), col(SupplyColumns.COMMODITY),
                col(SupplyColumns.STAGE)).as(GrowthColumns.SERIES_ID), col(SupplyColumns.YEAR).as(GrowthColumns.YEAR),
            col("v").as(GrowthColumns.VALUE))));
    if (!series.isEmpty()) {
      Dataset<Row> all = series.get(0);
      for (int i = 1; i < series.size(); i++) {
        all = all.unionByName(series.get(i));
      }
      ctx.publish(TREND_GROWTH, Growth.trend(all, p.minPoints(), p.horizonYear()));
    }
  }
}
