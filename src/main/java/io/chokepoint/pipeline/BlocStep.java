package io.chokepoint.pipeline;

import io.chokepoint.metrics.BlocMembers;
import io.chokepoint.metrics.BlocSourcing;
import io.chokepoint.reference.Territories;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.ValueChainParams;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Could a bloc of allies cover the supply ({@code params.blocs})? From {@code supplier_shares}, by
 * the job's product grouping: {@code bloc_sourcing} (each importer: the bloc's share, the focus
 * supplier's, everyone else's, the HHI outside the bloc) and {@code bloc_pooled} (each bloc as one
 * importer: its members' imports summed by partner), membership as of each year, territories by
 * {@code params.territories}.
 */
final class BlocStep implements Step {
  static final String BLOC_SOURCING = "bloc_sourcing";
  static final String BLOC_POOLED = "bloc_pooled";

  @Override
  public String name() {
    return "blocs";
  }

  @Override
  public List<String> triggers() {
    return List.of(InputNames.TRADE_FLOWS);
  }

  @Override
  public boolean requested(JobSpec spec) {
    return !spec.params().chain().blocs().isEmpty();
  }

  @Override
  public List<String> reads() {
    return List.of();
  }

  @Override
  public List<String> needs() {
    return List.of(TradeExposureStep.SUPPLIER_SHARES);
  }

  @Override
  public List<String> produces() {
    return List.of(BLOC_SOURCING, BLOC_POOLED);
  }

  @Override
  public void preflight(JobSpec spec, Reference ref, Configuration conf) {
    ref.territories(conf);
    ValueChainStep.checkListedCodes(spec.params().chain().blocs(), ref.countries());
  }

  @Override
  public void run(StepContext ctx) {
    ValueChainParams p = ctx.params().chain();
    Catalog.Table shares = ctx.table(TradeExposureStep.SUPPLIER_SHARES).orElseThrow();
    Dataset<Row> members = BlocMembers.table(ctx.spark(), p.blocs());
    Dataset<Row> territories = ctx.reference().territories(ctx.spark().sparkContext().hadoopConfiguration())
        .table(ctx.spark());
    String focus = ctx.params().trade().focusSupplier();
    ctx.publish(BLOC_SOURCING, BlocSourcing.perImporter(shares.rows(), shares.product(), members, territories,
        p.territories(), focus));
    ctx.publish(BLOC_POOLED, BlocSourcing.pooled(shares.rows(), shares.product(), members, territories,
        p.territories(), focus));
  }
}
