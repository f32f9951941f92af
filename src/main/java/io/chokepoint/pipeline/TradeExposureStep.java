package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;

import io.chokepoint.compat.Observations;
import io.chokepoint.ingest.TradeRowParser;
import io.chokepoint.metrics.Concentration;
import io.chokepoint.metrics.Exposure;
import io.chokepoint.metrics.ExposureAggregates;
import io.chokepoint.metrics.SupplierShares;
import io.chokepoint.metrics.TradeScope;
import io.chokepoint.metrics.ValueBasis;
import io.chokepoint.quality.ExposureChecks;
import io.chokepoint.schema.ChainColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.MirrorParams;
import io.chokepoint.spec.TradeParams;
import org.apache.hadoop.conf.Configuration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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
  public List<String> uses() {
    return List.of(MirrorFlowsStep.MIRROR_FLOWS);
  }

  @Override
  public Dataset<Row> scope(String input, Dataset<Row> parsed, JobSpec spec, Reference ref) {
    return tradeScope(parsed, spec, ref);
  }

  /** The job's trade scope ({@link TradeScope#apply}), shared by every step that reads the trade rows first. */
  static Dataset<Row> tradeScope(Dataset<Row> parsed, JobSpec spec, Reference ref) {
    var groups = ref.groups();
    TradeParams p = spec.params().trade();
    SparkSession spark = parsed.sparkSession();
    Dataset<Row> stageCodes = TradeParams.BY_STAGE.equals(p.groupBy()) ? stageCodes(ref, spark) : null;
    return TradeScope.apply(parsed, groups.table(spark), TradeScope.prefixLengths(groups), stageCodes, p);
  }

  /** Grouping by stage reads the stage reference: a bad file is exit 3 in preflight, before any data. */
  @Override
  public void preflight(JobSpec spec, Reference ref, Configuration conf) {
    if (TradeParams.BY_STAGE.equals(spec.params().trade().groupBy())) {
      ref.stageReference(conf);
      ref.hsEditions(conf);
    }
  }

  /** The stage reference's codes, with the HS-edition links, as {@link TradeScope} assigns stages from them. */
  private static Dataset<Row> stageCodes(Reference ref, SparkSession spark) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return ref.stageReference(conf).codes(spark, ref.hsEditions(conf));
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

  /**
   * Every parsed row of a trade input whatever the exposure step's scope, for the steps that pick
   * their own (value chain, the supply-risk bloc term): not rejected, and not a partial row whose
   * total is also there (breakdown rows and sub-flows, which would count twice).
   */
  static Dataset<Row> parsedRows(Dataset<Row> landed) {
    return landed.where(col(RowStatus.REJECT_REASON).isNull()
            .and(col(RowStatus.FILTER_REASON).isNull().or(col(RowStatus.FILTER_REASON)
                .isin(TradeRowParser.FILTER_REASONS.toArray()).unary_$bang())))
        .select(TradeColumns.NAMES.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
  }

  @Override
  public void run(StepContext ctx) {
    TradeParams p = ctx.params().trade();
    Dataset<Row> used = ctx.input(InputNames.TRADE_FLOWS).orElseThrow();
    if (p.publishTradeFlows() && !ctx.published(TRADE_FLOWS)) { // not landed: another step reads the input too
      ctx.publish(TRADE_FLOWS, used.select(TradeColumns.NAMES.stream().map(c -> col(c)).toArray(Column[]::new)));
    }
    String product = p.product();
    // Both exposure tables are projections of one shuffle, whose map side runs once (here, with
    // adaptive execution, Spark's default; without it, in the first write); its
    // sort and per-product pass run once for each table as it is written, which costs less than
    // landing the pass as a work table and reading it twice (see docs/performance.md).
    // The checks' counts are observed while the tables are written, so no table is read again to
    // check it.
    List<String> keys = SupplierShares.keys(product);
    Dataset<Row> flows = onValueBasis(ctx, used);
    if (TradeParams.BY_STAGE.equals(p.groupBy()) && !List.of(flows.columns()).contains(TradeScope.MATERIAL_STAGES)) {
      // Rows rebuilt on the mirror or reconciled basis carry their code: their stages are looked up again.
      flows = TradeScope.assignStages(flows, stageCodes(ctx.reference(), ctx.spark()));
    }
    Dataset<Row> rows = TradeScope.productRows(flows, p);
    boolean aggregates = Exposure.aggregatesPass(ctx.spark());
    Dataset<Row> exposure = aggregates ? ExposureAggregates.compute(rows, product, p.focusSupplier())
        : ctx.stage("exposure", () -> Exposure.compute(rows, product, p.focusSupplier()));
    // Grouping by stage, each table says how pure its material stage's codes are (shared with
    // another material, or carrying two stages): counted where the reference puts them, never silently.
    UnaryOperator<Dataset<Row>> purity = TradeParams.BY_STAGE.equals(p.groupBy())
        ? t -> t.withColumn(ChainColumns.STAGE_PURITY, ctx.reference()
            .stageReference(ctx.spark().sparkContext().hadoopConfiguration()).stagePurity(col(ChainColumns.MATERIAL_STAGE)))
        : UnaryOperator.identity();
    if (!aggregates) {
      ctx.inputRead(InputNames.TRADE_FLOWS); // the map side read it: Parquet read in place is counted from it
    }
    Observation shareCounts = Observations.fresh("exposure_checks");
    List<Column> m = ExposureChecks.exposureMetrics(keys);
    ctx.publish(SUPPLIER_SHARES, purity.apply(SupplierShares.of(exposure.observe(shareCounts, m.get(0),
        m.subList(1, m.size()).toArray(Column[]::new)), product)), product);
    if (aggregates) {
      // The SQL form has no map side of its own: the supplier_shares write read the input, so its
      // checks gate the run here, after that write to staging (nothing is published yet).
      ctx.inputRead(InputNames.TRADE_FLOWS);
    }
    Run.Staged concentration = ctx.publish(CONCENTRATION, purity.apply(Concentration.of(exposure, product,
        p.focusSupplier(), p.hhiModerate(), p.hhiHigh())), product, ExposureChecks.concentrationMetrics(keys));
    ExposureChecks.run(exposure, concentration.rows(), keys, ctx.sources(), Observations.metrics(shareCounts),
        concentration.metrics()).forEach(ctx::check);
    String basis = ctx.params().mirror().valueBasis();
    String pass = aggregates ? "aggregates" : "rows";
    List.of(SUPPLIER_SHARES, CONCENTRATION).forEach(t -> {
      ctx.note(t, VALUE_BASIS, basis);
      ctx.note(t, EXPOSURE_PASS, pass);
    });
  }

  /** The manifest's note on each exposure table: the {@code params.value_basis} it was computed on. */
  static final String VALUE_BASIS = "value_basis";
  /** The manifest's note on each exposure table: the form of the pass that made it ({@link Exposure#aggregatesPass}). */
  static final String EXPOSURE_PASS = "exposure_pass";

  /**
   * The rows the exposure pass reads on the job's value basis ({@link ValueBasis}): the used rows
   * themselves on the reported basis (the default), else with the mirror pairs' values.
   */
  private static Dataset<Row> onValueBasis(StepContext ctx, Dataset<Row> used) {
    String basis = ctx.params().mirror().valueBasis();
    if (MirrorParams.REPORTED.equals(basis)) {
      return used;
    }
    Dataset<Row> pairs = ctx.table(MirrorFlowsStep.MIRROR_FLOWS).orElseThrow().rows();
    return ValueBasis.rows(used, pairs, basis, ctx.params().trade().flows().contains(TradeColumns.IMPORT));
  }
}
