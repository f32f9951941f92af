package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.year;

import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.FredReader;
import io.chokepoint.ingest.MarketSizeReader;
import io.chokepoint.metrics.Growth;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.GrowthColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.SupplyColumns;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.GrowthParams;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.TradeParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
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

  private List<FileLayout> sizeFiles = List.of();
  private List<FileLayout> seriesFiles = List.of();

  @Override
  public String name() {
    return "growth";
  }

  @Override
  public boolean applies(JobSpec spec) {
    return spec.input(InputNames.MARKET_SIZES).isPresent() || spec.input(InputNames.SERIES).isPresent();
  }

  @Override
  public List<String> preflight(JobSpec spec, Reference ref, Configuration conf) {
    GrowthParams.from(spec.params());
    List<String> lines = new ArrayList<>();
    spec.input(InputNames.MARKET_SIZES).ifPresent(in -> sizeFiles = MarketSizeReader.preflight(in, conf));
    spec.input(InputNames.SERIES).ifPresent(in -> seriesFiles = FredReader.preflight(in, conf));
    sizeFiles.forEach(f -> lines.add(f.describe(InputNames.MARKET_SIZES)));
    seriesFiles.forEach(f -> lines.add(f.describe(InputNames.SERIES)));
    return lines;
  }

  @Override
  public void run(RunContext ctx) {
    GrowthParams p = GrowthParams.from(ctx.spec.params());
    Optional<InputSpec> sizes = ctx.spec.input(InputNames.MARKET_SIZES);
    if (sizes.isPresent()) {
      Dataset<Row> used = RunContext.used(ctx.ingest(sizes.get(), sizeFiles,
          () -> MarketSizeReader.read(ctx.spark, sizes.get()))).drop(RowStatus.ALL);
      ctx.publishTable(CAGR_AUDIT, Growth.cagrAudit(used, p.tolerancePp()));
      ctx.publishTable(PROJECTIONS, Growth.projections(ctx.writer.read(CAGR_AUDIT), p.horizonYear()));
    }

    List<Dataset<Row>> series = new ArrayList<>();
    ctx.spec.input(InputNames.SERIES).ifPresent(in -> {
      Dataset<Row> obs = RunContext.used(ctx.ingest(in, seriesFiles, () -> FredReader.read(ctx.spark, in, ctx.runDate.getYear())));
      series.add(Growth.annualMeans(obs.withColumn(GrowthColumns.SERIES_ID,
              concat_ws(":", lit("fred"), col(GrowthColumns.SERIES_ID))))
          .select(GrowthColumns.SERIES_ID, GrowthColumns.YEAR, GrowthColumns.VALUE));
    });
    ctx.written(TradeExposureStep.CONCENTRATION).ifPresent(c -> {
      String product = TradeParams.from(ctx.spec.params()).groupBy();
      series.add(c.where(col(TradeColumns.MONTH).isNull().and(col(ExposureColumns.STATUS).equalTo(ExposureColumns.OK)))
          .select(concat_ws(":", lit("trade"), col(TradeColumns.REPORTER), col(TradeColumns.FLOW), col(product))
                  .as(GrowthColumns.SERIES_ID),
              col(TradeColumns.YEAR).as(GrowthColumns.YEAR),
              col(ExposureColumns.TOTAL_VALUE_USD).as(GrowthColumns.VALUE)));
    });
    ctx.written(SupplyStep.EXPORT_CONCENTRATION).ifPresent(c -> series.add(c
        .groupBy(col(SupplyColumns.EXPORTER), col(SupplyColumns.PRODUCT_GROUP), year(col(SupplyColumns.MONTH)).as("y"))
        .agg(sum("total_value_usd").as("v"), count(lit(1)).as("n"))
        .where(col("n").equalTo(12))
        .select(concat_ws(":", lit("exports"), col(SupplyColumns.EXPORTER), col(SupplyColumns.PRODUCT_GROUP))
            .as(GrowthColumns.SERIES_ID), col("y").as(GrowthColumns.YEAR), col("v").as(GrowthColumns.VALUE))));
    ctx.written(SupplyStep.PRODUCTION_CONCENTRATION).ifPresent(c -> series.add(c
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
      ctx.publishTable(TREND_GROWTH, Growth.trend(all, p.minPoints(), p.horizonYear()));
    }
  }
}
