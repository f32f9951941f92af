package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;

import io.chokepoint.error.UsageException;
import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.FredReader;
import io.chokepoint.metrics.FxRates;
import io.chokepoint.metrics.Sensitivity;
import io.chokepoint.quality.Check;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.SensitivityParams;
import io.chokepoint.spec.TradeParams;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Sensitivity: {@code fx_period_rates} from {@code fx_rates}, and over the trade step's exposure
 * {@code sensitivity_grid}, {@code sensitivity_tornado} and {@code sensitivity_two_way}.
 */
final class SensitivityStep implements Step {
  static final String FX_PERIOD_RATES = "fx_period_rates";
  static final String GRID = "sensitivity_grid";
  static final String TORNADO = "sensitivity_tornado";
  static final String TWO_WAY = "sensitivity_two_way";

  private List<FileLayout> fxFiles = List.of();

  @Override
  public String name() {
    return "sensitivity";
  }

  @Override
  public boolean applies(JobSpec spec) {
    return spec.input(InputNames.FX_RATES).isPresent();
  }

  @Override
  public List<String> preflight(JobSpec spec, Reference ref, Configuration conf) {
    SensitivityParams.from(spec.params());
    if (spec.input(InputNames.TRADE_FLOWS).isEmpty()) {
      throw new UsageException("inputs.fx_rates: the sensitivity tables need inputs.trade_flows for the exposure");
    }
    fxFiles = FredReader.preflight(spec.inputs().get(InputNames.FX_RATES), conf);
    List<String> lines = new ArrayList<>();
    fxFiles.forEach(f -> lines.add(f.describe(InputNames.FX_RATES)));
    return lines;
  }

  @Override
  public void run(RunContext ctx) {
    SensitivityParams p = SensitivityParams.from(ctx.spec.params());
    String product = TradeParams.from(ctx.spec.params()).groupBy();
    InputSpec in = ctx.spec.inputs().get(InputNames.FX_RATES);
    Dataset<Row> obs = RunContext.used(ctx.ingest(in, fxFiles, () -> FredReader.read(ctx.spark, in,
        ctx.runDate.getYear())));
    ctx.publishTable(FX_PERIOD_RATES, FxRates.periodRates(obs));
    Dataset<Row> fx = ctx.writer.read(FX_PERIOD_RATES);
    long series = fx.where(col("series_id").equalTo(p.fxSeries())).count();
    ctx.check(Check.warning(FX_PERIOD_RATES + ".series_present", series > 0, series,
        "periods of the USD/JPY series " + p.fxSeries() + " (params.fx_series) in fx_rates"));

    Dataset<Row> base = Sensitivity.withFx(Sensitivity.exposureBase(ctx.written(TradeExposureStep.CONCENTRATION)
        .orElseThrow(), product, p.baseYear()), fx, p.fxSeries()).cache();
    ctx.publishTable(GRID, Sensitivity.grid(base, p, product));
    ctx.publishTable(TORNADO, Sensitivity.tornado(base, p, product));
    ctx.publishTable(TWO_WAY, Sensitivity.twoWay(base, p, product));
    base.unpersist();
  }
}
