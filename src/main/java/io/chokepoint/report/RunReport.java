package io.chokepoint.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.year;

import com.fasterxml.jackson.databind.JsonNode;
import io.chokepoint.compat.Observations;
import io.chokepoint.report.Charts.Marker;
import io.chokepoint.report.Charts.Series;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.GrowthColumns;
import io.chokepoint.schema.SupplyColumns;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code report/index.html}: one self-contained page per run, built from the run's manifest and its
 * published tables. Sections appear only when their tables exist. Every table is summarised in
 * Spark (latest year, top N, per-year sums, one focus reporter) before rows reach the driver, and
 * no query collects more than {@link #MAX_ROWS} rows.
 */
public final class RunReport {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunReport.class);
  public static final String FOLDER = "report";
  public static final String FILE = "index.html";
  /** Reporter × product pairs charted in Exposure (by latest total value); the rest are counted. */
  static final int TOP_KEYS = 8;
  static final int TOP_SUPPLIERS = 10;
  static final int TOP_SERIES = 6;
  static final int MAX_ROWS = 20_000;
  private static final List<String> PRODUCT_COLUMNS = List.of(ExposureColumns.COMMODITY_GROUP, "hs_code", "product");

  private final JsonNode manifest;
  private final Function<String, Dataset<Row>> tables;
  private final List<String> nav = new ArrayList<>();
  private int figures;

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
    StringBuilder body = new StringBuilder();
    body.append(runSection());
    body.append(exposureSection());
    body.append(supplySection());
    body.append(growthSection());
    body.append(sensitivitySection());
    body.append(supplyRiskSection());
    StringBuilder links = new StringBuilder();
    for (String s : nav) {
      links.append("<a href=\"#").append(anchor(s)).append("\">").append(Html.esc(s)).append("</a>");
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

  // ---------------------------------------------------------------- Run

  private String runSection() {
    StringBuilder b = section("Run");
    b.append("<dl class=\"facts\">");
    for (String k : List.of("job", "run_id", "run_date", "status", "started_at", "finished_at")) {
      b.append("<dt>").append(Html.esc(k)).append("</dt><dd>").append(Html.esc(text(manifest, k))).append("</dd>");
    }
    manifest.path("versions").fields().forEachRemaining(e -> b.append("<dt>").append(Html.esc(e.getKey()))
        .append("</dt><dd>").append(Html.esc(e.getValue().asText())).append("</dd>"));
    b.append("</dl><h3>Inputs</h3>");
    List<List<Object>> rows = new ArrayList<>();
    manifest.path("inputs").fields().forEachRemaining(e -> {
      JsonNode in = e.getValue();
      StringBuilder files = new StringBuilder();
      in.path("files").forEach(f -> files.append(files.length() == 0 ? "" : "; ").append(text(f, "path"))
          .append(" (").append(text(f, "format")).append(", ").append(text(f, "encoding")).append(")"));
      rows.add(Arrays.asList(e.getKey(), text(in, "format"), files.toString(), in.path("rows_read").asLong(),
          in.path("rows_used").asLong(), in.path("rows_rejected").asLong(), in.path("rows_filtered").asLong(),
          reasons(in.path("rejected_by_reason")), reasons(in.path("filtered_by_reason"))));
    });
    b.append("<div class=\"scroll\">").append(Html.table(List.of("input", "format", "files (format, encoding)",
        "rows read", "used", "rejected", "filtered", "rejected by reason", "filtered by reason"), rows, 0));
    b.append("</div><h3>Data checks</h3>");
    List<List<Object>> checks = new ArrayList<>();
    manifest.path("checks").forEach(c -> checks.add(Arrays.asList(text(c, "name"), text(c, "level"),
        c.path("passed").asBoolean() ? "passed" : "FAILED", text(c, "observed"), text(c, "detail"))));
    b.append("<div class=\"scroll\">").append(Html.table(List.of("check", "level", "status", "observed", "detail"),
        checks, 0)).append("</div><h3>Outputs</h3>");
    List<List<Object>> outs = new ArrayList<>();
    manifest.path("outputs").fields().forEachRemaining(e -> outs.add(Arrays.asList(e.getKey(),
        e.getValue().path("rows").asLong(), text(e.getValue(), "path"))));
    b.append("<div class=\"scroll\">").append(Html.table(List.of("table", "rows", "published as"), outs, 0))
        .append("</div>");
    List<String> names = new ArrayList<>();
    double[] seconds = new double[manifest.path("stages").size()];
    List<List<Object>> stageRows = new ArrayList<>();
    int i = 0;
    for (JsonNode s : manifest.path("stages")) {
      names.add(text(s, "name"));
      seconds[i++] = s.path("seconds").asDouble();
      stageRows.add(Arrays.asList(text(s, "name"), s.path("seconds").asDouble(),
          s.has("rows") ? s.path("rows").asLong() : null));
    }
    if (!names.isEmpty()) {
      b.append(Figure.of(id("stages"), "Stage timings", () -> Charts.bars(lastId(), "stage", "wall-clock time (s)",
          List.of("seconds"), names, new double[][] {seconds}, true, List.of()),
          "Wall-clock seconds of each stage of this run, in the order they ran. From _manifest.json (stages).",
          List.of("stage", "seconds", "rows"), stageRows, 3).html());
    }
    return b.append("</section>\n").toString();
  }

  private static String reasons(JsonNode byReason) {
    StringBuilder s = new StringBuilder();
    byReason.fields().forEachRemaining(e -> s.append(s.length() == 0 ? "" : "; ").append(e.getKey()).append(": ")
        .append(e.getValue().asText()));
    return s.toString();
  }

  // ---------------------------------------------------------------- Exposure

  private String exposureSection() {
    Dataset<Row> conc = tables.apply("concentration");
    if (conc == null) {
      return "";
    }
    String product = productColumn(conc);
    List<String> key = List.of("reporter_iso3", "flow", product);
    Dataset<Row> annual = hasColumn(conc, "month") ? conc.filter(col("month").isNull()) : conc;
    // The pairs to chart: each pair's latest year and its value then (one hash aggregation, counted
    // as it streams by), of which the top TOP_KEYS are taken per partition and merged (no global sort:
    // a window over every pair would move them all into one task).
    Dataset<Row> perKey = annual.groupBy(cols(key))
        .agg(max(col("year")).as("latest_year"),
            max_by(col(ExposureColumns.TOTAL_VALUE_USD), col("year")).as("_latest_total"));
    Observation pairs = new Observation("report_pairs");
    List<Row> ranked = perKey.observe(pairs, count(lit(1)).as("n"))
        .orderBy(col("_latest_total").desc_nulls_last(), col("reporter_iso3"), col("flow"), col(product))
        .select(col("reporter_iso3"), col("flow"), col(product), col("latest_year"))
        .limit(TOP_KEYS).collectAsList();
    long keys = ranked.isEmpty() ? 0 : ((Number) Observations.metrics(pairs).get("n")).longValue();
    List<Row> top = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      Row k = ranked.get(i);
      top.add(RowFactory.create(k.get(0), k.get(1), k.get(2), k.get(3), i + 1));
    }
    StructType topSchema = perKey.select(col("reporter_iso3"), col("flow"), col(product), col("latest_year"))
        .schema().add("_krank", DataTypes.IntegerType, false);
    Dataset<Row> topKeys = conc.sparkSession().createDataFrame(top, topSchema);
    List<Row> series = collect(joinOn(annual, broadcast(topKeys), key)
        .select(col("reporter_iso3"), col("flow"), col(product), col("year"), col(ExposureColumns.FOCUS_SUPPLIER),
            col(ExposureColumns.FOCUS_SHARE), col(ExposureColumns.FOCUS_SHARE_WEIGHT), col(ExposureColumns.HHI_VALUE),
            col(ExposureColumns.HHI_WEIGHT), col(ExposureColumns.BILATERAL_TO_WORLD), col("latest_year"),
            col("_krank"))
        .orderBy("_krank", "year"));
    StringBuilder b = section("Exposure");
    double moderate = param("hhi_moderate", 1500);
    double high = param("hhi_high", 2500);
    b.append("<p>").append(keys > top.size() ? "The " + top.size() + " of " + keys
        + " reporter × product pairs with the largest latest-year import value."
        : "Every reporter × product pair of the run (" + keys + ").").append("</p>");
    if (top.isEmpty()) {
      return b.append("</section>\n").toString();
    }
    Dataset<Row> shares = tables.apply("supplier_shares");
    List<Row> suppliers = shares == null ? List.of() : collect(shares
        .filter(hasColumn(shares, "month") ? col("month").isNull() : lit(true))
        .transform(d -> joinOn(d, broadcast(topKeys.drop("_krank")), key))
        .filter(col("year").equalTo(col("latest_year")).and(col(ExposureColumns.RANK).leq(TOP_SUPPLIERS)))
        .select(col("reporter_iso3"), col("flow"), col(product), col("year"), col("partner_iso3"),
            col(ExposureColumns.SHARE_VALUE), col(ExposureColumns.SHARE_WEIGHT), col(ExposureColumns.RANK))
        .orderBy(col("reporter_iso3"), col("flow"), col(product), col(ExposureColumns.RANK)));
    List<Series> world = new ArrayList<>();
    List<List<Object>> worldRows = new ArrayList<>();
    for (Row k : top) {
      String r = k.getString(0);
      String flow = k.getString(1);
      String p = String.valueOf(k.get(2));
      String label = r + " · " + p + " · " + flow;
      List<Row> rows = series.stream().filter(s -> s.getString(0).equals(r) && s.getString(1).equals(flow)
          && String.valueOf(s.get(2)).equals(p)).toList();
      String focus = rows.stream().map(s -> s.getString(4)).filter(java.util.Objects::nonNull).findFirst().orElse("focus");
      double[] years = rows.stream().mapToDouble(s -> s.getInt(3)).toArray();
      double[] fv = values(rows, 5);
      double[] fw = values(rows, 6);
      double[] hv = values(rows, 7);
      double[] hw = values(rows, 8);
      double[] ratio = values(rows, 9);
      b.append("<h3>").append(Html.esc(label)).append("</h3><div class=\"pair\">");
      List<List<Object>> table = new ArrayList<>();
      for (Row s : rows) {
        table.add(Arrays.asList(s.getInt(3), s.get(5), s.get(6), s.get(7), s.get(8)));
      }
      b.append(Figure.of(id("share"), focus + "'s share of " + label, () -> Charts.line(lastId(), "year",
          "share (fraction, 0–1)",
          List.of(new Series(focus + " share by value", years, fv), new Series(focus + " share by weight", years, fw)),
          List.of(), true),
          "The focus supplier " + focus + "'s share of " + r + "'s " + flow + "s of " + p
              + " per year, by value (USD) and by weight (kg). From table concentration (focus_share, "
              + "focus_share_weight).",
          List.of("year", "focus_share", "focus_share_weight", "hhi_value", "hhi_weight"), table, 4).html());
      b.append(Figure.of(id("hhi"), "HHI of " + label, () -> Charts.line(lastId(), "year",
          "HHI (0–10,000)", List.of(new Series("HHI by value", years, hv), new Series("HHI by weight", years, hw)),
          List.of(new Marker(moderate, "moderately concentrated ≥ " + (long) moderate),
              new Marker(high, "highly concentrated ≥ " + (long) high)), true),
          "Herfindahl–Hirschman index of " + r + "'s suppliers of " + p + " per year, by value and by weight; "
              + "dashed lines are the band thresholds of this run (params.hhi_moderate, params.hhi_high). "
              + "From table concentration (hhi_value, hhi_weight).",
          List.of("year", "focus_share", "focus_share_weight", "hhi_value", "hhi_weight"), table, 4).html());
      List<Row> sup = suppliers.stream().filter(s -> s.getString(0).equals(r) && s.getString(1).equals(flow)
          && String.valueOf(s.get(2)).equals(p)).toList();
      if (!sup.isEmpty()) {
        int year = sup.get(0).getInt(3);
        List<String> partners = sup.stream().map(s -> s.getString(4)).toList();
        double[][] v = {values(sup, 5), values(sup, 6)};
        List<List<Object>> supRows = sup.stream().map(s -> Arrays.<Object>asList(s.get(7), s.get(4), s.get(5),
            s.get(6))).toList();
        b.append(Figure.of(id("top"), "Top suppliers of " + label + ", " + year, () -> Charts.bars(lastId(),
            "supplier (ISO3)", "share (fraction, 0–1)",
            List.of("share by value", "share by weight"), partners, v, true, List.of()),
            "The " + sup.size() + " largest suppliers of " + r + "'s " + flow + "s of " + p + " in " + year
                + " (the latest year), by share of value and of weight. From table supplier_shares "
                + "(share_value, share_weight, rank ≤ " + TOP_SUPPLIERS + ").",
            List.of("rank", "partner_iso3", "share_value", "share_weight"), supRows, 4).html());
      }
      b.append("</div>");
      if (Arrays.stream(ratio).anyMatch(d -> !Double.isNaN(d))) {
        world.add(new Series(label, years, ratio));
        for (Row s : rows) {
          if (!s.isNullAt(9)) {
            worldRows.add(Arrays.asList(r, flow, p, s.getInt(3), s.get(9)));
          }
        }
      }
    }
    if (!world.isEmpty()) {
      b.append("<h3>Bilateral to World</h3>");
      b.append(Figure.of(id("world"), "Bilateral sum to reported World total", () -> Charts.line(lastId(), "year",
          "bilateral / World value (ratio)", world, List.of(new Marker(1.0, "equal")), true),
          "The sum of bilateral rows divided by the World row the reporter filed, per year, for each pair above "
              + "that has a World row (1 = they agree). From table concentration (bilateral_to_world_ratio).",
          List.of("reporter_iso3", "flow", "product", "year", "bilateral_to_world_ratio"), worldRows, 4).html());
    }
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- Supply side

  private String supplySection() {
    Dataset<Row> prod = tables.apply("production_concentration");
    Dataset<Row> dest = tables.apply("export_destinations");
    Dataset<Row> events = tables.apply("event_windows");
    if (prod == null && dest == null && events == null) {
      return "";
    }
    StringBuilder b = section("Supply side");
    if (prod != null) {
      b.append(production(prod));
    }
    if (dest != null) {
      b.append(destinations(dest));
    }
    if (events != null) {
      b.append(eventWindows(events));
    }
    return b.append("</section>\n").toString();
  }

  /**
   * One query: for each of the first {@link #TOP_SERIES} data source × commodity × stage groups, the
   * yearly shares of the producers that rank in the top {@code TOP_SERIES - 1} of the group's latest
   * year, and the group's HHI per year (on every row of that year).
   */
  private String production(Dataset<Row> prod) {
    StringBuilder b = new StringBuilder();
    List<String> key = List.of(SupplyColumns.DATA_SOURCE, SupplyColumns.COMMODITY, SupplyColumns.STAGE);
    WindowSpec group = Window.partitionBy(cols(key));
    Dataset<Row> countries = prod.filter(col(SupplyColumns.COUNTRY_KIND).equalTo(SupplyColumns.KIND_COUNTRY))
        .withColumn("_latest", max(SupplyColumns.YEAR).over(group))
        .withColumn("_group_rank", dense_rank().over(Window.orderBy(cols(key))));
    Dataset<Row> latestRank = countries.filter(col(SupplyColumns.YEAR).equalTo(col("_latest")))
        .withColumn("_rank", row_number().over(group.orderBy(desc("share"), col(SupplyColumns.COUNTRY_ISO3))))
        .filter(col("_rank").lt(TOP_SERIES)).select(concat_ws("|", cols(key)).as("_r_k"),
            col(SupplyColumns.COUNTRY_ISO3).as("_iso"), col("_rank"));
    List<Row> rows = collect(countries.filter(col("_group_rank").leq(TOP_SERIES))
        .withColumn("_k", concat_ws("|", cols(key)))
        .join(latestRank, col("_k").equalTo(col("_r_k")).and(col(SupplyColumns.COUNTRY_ISO3).equalTo(col("_iso"))),
            "left")
        .select(col(key.get(0)), col(key.get(1)), col(key.get(2)), col(SupplyColumns.YEAR),
            col(SupplyColumns.COUNTRY_ISO3), col("share"), col("hhi"), col("focus_share"), col("_latest"),
            col("_iso").isNotNull().as("_top"))
        .orderBy(col(key.get(0)), col(key.get(1)), col(key.get(2)), col("_rank").asc_nulls_last(),
            col(SupplyColumns.COUNTRY_ISO3), col(SupplyColumns.YEAR)));
    Map<String, List<Row>> byGroup = new LinkedHashMap<>();
    rows.forEach(r -> byGroup.computeIfAbsent(r.get(0) + "|" + r.get(1) + "|" + r.get(2), k -> new ArrayList<>()).add(r));
    for (List<Row> g : byGroup.values()) {
      Row first = g.get(0);
      String label = first.get(1) + " · " + first.get(2) + " (" + first.get(0) + ")";
      List<Row> top = g.stream().filter(r -> r.getBoolean(9)).toList();
      List<String> iso = top.stream().map(r -> String.valueOf(r.get(4))).distinct().toList();
      List<Series> series = new ArrayList<>();
      for (String c : iso) {
        List<Row> rs = top.stream().filter(r -> String.valueOf(r.get(4)).equals(c)).toList();
        series.add(new Series(c, rs.stream().mapToDouble(r -> r.getInt(3)).toArray(), values(rs, 5)));
      }
      Map<Integer, Row> perYear = new java.util.TreeMap<>();
      g.forEach(r -> perYear.putIfAbsent(r.getInt(3), r));
      List<Row> hhi = new ArrayList<>(perYear.values());
      double[] years = hhi.stream().mapToDouble(r -> r.getInt(3)).toArray();
      b.append("<h3>Production: ").append(Html.esc(label)).append("</h3><div class=\"pair\">");
      b.append(Figure.of(id("prod"), "Top producers' shares: " + label, () -> Charts.line(lastId(), "year",
          "share of world production (fraction, 0–1)", series, List.of(), true),
          "Shares of world production of the " + iso.size() + " largest producers in " + first.get(8)
              + ", per year. From table production_concentration (share, country_kind = country).",
          List.of("country_iso3", "year", "share"), top.stream().map(r -> Arrays.<Object>asList(r.get(4), r.get(3),
              r.get(5))).toList(), 4).html());
      b.append(Figure.of(id("prodhhi"), "Production HHI: " + label, () -> Charts.line(lastId(), "year",
          "HHI (0–10,000)", List.of(new Series("HHI of producers", years, values(hhi, 6))), List.of(), true),
          "Herfindahl–Hirschman index of producing countries per year. From table production_concentration (hhi).",
          List.of("year", "hhi", "focus_share"), hhi.stream().map(r -> Arrays.<Object>asList(r.get(3), r.get(6),
              r.get(7))).toList(), 4).html());
      b.append("</div>");
    }
    return b.toString();
  }

  /**
   * One query: per exporter × product group (the first {@link #TOP_SERIES}), each calendar year's
   * share of export value of the {@link #TOP_SERIES} destinations with the largest value overall.
   */
  private String destinations(Dataset<Row> dest) {
    StringBuilder b = new StringBuilder();
    List<String> key = List.of(SupplyColumns.EXPORTER, SupplyColumns.PRODUCT_GROUP);
    List<String> keyYear = List.of(SupplyColumns.EXPORTER, SupplyColumns.PRODUCT_GROUP, SupplyColumns.YEAR);
    List<String> keyDest = List.of(SupplyColumns.EXPORTER, SupplyColumns.PRODUCT_GROUP, SupplyColumns.DESTINATION);
    Dataset<Row> yearly = dest.withColumn(SupplyColumns.YEAR, year(col(SupplyColumns.MONTH)))
        .groupBy(cols(List.of(SupplyColumns.EXPORTER, SupplyColumns.PRODUCT_GROUP, SupplyColumns.YEAR,
            SupplyColumns.DESTINATION))).agg(sum(SupplyColumns.VALUE_USD).as("value_usd"))
        .withColumn("share", col("value_usd").divide(sum("value_usd").over(Window.partitionBy(cols(keyYear)))))
        .withColumn("_dest_total", sum("value_usd").over(Window.partitionBy(cols(keyDest))))
        .withColumn("_group_rank", dense_rank().over(Window.orderBy(cols(key))));
    Dataset<Row> ranked = yearly.withColumn("_dest_rank", dense_rank().over(Window.partitionBy(cols(key))
        .orderBy(desc("_dest_total"), col(SupplyColumns.DESTINATION))));
    List<Row> rows = collect(ranked.filter(col("_group_rank").leq(TOP_SERIES).and(col("_dest_rank").leq(TOP_SERIES)))
        .select(col(SupplyColumns.EXPORTER), col(SupplyColumns.PRODUCT_GROUP), col(SupplyColumns.DESTINATION),
            col(SupplyColumns.YEAR), col("share"), col("value_usd"), col("_dest_rank"))
        .orderBy(col(SupplyColumns.EXPORTER), col(SupplyColumns.PRODUCT_GROUP), col("_dest_rank"),
            col(SupplyColumns.YEAR)));
    Map<String, List<Row>> byGroup = new LinkedHashMap<>();
    rows.forEach(r -> byGroup.computeIfAbsent(r.get(0) + "|" + r.get(1), k -> new ArrayList<>()).add(r));
    for (List<Row> g : byGroup.values()) {
      List<String> top = g.stream().map(r -> String.valueOf(r.get(2))).distinct().toList();
      List<Series> series = new ArrayList<>();
      for (String d : top) {
        List<Row> rs = g.stream().filter(r -> String.valueOf(r.get(2)).equals(d)).toList();
        series.add(new Series(d, rs.stream().mapToDouble(r -> r.getInt(3)).toArray(), values(rs, 4)));
      }
      Object exporter = g.get(0).get(0);
      Object product = g.get(0).get(1);
      String label = exporter + " · " + product;
      b.append(Figure.of(id("dest"), "Export destinations' shares: " + label, () -> Charts.line(lastId(), "year",
          "share of the year's export value (fraction, 0–1)", series, List.of(), true),
          "Each of the " + top.size() + " largest destinations' share of " + exporter + "'s exports of " + product
              + " by value, per calendar year (monthly values summed). From table export_destinations (value_usd).",
          List.of("destination_iso3", "year", "share", "value_usd"), g.stream().map(r -> Arrays.<Object>asList(
              r.get(2), r.get(3), r.get(4), r.get(5))).toList(), 4).html());
    }
    return b.toString();
  }

  /** One query: per export-control event × product group, the {@link #TOP_SUPPLIERS} largest destinations. */
  private String eventWindows(Dataset<Row> events) {
    StringBuilder b = new StringBuilder();
    List<String> key = List.of(SupplyColumns.EVENT_DATE, SupplyColumns.MEASURE, SupplyColumns.PRODUCT_GROUP);
    List<Row> rows = collect(events
        .withColumn("_rank", row_number().over(Window.partitionBy(cols(key)).orderBy(
            col("value_before_usd").desc_nulls_last(), col(SupplyColumns.DESTINATION))))
        .withColumn("_group_rank", dense_rank().over(Window.orderBy(cols(key))))
        .filter(col("_rank").leq(TOP_SUPPLIERS).and(col("_group_rank").leq(3 * TOP_SERIES)))
        .select(col(key.get(0)), col(key.get(1)), col(key.get(2)), col(SupplyColumns.DESTINATION),
            col("value_before_usd"), col("value_after_usd"), col("value_change_pct"), col("status"))
        .orderBy(col(key.get(0)), col(key.get(1)), col(key.get(2)), col("_rank")));
    Map<String, List<Row>> byEvent = new LinkedHashMap<>();
    rows.forEach(r -> byEvent.computeIfAbsent(r.get(0) + "|" + r.get(1) + "|" + r.get(2), k -> new ArrayList<>())
        .add(r));
    if (!byEvent.isEmpty()) {
      b.append("<h3>Export-control events</h3>");
    }
    for (List<Row> ev : byEvent.values()) {
      Row g = ev.get(0);
      List<String> dests = ev.stream().map(r -> String.valueOf(r.get(3))).toList();
      double[][] v = {values(ev, 4), values(ev, 5)};
      String label = g.get(0) + " " + g.get(1) + " · " + g.get(2);
      if (Arrays.stream(v[0]).allMatch(Double::isNaN) && Arrays.stream(v[1]).allMatch(Double::isNaN)) {
        b.append("<p>").append(Html.esc(label)).append(": no exports of ").append(Html.esc(g.get(2)))
            .append(" in the run's data around this event (table event_windows, status ")
            .append(Html.esc(ev.stream().map(r -> String.valueOf(r.get(7))).distinct().toList())).append(").</p>");
        continue;
      }
      b.append(Figure.of(id("event"), "Before / after: " + label, () -> Charts.bars(lastId(), "destination (ISO3)",
          "mean monthly export value (USD)", List.of("before", "after"), dests, v, false, List.of()),
          "Mean monthly export value to each destination in the window before and after the " + g.get(1)
              + " of " + g.get(0) + " on " + g.get(2) + " (the event's month in neither). From table event_windows "
              + "(value_before_usd, value_after_usd).",
          List.of("destination_iso3", "value_before_usd", "value_after_usd", "value_change_pct", "status"),
          ev.stream().map(r -> Arrays.<Object>asList(r.get(3), r.get(4), r.get(5), r.get(6), r.get(7))).toList(), 2)
          .html());
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- Growth

  private String growthSection() {
    Dataset<Row> audit = tables.apply("cagr_audit");
    Dataset<Row> proj = tables.apply("projections");
    if (audit == null && proj == null) {
      return "";
    }
    StringBuilder b = section("Growth");
    Map<String, String> units = new LinkedHashMap<>();
    if (audit != null) {
      List<Row> rows = collect(audit.select(GrowthColumns.SERIES_ID, GrowthColumns.STATED_CAGR_PCT,
          GrowthColumns.IMPLIED_CAGR_PCT, GrowthColumns.GAP_PP, GrowthColumns.UNIT, GrowthColumns.BASE_YEAR,
          GrowthColumns.TARGET_YEAR, GrowthColumns.STATUS).orderBy(GrowthColumns.SERIES_ID).limit(MAX_ROWS));
      rows.forEach(r -> units.put(String.valueOf(r.get(0)), r.getString(4)));
      List<String> ids = rows.stream().map(r -> String.valueOf(r.get(0))).toList();
      double[][] v = {values(rows, 1), values(rows, 2)};
      b.append(Figure.of(id("cagr"), "Stated versus implied CAGR", () -> Charts.bars(lastId(), "series",
          "compound annual growth rate (% a year)", List.of("stated", "implied by base and target"), ids, v, false,
          List.of()),
          "Each forecast's stated CAGR beside the rate its own base and target values imply; the gap is the "
              + "difference in percentage points (blank implied: no target year). From table cagr_audit "
              + "(stated_cagr_pct, implied_cagr_pct, gap_pp).",
          List.of("series_id", "stated_cagr_pct", "implied_cagr_pct", "gap_pp", "unit", "base_year", "target_year",
              "status"), rows.stream().map(RunReport::list).toList(), 2).html());
    }
    if (proj != null) {
      // One query: the rows of the first 2 × TOP_SERIES series (by id).
      List<Row> rows = collect(proj
          .withColumn("_series_rank", dense_rank().over(Window.orderBy(col(GrowthColumns.SERIES_ID))))
          .filter(col("_series_rank").leq(2 * TOP_SERIES))
          .select(GrowthColumns.SERIES_ID, GrowthColumns.YEAR, GrowthColumns.VALUE_STATED, GrowthColumns.VALUE_IMPLIED,
              GrowthColumns.KIND).orderBy(GrowthColumns.SERIES_ID, GrowthColumns.YEAR));
      List<Object> ids = rows.stream().map(r -> r.get(0)).distinct().toList();
      b.append("<h3>Projections</h3><div class=\"pair\">");
      for (Object s : ids) {
        List<Row> rs = rows.stream().filter(r -> String.valueOf(r.get(0)).equals(String.valueOf(s))).toList();
        double[] years = rs.stream().mapToDouble(r -> r.getInt(1)).toArray();
        String unit = units.getOrDefault(String.valueOf(s), "series unit");
        b.append(Figure.of(id("proj"), "Projection: " + s, () -> Charts.line(lastId(), "year",
            "value (" + (unit == null ? "series unit" : unit) + ")",
            List.of(new Series("at the stated rate", years, values(rs, 2)),
                new Series("at the implied rate", years, values(rs, 3))), List.of(), true),
            "Series " + s + " projected from its base year to the horizon at the stated CAGR and at the implied "
                + "one. From table projections (value_at_stated_rate, value_at_implied_rate).",
            List.of("series_id", "year", "value_at_stated_rate", "value_at_implied_rate", "kind"),
            rs.stream().map(RunReport::list).toList(), 2).html());
      }
      b.append("</div>");
    }
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- Sensitivity

  private String sensitivitySection() {
    Dataset<Row> tornado = tables.apply("sensitivity_tornado");
    Dataset<Row> twoWay = tables.apply("sensitivity_two_way");
    if (tornado == null && twoWay == null) {
      return "";
    }
    StringBuilder b = section("Sensitivity");
    Dataset<Row> any = tornado != null ? tornado : twoWay;
    String product = productColumn(any);
    String wanted = manifest.path("spec").path("params").path("gdp").path("reporter").asText("JPN");
    // Three queries in all: the reporters, then the chosen reporter's tornado rows and two-way rows for
    // its first three products (Java picks the metrics and splits by product).
    List<String> reporters = collect(any.select("reporter_iso3").distinct()).stream().map(r -> r.getString(0))
        .filter(java.util.Objects::nonNull).sorted().toList();
    if (reporters.isEmpty()) {
      return b.append("<p>No scenarios.</p></section>\n").toString();
    }
    String reporter = reporters.contains(wanted) ? wanted : reporters.get(0);
    b.append("<p>Reporter ").append(Html.esc(reporter))
        .append(" (params.gdp.reporter when it has scenarios, else the first reporter).</p>");
    WindowSpec byProduct = Window.orderBy(col(product));
    List<Row> tornadoRows = tornado == null ? List.of() : collect(tornado
        .filter(col("reporter_iso3").equalTo(reporter))
        .withColumn("_p_rank", dense_rank().over(byProduct)).filter(col("_p_rank").leq(3))
        .select(col("factor"), col("low"), col("high"), col("value_at_low"), col("value_at_high"), col("swing"),
            col("rank"), col("base_year"), col(product).cast("string"), col("metric").cast("string"))
        .orderBy(col(product), col("metric"), col("rank")));
    List<String> products = tornado != null
        ? tornadoRows.stream().map(r -> r.getString(8)).distinct().toList() : null;
    List<Row> twoWayRows = twoWay == null ? List.of() : collect((products != null
        ? twoWay.filter(col("reporter_iso3").equalTo(reporter).and(col(product).cast("string").isin(products.toArray())))
        : twoWay.filter(col("reporter_iso3").equalTo(reporter))
            .withColumn("_p_rank", dense_rank().over(byProduct)).filter(col("_p_rank").leq(3)))
        .select(col("x_factor"), col("x_value"), col("y_factor"), col("y_value"), col("metric"), col("value"),
            col(product).cast("string"))
        .orderBy(col(product), col("y_value"), col("x_value")));
    if (products == null) {
      products = twoWayRows.stream().map(r -> r.getString(6)).distinct().toList();
    }
    for (String p : products) {
      String label = reporter + " · " + p;
      b.append("<h3>").append(Html.esc(label)).append("</h3><div class=\"pair\">");
      if (tornado != null) {
        List<Row> t = tornadoRows.stream().filter(r -> p.equals(r.getString(8))).toList();
        List<Object> metrics = t.stream().map(r -> (Object) r.getString(9)).distinct().sorted(
            java.util.Comparator.comparing(String::valueOf)).toList();
        List<String> chosen = new ArrayList<>();
        for (String m : List.of("extra_cost_jpy", "shortfall_usd", "gdp_impact_pct")) {
          if (metrics.contains(m)) {
            chosen.add(m);
          }
        }
        if (chosen.isEmpty() && !metrics.isEmpty()) {
          chosen.add(String.valueOf(metrics.get(0)));
        }
        for (String m : chosen) {
          List<Row> rows = t.stream().filter(r -> m.equals(r.getString(9)))
              .map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
                  r.get(7))).toList();
          List<String> factors = rows.stream().map(r -> String.valueOf(r.get(0))).toList();
          double[] lo = values(rows, 3);
          double[] hi = values(rows, 4);
          b.append(Figure.of(id("tornado"), "Tornado: " + m + ", " + label, () -> Charts.intervals(lastId(),
              "factor (ranked by swing)", m + " (" + unitOf(m) + ")", m, factors, lo, hi),
              "How far " + m + " moves when one factor goes from its low to its high level and the others stay at "
                  + "their base, for " + label + " (base year " + (rows.isEmpty() ? "" : rows.get(0).get(7))
                  + "). Each bar spans the values at the two levels. From table sensitivity_tornado.",
              List.of("factor", "low", "high", "value_at_low", "value_at_high", "swing", "rank", "base_year"),
              rows.stream().map(RunReport::list).toList(), 2).html());
        }
      }
      if (twoWay != null) {
        List<Row> rows = twoWayRows.stream().filter(r -> p.equals(r.getString(6)))
            .map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5))).toList();
        if (!rows.isEmpty()) {
          double[] xs = rows.stream().mapToDouble(r -> r.getDouble(1)).distinct().sorted().toArray();
          double[] ys = rows.stream().mapToDouble(r -> r.getDouble(3)).distinct().sorted().toArray();
          double[][] z = new double[ys.length][xs.length];
          for (double[] zr : z) {
            Arrays.fill(zr, Double.NaN);
          }
          for (Row r : rows) {
            z[Arrays.binarySearch(ys, r.getDouble(3))][Arrays.binarySearch(xs, r.getDouble(1))] =
                r.isNullAt(5) ? Double.NaN : r.getDouble(5);
          }
          String xf = rows.get(0).getString(0);
          String yf = rows.get(0).getString(2);
          String metric = rows.get(0).getString(4);
          b.append(Figure.of(id("twoway"), "Two-way: " + metric + " by " + xf + " × " + yf + ", " + label,
              () -> Charts.heat(lastId(), xf + " (" + unitOf(xf) + ")", yf + " (" + unitOf(yf) + ")",
                  metric + " (" + unitOf(metric) + ")", xs, ys, z),
              metric + " for every pair of " + xf + " and " + yf + " levels, the other factors at their base, for "
                  + label + "; darker is larger. From table sensitivity_two_way.",
              List.of("x_factor", "x_value", "y_factor", "y_value", "metric", "value"),
              rows.stream().map(RunReport::list).toList(), 2).html());
        }
      }
      b.append("</div>");
    }
    return b.append("</section>\n").toString();
  }

  private static String unitOf(String name) {
    if (name.endsWith("_usd")) {
      return "USD";
    }
    if (name.endsWith("_jpy")) {
      return "JPY";
    }
    if (name.endsWith("_pct")) {
      return "%";
    }
    if (name.endsWith("_share")) {
      return "fraction, 0–1";
    }
    if (name.endsWith("_months")) {
      return "months";
    }
    if (name.endsWith("_kg")) {
      return "kg";
    }
    return "as in the table";
  }

  // ---------------------------------------------------------------- Supply risk

  /** Drawn when a {@code supply_risk} table (the supply-risk step's) with material, stage, period, sr, published_sr, critical exists. */
  private String supplyRiskSection() {
    Dataset<Row> risk = tables.apply("supply_risk");
    List<String> needed = List.of("material", "stage", "period", "sr", "published_sr", "critical");
    if (risk == null || !needed.stream().allMatch(c -> hasColumn(risk, c))) {
      return "";
    }
    StringBuilder b = section("Supply risk");
    // One query: the latest period's rows (the period found by a window, not a query of its own).
    List<Row> rows = collect(risk.withColumn("_period", col("period").cast("string"))
        .withColumn("_latest", max(col("_period")).over())
        .filter(col("_period").equalTo(col("_latest")))
        .select(col("material").cast("string"), col("stage").cast("string"), col("sr").cast("double"),
            col("published_sr").cast("double"), col("critical").cast("string"),
            hasColumn(risk, "status") ? col("status").cast("string") : lit(null).cast("string"), col("_period"))
        .orderBy(col("sr").desc_nulls_last(), col("published_sr").desc_nulls_last(), col("material"), col("stage"))
        .limit(3 * TOP_SUPPLIERS));
    if (rows.isEmpty()) {
      return b.append("<p>No rows.</p></section>\n").toString();
    }
    String period = rows.get(0).getString(6);
    List<String> cats = rows.stream().map(r -> r.getString(0) + " · " + r.getString(1)).toList();
    double[][] v = {values(rows, 2), values(rows, 3)};
    b.append(Figure.of(id("sr"), "Supply risk, " + period, () -> Charts.bars(lastId(), "material · stage",
        "supply risk SR (EU method, dimensionless)", List.of("SR (this run)", "SR (published)"), cats, v, true,
        List.of(new Marker(1.0, "critical threshold SR = 1"))),
        "Supply risk per material and stage for period " + period + " (the latest), ours beside the published "
            + "value; the dashed line is the SR threshold of criticality (SR ≥ 1, with EI ≥ 2.8). From table "
            + "supply_risk (sr, published_sr, critical; a row without sr says why in status).",
        List.of("material", "stage", "sr", "published_sr", "critical", "status"),
        rows.stream().map(r -> list(r).subList(0, 6)).toList(), 3).html());
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- helpers

  private StringBuilder section(String title) {
    nav.add(title);
    return new StringBuilder("<section id=\"").append(anchor(title)).append("\"><h2>").append(Html.esc(title))
        .append("</h2>");
  }

  private static String anchor(String title) {
    return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private String id(String kind) {
    return "fig-" + kind + "-" + (++figures);
  }

  private String lastId() {
    return "c" + figures;
  }

  private double param(String name, double dflt) {
    JsonNode v = manifest.path("spec").path("params").path(name);
    return v.isNumber() ? v.asDouble() : dflt;
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.path(key);
    return v.isMissingNode() || v.isNull() ? "" : v.asText();
  }

  private static String productColumn(Dataset<Row> d) {
    return PRODUCT_COLUMNS.stream().filter(c -> hasColumn(d, c)).findFirst().orElse(ExposureColumns.COMMODITY_GROUP);
  }

  private static boolean hasColumn(Dataset<Row> d, String c) {
    return Arrays.asList(d.columns()).contains(c);
  }

  private static org.apache.spark.sql.Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
  }

  /** Inner equi-join on {@code keys} (null-safe), keeping the left's key columns once; same API on every Spark line. */
  private static Dataset<Row> joinOn(Dataset<Row> left, Dataset<Row> right, List<String> keys) {
    Dataset<Row> r = right;
    org.apache.spark.sql.Column on = lit(true);
    for (String k : keys) {
      r = r.withColumnRenamed(k, "_r_" + k);
      on = on.and(left.col(k).eqNullSafe(r.col("_r_" + k)));
    }
    Dataset<Row> joined = left.join(r, on);
    for (String k : keys) {
      joined = joined.drop("_r_" + k);
    }
    return joined;
  }

  /** Collects a summarised query; fails rather than pull more than {@link #MAX_ROWS} rows to the driver. */
  private static List<Row> collect(Dataset<Row> d) {
    List<Row> rows = d.limit(MAX_ROWS + 1).collectAsList();
    if (rows.size() > MAX_ROWS) {
      throw new IllegalStateException("report query returned more than " + MAX_ROWS + " rows");
    }
    return rows;
  }

  private static double[] values(List<Row> rows, int i) {
    return rows.stream().mapToDouble(r -> r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue()).toArray();
  }

  private static List<Object> list(Row r) {
    List<Object> l = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      l.add(r.get(i));
    }
    return l;
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
