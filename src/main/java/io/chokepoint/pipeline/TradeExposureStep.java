package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;

import io.chokepoint.compat.Observations;
import io.chokepoint.ingest.TradeRowParser;
import io.chokepoint.metrics.Concentration;
import io.chokepoint.metrics.Exposure;
import io.chokepoint.metrics.SupplierShares;
import io.chokepoint.metrics.TradeScope;
import io.chokepoint.quality.ExposureChecks;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.TradeParams;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * Trade exposure: reads {@code trade_flows} (scoped while it is ingested: flows, reporters, years,
 * frequency, commodity groups), publishes {@code trade_flows} (the canonical rows used),
 * {@code supplier_shares} and {@code concentration}.
 */
final class TradeExposureStep implements Step {
  static final String TRADE_FLOWS = "trade_flows";
  static final String SUPPLIER_SHARES = "supplier_shares";
  static final String CONCENTRATION = "concentration";

  @Override
  public String name() {
    return "trade_exposure";
  }

  @Override
  public List<String> triggers() {
    return List.of(InputNames.TRADE_FLOWS);
  }

  @Override
  public List<String> reads() {
    return List.of(InputNames.TRADE_FLOWS);
  }

  @Override
  public List<String> produces() {
    return List.of(TRADE_FLOWS, SUPPLIER_SHARES, CONCENTRATION);
  }

  @Override
  public Dataset<Row> scope(String input, Dataset<Row> parsed, JobSpec spec, Reference ref) {
    var groups = ref.groups();
    return TradeScope.apply(parsed, groups.table(parsed.sparkSession()), TradeScope.prefixLengths(groups),
        spec.params().trade());
  }

  /**
   * The used rows are published as they are: CSV input lands straight in {@code trade_flows} (a work
   * table when it is not published); Parquet input too when it is published (see {@link Run#ingest}).
   */
  @Override
  public Optional<Landing> landing(String input, JobSpec spec) {
    return Optional.of(new Landing(TRADE_FLOWS, spec.params().trade().publishTradeFlows(), TradeColumns.NAMES,
        Stream.concat(TradeRowParser.FILTER_REASONS.stream(), TradeScope.REASONS.stream()).toList()));
  }

  @Override
  public void run(StepContext ctx) {
    TradeParams p = ctx.params().trade();
    Dataset<Row> used = ctx.input(InputNames.TRADE_FLOWS).orElseThrow();
    if (p.publishTradeFlows() && !ctx.published(TRADE_FLOWS)) { // not landed: another step reads the input too
      ctx.publish(TRADE_FLOWS, used.select(TradeColumns.NAMES.stream().map(c -> col(c)).toArray(Column[]::new)));
    }
    String product = p.groupBy();
    // Both exposure tables are projections of one shuffle, whose map side runs once (here, with
    // adaptive execution, Spark's default; without it, in the first write); its
    // sort and per-product pass run once for each table as it is written, which costs less than
    // landing the pass as a work table and reading it twice (see docs/performance.md).
    // The checks' counts are observed while the tables are written, so no table is read again to
    // check it.
    List<String> keys = SupplierShares.keys(product);
    Dataset<Row> exposure = ctx.stage("exposure", () -> Exposure.compute(used, product, p.focusSupplier()));
    ctx.inputRead(InputNames.TRADE_FLOWS); // the map side read it: Parquet read in place is counted from it
    Observation shareCounts = Observations.fresh("exposure_checks");
    List<Column> m = ExposureChecks.exposureMetrics(keys);
    ctx.publish(SUPPLIER_SHARES, SupplierShares.of(exposure.observe(shareCounts, m.get(0),
        m.subList(1, m.size()).toArray(Column[]::new)), product), product);
    Run.Staged concentration = ctx.publish(CONCENTRATION, Concentration.of(exposure, product,
        p.focusSupplier(), p.hhiModerate(), p.hhiHigh()), product, ExposureChecks.concentrationMetrics(keys));
    ExposureChecks.run(exposure, concentration.rows(), keys, ctx.sources(), Observations.metrics(shareCounts),
        concentration.metrics()).forEach(ctx::check);
  }
}
