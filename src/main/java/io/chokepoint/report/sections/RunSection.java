package io.chokepoint.report.sections;

import static io.chokepoint.report.ReportContext.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.chokepoint.report.Charts;
import io.chokepoint.report.Figure;
import io.chokepoint.report.Html;
import io.chokepoint.report.ProvenanceTable;
import io.chokepoint.report.ReportContext;
import io.chokepoint.report.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The run itself, from {@code _manifest.json}: job, run id, date, versions; each input's files and row
 * counts with reasons; the data checks; the outputs; stage timings as bars. Always present.
 */
public final class RunSection implements Section {
  @Override
  public String title() {
    return "Run";
  }

  @Override
  public Optional<String> body(ReportContext report) {
    StringBuilder b = new StringBuilder();
    b.append("<dl class=\"facts\">");
    for (String k : List.of("job", "run_id", "run_date", "status", "started_at", "finished_at")) {
      b.append("<dt>").append(Html.esc(k)).append("</dt><dd>").append(Html.esc(text(report.manifest(), k))).append("</dd>");
    }
    report.manifest().path("versions").fields().forEachRemaining(e -> b.append("<dt>").append(Html.esc(e.getKey()))
        .append("</dt><dd>").append(Html.esc(e.getValue().asText())).append("</dd>"));
    JsonNode accel = report.manifest().path("accelerator");
    b.append("<dt>accelerator</dt><dd>").append(Html.esc(accelerator(accel))).append("</dd></dl>");
    if (accel.path("fallback_reasons").size() > 0) {
      b.append("<details><summary>Why operators stayed on Spark (").append(accel.path("fallback_reasons_total").asInt())
          .append(" distinct reasons").append(accel.path("fallback_reasons_total").asInt() > accel.path("fallback_reasons")
              .size() ? ", the first " + accel.path("fallback_reasons").size() : "").append(")</summary><ul>");
      accel.path("fallback_reasons").forEach(r -> b.append("<li>").append(Html.esc(r.asText())).append("</li>"));
      b.append("</ul></details>");
    }
    b.append("<h3>Inputs</h3>");
    List<List<Object>> rows = new ArrayList<>();
    report.manifest().path("inputs").fields().forEachRemaining(e -> {
      JsonNode in = e.getValue();
      StringBuilder files = new StringBuilder();
      in.path("files").forEach(f -> files.append(files.length() == 0 ? "" : "; ").append(text(f, "path"))
          .append(" (").append(text(f, "format")).append(", ").append(text(f, "encoding"))
          .append(ProvenanceTable.kind(f).isEmpty() ? "" : ", " + ProvenanceTable.kind(f)).append(")"));
      rows.add(Arrays.asList(e.getKey(), text(in, "format"), files.toString(), in.path("rows_read").asLong(),
          in.path("rows_used").asLong(), in.path("rows_rejected").asLong(), in.path("rows_filtered").asLong(),
          reasons(in.path("rejected_by_reason")), reasons(in.path("filtered_by_reason"))));
    });
    b.append("<div class=\"scroll\">").append(Html.table(List.of("input", "format", "files (format, encoding)",
        "rows read", "used", "rejected", "filtered", "rejected by reason", "filtered by reason"), rows, 0));
    b.append("</div>").append(ProvenanceTable.html(report.manifest())).append("<h3>Data checks</h3>");
    List<List<Object>> checks = new ArrayList<>();
    report.manifest().path("checks").forEach(c -> checks.add(Arrays.asList(text(c, "name"), text(c, "level"),
        c.path("passed").asBoolean() ? "passed" : "FAILED", text(c, "observed"), text(c, "detail"))));
    b.append("<div class=\"scroll\">").append(Html.table(List.of("check", "level", "status", "observed", "detail"),
        checks, 0)).append("</div><h3>Outputs</h3>");
    List<List<Object>> outs = new ArrayList<>();
    report.manifest().path("outputs").fields().forEachRemaining(e -> outs.add(Arrays.asList(e.getKey(),
        e.getValue().path("rows").asLong(), text(e.getValue(), "path"))));
    b.append("<div class=\"scroll\">").append(Html.table(List.of("table", "rows", "published as"), outs, 0))
        .append("</div>");
    List<String> names = new ArrayList<>();
    double[] seconds = new double[report.manifest().path("stages").size()];
    List<List<Object>> stageRows = new ArrayList<>();
    int i = 0;
    for (JsonNode s : report.manifest().path("stages")) {
      names.add(text(s, "name"));
      seconds[i++] = s.path("seconds").asDouble();
      stageRows.add(Arrays.asList(text(s, "name"), s.path("seconds").asDouble(),
          s.has("rows") ? s.path("rows").asLong() : null));
    }
    if (!names.isEmpty()) {
      b.append(Figure.of(report.figureId("stages"), "Stage timings", () -> Charts.bars(report.chartId(), "stage", "wall-clock time (s)",
          List.of("seconds"), names, new double[][] {seconds}, true, List.of()),
          "Wall-clock seconds of each stage of this run, in the order they ran. From _manifest.json (stages).",
          List.of("stage", "seconds", "rows"), stageRows, 3).html());
    }
    return Optional.of(b.toString());
  }

  /**
   * One line on the manifest's {@code accelerator} entry: {@code none}, or whether Comet ran, its
   * version and the share of operators it ran natively; {@code not recorded} for a manifest older
   * than the entry.
   */
  static String accelerator(JsonNode a) {
    if (a.isMissingNode()) {
      return "not recorded";
    }
    if ("none".equals(a.path("name").asText())) {
      return "none";
    }
    return a.path("name").asText() + " " + a.path("version").asText("?") + ": "
        + (a.path("ran").asBoolean() ? "ran" : a.path("loaded").asBoolean() ? "loaded but ran nothing natively"
            : "configured but its classes did not load")
        + String.format(java.util.Locale.ROOT, ", %d of %d operators native (%.1f%%) over %d queries",
            a.path("native_operators").asInt(), a.path("operators").asInt(), 100 * a.path("native_share").asDouble(),
            a.path("queries").asInt())
        + (a.path("counts_complete").asBoolean(true) ? "" : " (counts incomplete)");
  }

  private static String reasons(JsonNode byReason) {
    StringBuilder s = new StringBuilder();
    byReason.fields().forEachRemaining(e -> s.append(s.length() == 0 ? "" : "; ").append(e.getKey()).append(": ")
        .append(e.getValue().asText()));
    return s.toString();
  }
}
