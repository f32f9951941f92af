package io.chokepoint.pipeline;

import io.chokepoint.metrics.MirrorFlows;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.JobSpec;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Mirror flows (with {@code params.mirror_flows}, or a {@code value_basis} other than reported):
 * reads {@code trade_flows} and publishes {@code mirror_flows}, the importers' reports beside
 * their partners' (see docs/trade-truth.md).
 *
 * <p>The partners' export rows are out of the exposure scope ({@code flows} is imports by default)
 * and stay counted as filtered in the input's accounting; this step reads them from every row of
 * the input with its status ({@link StepContext#landed}), so a job with mirror flows lands every
 * trade row with its status once, as when supply risk also reads the trade rows.
 */
final class MirrorFlowsStep implements Step {
  static final String MIRROR_FLOWS = "mirror_flows";

  @Override
  public String name() {
    return "mirror_flows";
  }

  @Override
  public List<String> triggers() {
    return List.of(InputNames.TRADE_FLOWS);
  }

  @Override
  public boolean requested(JobSpec spec) {
    return spec.params().mirror().mirrorFlows();
  }

  @Override
  public List<String> reads() {
    return List.of(InputNames.TRADE_FLOWS);
  }

  @Override
  public List<String> produces() {
    return List.of(MIRROR_FLOWS);
  }

  /** The trade-exposure scope: whichever of the two steps owns the input, its rows are scoped alike. */
  @Override
  public Dataset<Row> scope(String input, Dataset<Row> parsed, JobSpec spec, Reference ref) {
    return TradeExposureStep.tradeScope(parsed, spec, ref);
  }

  @Override
  public void run(StepContext ctx) {
    Dataset<Row> all = ctx.landed(InputNames.TRADE_FLOWS).orElseThrow();
    ctx.publish(MIRROR_FLOWS, MirrorFlows.of(all, ctx.params().trade(), ctx.params().mirror()));
  }
}
