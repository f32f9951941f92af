package io.chokepoint.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a {@link Section} draws from: the run's manifest, its published tables by name, the job's
 * parameters, and the page's figure numbering (one sequence over every section, in page order).
 */
public final class ReportContext {
  private final JsonNode manifest;
  private final Function<String, Dataset<Row>> tables;
  private int figures;

  ReportContext(JsonNode manifest, Function<String, Dataset<Row>> tables) {
    this.manifest = manifest;
    this.tables = tables;
  }

  /** The run's {@code _manifest.json}. */
  public JsonNode manifest() {
    return manifest;
  }

  /** The published table {@code name}, or null when the run has none. */
  public Dataset<Row> table(String name) {
    return tables.apply(name);
  }

  /** A numeric {@code params} value of the run's spec, or {@code dflt} when it has none. */
  public double param(String name, double dflt) {
    JsonNode v = manifest.path("spec").path("params").path(name);
    return v.isNumber() ? v.asDouble() : dflt;
  }

  /** A text {@code params} value of the run's spec, or {@code dflt} when it has none. */
  public String param(String name, String dflt) {
    return manifest.path("spec").path("params").path(name).asText(dflt);
  }

  /** The next figure's id ({@code fig-KIND-N}); {@link #chartId} is then its chart's SVG id. */
  public String figureId(String kind) {
    return "fig-" + kind + "-" + (++figures);
  }

  /** The SVG id of the chart of the figure last numbered by {@link #figureId}. */
  public String chartId() {
    return "c" + figures;
  }

  /** {@code n.key} as text; "" when it is missing or null. */
  public static String text(JsonNode n, String key) {
    JsonNode v = n.path(key);
    return v.isMissingNode() || v.isNull() ? "" : v.asText();
  }
}
