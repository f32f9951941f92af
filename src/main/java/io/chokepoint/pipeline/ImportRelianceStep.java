package io.chokepoint.pipeline;

import io.chokepoint.metrics.ImportReliance;
import io.chokepoint.spec.InputNames;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Import reliance: reads {@code commodity_statistics} (USGS MCS data release, long layout) and
 * publishes {@code import_reliance}: net import reliance as USGS defines it, computed beside the
 * published value, and stock cover (see docs/import-reliance.md).
 */
final class ImportRelianceStep implements Step {
  static final String IMPORT_RELIANCE = "import_reliance";

  @Override
  public String name() {
    return "import_reliance";
  }

  @Override
  public List<String> triggers() {
    return List.of(InputNames.COMMODITY_STATISTICS);
  }

  @Override
  public List<String> reads() {
    return List.of(InputNames.COMMODITY_STATISTICS);
  }

  @Override
  public List<String> produces() {
    return List.of(IMPORT_RELIANCE);
  }

  @Override
  public void run(StepContext ctx) {
    Dataset<Row> stats = ctx.input(InputNames.COMMODITY_STATISTICS).orElseThrow();
    ctx.publish(IMPORT_RELIANCE, ImportReliance.of(stats, ctx.params().reliance().tolerancePp()));
  }
}
