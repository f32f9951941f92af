package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;

import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.TradeReader;
import io.chokepoint.metrics.Concentration;
import io.chokepoint.metrics.Exposure;
import io.chokepoint.metrics.SupplierShares;
import io.chokepoint.metrics.TradeScope;
import io.chokepoint.quality.Check;
import io.chokepoint.quality.ExposureChecks;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.TradeParams;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Trade exposure: reads {@code trade_flows}, writes {@code trade_flows} (the canonical rows used),
 * {@code supplier_shares} and {@code concentration}, and appends its rejects.
 *
 * <p>The input is scanned once: parsed and scoped rows land in a work table in staging
 * ({@link RunContext#ingest}), and every count and output is read from there.
 */
final class TradeExposureStep implements Step {
  static final String TRADE_FLOWS = "trade_flows";
  static final String SUPPLIER_SHARES = "supplier_shares";
  static final String CONCENTRATION = "concentration";

  private List<FileLayout> layouts = List.of();

  @Override
  public String name() {
    return "trade_exposure";
  }

  @Override
  public boolean applies(JobSpec spec) {
    return spec.input(InputNames.TRADE_FLOWS).isPresent();
  }

  @Override
  public List<String> preflight(JobSpec spec, Reference ref, Configuration conf) {
    TradeParams.from(spec.params());
    layouts = TradeReader.preflight(spec.inputs().get(InputNames.TRADE_FLOWS), conf);
    List<String> lines = new ArrayList<>();
    layouts.forEach(l -> lines.add(l.describe(InputNames.TRADE_FLOWS)));
    return lines;
  }

  @Override
  public void run(RunContext ctx) {
    InputSpec in = ctx.spec.inputs().get(InputNames.TRADE_FLOWS);
    TradeParams p = TradeParams.from(ctx.spec.params());
    var groups = ctx.reference.groups();

    Dataset<Row> used = RunContext.used(ctx.ingest(in, layouts, () -> TradeScope.apply(
        TradeReader.read(ctx.spark, in, ctx.reference.countries().lookupTable(ctx.spark)),
        groups.table(ctx.spark), TradeScope.prefixLengths(groups), p)));
    if (p.publishTradeFlows()) {
      ctx.publishTable(TRADE_FLOWS, used.select(TradeColumns.NAMES.stream().map(c -> col(c)).toArray(Column[]::new)));
    }

    String product = p.groupBy();
    // Both exposure tables and their checks are projections of one shuffle-and-sort, landed once.
    String work = JobRunner.WORK + "/exposure";
    ctx.stage("exposure", () -> ctx.writer.writeWork(work, Exposure.compute(used, product, p.focusSupplier())));
    Dataset<Row> exposure = ctx.writer.read(work);
    ctx.publishTable(SUPPLIER_SHARES, SupplierShares.of(exposure, product));
    ctx.publishTable(CONCENTRATION,
        Concentration.of(exposure, product, p.focusSupplier(), p.hhiModerate(), p.hhiHigh()));
    for (Check c : ExposureChecks.run(exposure, ctx.writer.read(CONCENTRATION), SupplierShares.keys(product))) {
      ctx.check(c);
    }
  }
}
