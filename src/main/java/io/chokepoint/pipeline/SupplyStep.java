package io.chokepoint.pipeline;

import io.chokepoint.error.UsageException;
import io.chokepoint.ingest.ExportControlsReader;
import io.chokepoint.ingest.ExportMonthlyReader;
import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.ProductionReader;
import io.chokepoint.ingest.SourceFiles;
import io.chokepoint.metrics.Supply;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.SupplyParams;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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

  private List<FileLayout> exportFiles = List.of();
  private List<FileLayout> eventFiles = List.of();
  private List<FileLayout> productionFiles = List.of();

  @Override
  public String name() {
    return "supply";
  }

  @Override
  public boolean applies(JobSpec spec) {
    return spec.input(InputNames.RARE_EARTH_EXPORTS).isPresent() || spec.input(InputNames.PRODUCTION).isPresent();
  }

  static InputSpec events(JobSpec spec) {
    return spec.input(InputNames.EXPORT_CONTROLS).orElse(new InputSpec(InputNames.EXPORT_CONTROLS,
        List.of(ExportControlsReader.BUNDLED), Formats.EXPORT_CONTROLS, null));
  }

  @Override
  public List<String> preflight(JobSpec spec, Reference ref, Configuration conf) {
    SupplyParams.from(spec.params());
    if (spec.input(InputNames.EXPORT_CONTROLS).isPresent() && spec.input(InputNames.RARE_EARTH_EXPORTS).isEmpty()) {
      throw new UsageException("inputs.export_controls: event windows need inputs.rare_earth_exports");
    }
    List<String> lines = new ArrayList<>();
    spec.input(InputNames.RARE_EARTH_EXPORTS).ifPresent(in -> {
      exportFiles = ExportMonthlyReader.preflight(in, conf);
      InputSpec ev = events(spec);
      eventFiles = ExportControlsReader.preflight(ev.paths().get(0).equals(ExportControlsReader.BUNDLED)
          ? ev.paths() : SourceFiles.expand(ev.name(), ev.paths(), conf), conf, ref.countries());
    });
    spec.input(InputNames.PRODUCTION).ifPresent(in -> productionFiles = ProductionReader.preflight(in, conf));
    exportFiles.forEach(f -> lines.add(f.describe(InputNames.RARE_EARTH_EXPORTS)));
    eventFiles.forEach(f -> lines.add(f.describe(InputNames.EXPORT_CONTROLS)));
    productionFiles.forEach(f -> lines.add(f.describe(InputNames.PRODUCTION)));
    return lines;
  }

  @Override
  public void run(RunContext ctx) {
    SupplyParams p = SupplyParams.from(ctx.spec.params());
    var countries = ctx.reference.countries();
    ctx.spec.input(InputNames.RARE_EARTH_EXPORTS).ifPresent(in -> {
      Dataset<Row> exports = RunContext.used(ctx.ingest(in, exportFiles,
          () -> ExportMonthlyReader.read(ctx.spark, in, countries, p.exporter())));
      ctx.publishTable(EXPORT_DESTINATIONS, Supply.exportDestinations(exports));
      Dataset<Row> destinations = ctx.writer.read(EXPORT_DESTINATIONS);
      ctx.publishTable(EXPORT_CONCENTRATION, Supply.exportConcentration(destinations));
      InputSpec ev = events(ctx.spec);
      List<String> files = eventFiles.stream().map(FileLayout::file).toList();
      Dataset<Row> events = RunContext.used(ctx.ingest(ev, eventFiles,
          () -> ExportControlsReader.read(ctx.spark, files, countries)));
      ctx.publishTable(EVENT_WINDOWS, Supply.eventWindows(destinations, events, p.windowMonths()));
    });
    ctx.spec.input(InputNames.PRODUCTION).ifPresent(in -> {
      Dataset<Row> production = RunContext.used(ctx.ingest(in, productionFiles,
          () -> ProductionReader.read(ctx.spark, in, countries)));
      ctx.publishTable(PRODUCTION_CONCENTRATION, Supply.productionConcentration(production, p.focusCountry()));
    });
  }
}
