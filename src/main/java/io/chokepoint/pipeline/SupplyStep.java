package io.chokepoint.pipeline;

import io.chokepoint.error.UsageException;
import io.chokepoint.ingest.ExportControlsReader;
import io.chokepoint.metrics.Supply;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.SupplyParams;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The supplier's view: {@code export_destinations} and {@code export_concentration} from
 * {@code rare_earth_exports}, {@code event_windows} around the events of {@code export_controls}
 * (the table shipped in the jar when the job names none), and {@code production_concentration}
 * from {@code production}.
 */
final class SupplyStep implements Step {
  static final String EXPORT_DESTINATIONS = "export_destinations";
  static final String EXPORT_CONCENTRATION = "export_concentration";
  static final String EVENT_WINDOWS = "event_windows";
  static final String PRODUCTION_CONCENTRATION = "production_concentration";

  @Override
  public String name() {
    return "supply";
  }

  @Override
  public List<String> triggers() {
    return List.of(InputNames.RARE_EARTH_EXPORTS, InputNames.PRODUCTION);
  }

  @Override
  public List<String> reads() {
    return List.of(InputNames.RARE_EARTH_EXPORTS, InputNames.EXPORT_CONTROLS, InputNames.PRODUCTION);
  }

  @Override
  public List<String> produces() {
    return List.of(EXPORT_DESTINATIONS, EXPORT_CONCENTRATION, EVENT_WINDOWS, PRODUCTION_CONCENTRATION);
  }

  @Override
  public void validate(JobSpec spec) {
    if (spec.input(InputNames.EXPORT_CONTROLS).isPresent() && spec.input(InputNames.RARE_EARTH_EXPORTS).isEmpty()) {
      throw new UsageException("inputs.export_controls: event windows need inputs.rare_earth_exports");
    }
  }

  /** The export-control events shipped in the jar, when the job has exports and names no events. */
  @Override
  public Map<String, InputSpec> defaults(JobSpec spec) {
    return spec.input(InputNames.RARE_EARTH_EXPORTS).isEmpty() ? Map.of() : Map.of(InputNames.EXPORT_CONTROLS,
        new InputSpec(InputNames.EXPORT_CONTROLS, List.of(ExportControlsReader.BUNDLED), Formats.EXPORT_CONTROLS, null));
  }

  @Override
  public void run(StepContext ctx) {
    SupplyParams p = ctx.params().supply();
    ctx.input(InputNames.RARE_EARTH_EXPORTS).ifPresent(exports -> {
      Dataset<Row> destinations = ctx.publish(EXPORT_DESTINATIONS, Supply.exportDestinations(exports));
      ctx.publish(EXPORT_CONCENTRATION, Supply.exportConcentration(destinations));
      Dataset<Row> events = ctx.input(InputNames.EXPORT_CONTROLS).orElseThrow();
      ctx.publish(EVENT_WINDOWS, Supply.eventWindows(destinations, events, p.windowMonths()));
    });
    ctx.input(InputNames.PRODUCTION).ifPresent(production ->
        ctx.publish(PRODUCTION_CONCENTRATION, Supply.productionConcentration(production, p.focusCountry())));
  }
}
