package io.chokepoint.pipeline;


import io.chokepoint.metrics.FxRates;
import io.chokepoint.metrics.Sensitivity;
import io.chokepoint.quality.SensitivityChecks;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.SensitivityParams;
import java.util.List;
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

  @Override
  public String name() {
    return "sensitivity";
  }

  @Override
  public List<String> triggers() {
    return List.of(InputNames.FX_RATES);
  }

  @Override
  public List<String> reads() {
    return List.of(InputNames.FX_RATES);
  }

  @Override
  public List<String> needs() {
    return List.of(TradeExposureStep.CONCENTRATION);
  }

  @Override
  public List<String> produces() {
    return List.of(FX_PERIOD_RATES, GRID, TORNADO, TWO_WAY);
  }

  @Override
  public void run(StepContext ctx) {
    SensitivityParams p = ctx.params().sensitivity();
    Dataset<Row> fx = ctx.publish(FX_PERIOD_RATES, FxRates.periodRates(ctx.input(InputNames.FX_RATES).orElseThrow()));
    ctx.check(SensitivityChecks.fxSeriesPresent(fx, p.fxSeries(), ctx.sources()));
    Catalog.Table concentration = ctx.table(TradeExposureStep.CONCENTRATION).orElseThrow();
    String product = concentration.product();
    Dataset<Row> base = Sensitivity.withFx(Sensitivity.exposureBase(concentration.rows(), product, p.baseYear()), fx,
        p.fxSeries()).cache();
    ctx.publish(GRID, Sensitivity.grid(base, p, product));
    ctx.publish(TORNADO, Sensitivity.tornado(base, p, product));
    ctx.publish(TWO_WAY, Sensitivity.twoWay(base, p, product));
    base.unpersist();
  }
}
