package io.chokepoint.report;

import static io.chokepoint.report.ReportContext.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.chokepoint.report.sections.ExposureSection;
import io.chokepoint.report.sections.GrowthSection;
import io.chokepoint.report.sections.MirrorSection;
import io.chokepoint.report.sections.RunSection;
import io.chokepoint.report.sections.SensitivitySection;
import io.chokepoint.report.sections.SupplyRiskSection;
import io.chokepoint.report.sections.SupplySideSection;
import io.chokepoint.report.sections.ValueChainSection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code report/index.html}: one self-contained page per run, built from the run's manifest and its
 * published tables by the {@link #SECTIONS}, in that order; a section appears only when the run has its
 * tables. Every table is summarised in Spark (latest year, top N, per-year sums, one focus reporter)
 * before rows reach the driver, and no query collects more than {@link Queries#MAX_ROWS} rows.
 */
public final class RunReport {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunReport.class);
  public static final String FOLDER = "report";
  public static final String FILE = "index.html";
  /** The page's sections, in page order. */
  public static final List<Section> SECTIONS = List.of(new RunSection(), new ExposureSection(), new MirrorSection(),
      new ValueChainSection(), new SupplySideSection(), new GrowthSection(), new SensitivitySection(),
      new SupplyRiskSection());

  private final JsonNode manifest;
  private final Function<String, Dataset<Row>> tables;

  private RunReport(JsonNode manifest, Function<String, Dataset<Row>> tables) {
    this.manifest = manifest;
    this.tables = tables;
  }

  /**
   * The page for {@code manifest}; {@code tables} gives a published table by name, or null when the
   * run has none of that name.
   */
  public static String render(JsonNode manifest, Function<String, Dataset<Row>> tables) {
    return new RunReport(manifest, tables).page();
  }

  /** Renders the page and writes it to {@code out/report/index.html}. */
  public static Path write(FileSystem fs, JsonNode manifest, Function<String, Dataset<Row>> tables, Path out)
      throws IOException {
    long start = System.nanoTime();
    String html = render(manifest, tables);
    Path file = new Path(new Path(out, FOLDER), FILE);
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    try (OutputStream o = fs.create(file, true)) {
      o.write(bytes);
    }
    LOG.info("run report: {} bytes in {} ms", bytes.length, (System.nanoTime() - start) / 1_000_000);
    return file;
  }

  /** Tables as Parquet folders under {@code root}; a missing folder is an absent table. */
  public static Function<String, Dataset<Row>> parquetTables(SparkSession spark, FileSystem fs, Path root) {
    return name -> {
      try {
        Path p = new Path(root, name);
        return fs.exists(p) ? spark.read().parquet(p.toString()) : null;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  private String page() {
    ReportContext report = new ReportContext(manifest, tables);
    StringBuilder body = new StringBuilder();
    StringBuilder links = new StringBuilder();
    for (Section s : SECTIONS) {
      Optional<String> html = s.body(report);
      if (html.isPresent()) {
        String anchor = anchor(s.title());
        links.append("<a href=\"#").append(anchor).append("\">").append(Html.esc(s.title())).append("</a>");
        body.append("<section id=\"").append(anchor).append("\"><h2>").append(Html.esc(s.title())).append("</h2>")
            .append(html.get()).append("</section>\n");
      }
    }
    String job = text(manifest, "job");
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>Chokepoint run report: " + Html.esc(job) + " " + Html.esc(text(manifest, "run_id")) + "</title>"
        + "<style>" + CSS + "</style></head><body><header><h1>Chokepoint run report: " + Html.esc(job)
        + "</h1><nav>" + links + "</nav></header><main>\n" + body + "</main><footer>Made by Chokepoint "
        + Html.esc(manifest.path("versions").path("app").asText("")) + " from _manifest.json and the run's "
        + "tables; charts are SVG written by the report itself. No script, no network.</footer></body></html>\n";
  }

  private static String anchor(String title) {
    return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static final String CSS = String.join("",
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#222;background:#fafafa}",
      "header{background:#1f3a5f;color:#fff;padding:12px 24px;position:sticky;top:0;z-index:1}",
      "header h1{font-size:20px;margin:0 0 6px}nav a{color:#cfe0f5;margin-right:16px;text-decoration:none}",
      "main{padding:8px 24px;max-width:1480px}section{margin-bottom:28px}h2{border-bottom:2px solid #1f3a5f}",
      "h3{margin:18px 0 6px}h4{margin:0 0 4px;font-size:14px}",
      "figure{background:#fff;border:1px solid #ddd;border-radius:4px;margin:8px 0;padding:10px;max-width:680px}",
      ".pair{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:0 12px}",
      ".pair figure{max-width:none}",
      ".chart svg{max-width:100%;height:auto}figcaption{color:#444;font-size:13px;margin:4px 0}",
      "details summary{cursor:pointer;color:#1f3a5f;font-size:13px}",
      "table{border-collapse:collapse;font-size:12px;margin:6px 0}th,td{border:1px solid #ddd;padding:2px 6px}",
      "th{background:#eef2f7;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}",
      "td.na{color:#999;text-align:center}.scroll{overflow-x:auto}",
      "dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:600}dd{margin:0}",
      ".warn{color:#a00}footer{color:#666;font-size:12px;padding:12px 24px}");
}
