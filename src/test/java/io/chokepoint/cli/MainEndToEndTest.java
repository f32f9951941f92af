package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.metrics.Exposure;
import io.chokepoint.testing.DatasetAssert;
import io.chokepoint.testing.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample job through the real entry point, read back from Parquet. */
class MainEndToEndTest extends CliTestSupport {
  static final String SAMPLE_JOB = Paths.project("jobs/rare-earth-exposure.json");

  @TempDir Path tmp;
  /** Where the class's one sample run publishes ({@link #sampleAt}). */
  @TempDir static Path shared;
  private static Result sample;

  /**
   * The sample job's result, run once per class; its output is copied to {@code out}, as a run there
   * would have left it (the output root alone: no lock or staging beside it).
   */
  static Result sampleAt(Path out) throws Exception {
    synchronized (MainEndToEndTest.class) {
      if (sample == null) {
        sample = runSample(shared.resolve("out"));
      }
    }
    Path from = shared.resolve("out");
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = out.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return sample;
  }

  static Result runSample(Path out, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of("run", "--job", SAMPLE_JOB, "--output", out.toString(),
        "--run-date", "2026-01-06", "--set", "inputs.trade_flows.path=" + Paths.project(
            "sample-data/trade/comtrade_plus_rare_earths.csv")));
    a.addAll(List.of(more));
    return cli(a.toArray(String[]::new));
  }

  @Test
  void sampleJobPublishesTablesRejectsAndABalancedManifest() throws Exception {
    Path out = tmp.resolve("out");
    Result r = sampleAt(out);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.list(out).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted())
        // _checks: the data-check results beside the manifest (#12 adds it to the output root); report: #11.
        .containsExactly("_checks", "_manifest.json", "concentration", "rejects", "report", "supplier_shares",
            "trade_flows");
    String page = Files.readString(out.resolve("report/index.html"));
    assertThat(page).contains("<section id=\"run\">", "<section id=\"exposure\">", ">1860<")
        .doesNotContain("<section id=\"growth\">", "<script");

    JsonNode m = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
    JsonNode in = m.get("inputs").get("trade_flows");
    long read = in.get("rows_read").asLong();
    assertThat(read).isEqualTo(1860);
    assertThat(in.get("rows_used").asLong() + in.get("rows_rejected").asLong() + in.get("rows_filtered").asLong())
        .isEqualTo(read);
    assertThat(in.get("rows_rejected").asLong()).isEqualTo(2);
    assertThat(in.get("filtered_by_reason").get("flow_not_in_scope").asLong()).isEqualTo(64);
    assertThat(m.get("status").asText()).isEqualTo("succeeded");
    assertThat(m.get("run_date").asText()).isEqualTo("2026-01-06");
    assertThat(m.get("outputs").get("trade_flows").get("rows").asLong()).isEqualTo(in.get("rows_used").asLong());
    assertThat(m.get("checks")).allSatisfy(c -> assertThat(c.get("passed").asBoolean()).as(c.toString()).isTrue());

    assertThat(table(out, "rejects").select("input", "reason").collectAsList()).extracting(Row::toString)
        .containsExactlyInAnyOrder("[trade_flows,unparsable value_usd 'n/a']", "[trade_flows,unknown partner code '999']");
    assertThat(table(out, "rejects").where("raw like '%n/a%'").count()).isEqualTo(1);

    // Japan's rare-earth dependence on China by weight: about 90% in 2010, about 60% in 2025.
    Dataset<Row> c = table(out, "concentration").where("reporter_iso3 = 'JPN' and commodity_group = 'rare_earths'");
    assertThat(c.count()).isEqualTo(16);
    double w2010 = c.where("year = 2010").first().getAs("focus_share_weight");
    double w2025 = c.where("year = 2025").first().getAs("focus_share_weight");
    assertThat(w2010).isBetween(0.88, 0.92);
    assertThat(w2025).isBetween(0.58, 0.62);
    Row j2010 = c.where("year = 2010").first();
    assertThat(j2010.<String>getAs("top1_partner_iso3")).isEqualTo("CHN");
    assertThat(j2010.<String>getAs("hhi_band")).isEqualTo("highly_concentrated");
    assertThat(j2010.<Double>getAs("bilateral_to_world_ratio")).isBetween(0.99, 1.0);
    // Self-trade (USA from USA) is never a supplier.
    assertThat(table(out, "supplier_shares").where("reporter_iso3 = partner_iso3").count()).isZero();
  }

  @Test
  void rerunningTheSameJobGivesTheSameRowsAndNoLeftovers() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(sampleAt(out).code()).isZero();
    List<Object[]> first = rows(table(out, "concentration"));
    assertThat(runSample(out).code()).isZero();
    DatasetAssert.assertRowsEqual(table(out, "concentration"), first, 0);
    assertThat(table(out, "trade_flows").count()).isEqualTo(1729);
    assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).sorted()).containsExactly("out");
  }

  @Test
  void publishedTradeFlowsReadBackAsCanonicalGiveTheSameConcentration() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(sampleAt(out).code()).isZero();
    Path again = tmp.resolve("again");
    // Ingest once, analyse many: the landed Parquet is read typed and not published again.
    Result r = cli("run", "--job", SAMPLE_JOB, "--output", again.toString(),
        "--set", "inputs.trade_flows.path=" + out.resolve("trade_flows"),
        "--set", "inputs.trade_flows.format=trade-canonical", "--set", "params.publish_trade_flows=false");
    assertThat(r.code()).as(r.err()).isZero();
    sameExposureTables(again, out);
    assertThat(again.resolve("trade_flows")).doesNotExist();
    JsonNode m = new ObjectMapper().readTree(again.resolve("_manifest.json").toFile());
    assertThat(m.get("outputs").has("trade_flows")).isFalse();
    long landed = table(out, "trade_flows").count();
    assertThat(m.get("inputs").get("trade_flows").get("rows_read").asLong()).isEqualTo(landed);
    assertThat(m.get("inputs").get("trade_flows").get("rows_used").asLong()).isEqualTo(landed);
  }

  @Test
  void canonicalParquetWithBadRowsPublishesItsUsedRowsAndRejectsTheRest() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(sampleAt(out).code()).isZero();
    Dataset<Row> flows = table(out, "trade_flows");
    Path input = canonicalParquetWithBadRows(out);
    Path again = tmp.resolve("again");
    Result r = cli("run", "--job", SAMPLE_JOB, "--output", again.toString(), "--run-date", "2026-01-06",
        "--set", "inputs.trade_flows.path=" + input, "--set", "inputs.trade_flows.format=trade-canonical");
    assertThat(r.code()).as(r.err()).isZero();

    long used = flows.count();
    JsonNode in = new ObjectMapper().readTree(again.resolve("_manifest.json").toFile()).get("inputs").get("trade_flows");
    assertThat(in.get("rows_read").asLong()).isEqualTo(used + 3);
    assertThat(in.get("rows_used").asLong()).isEqualTo(used);
    assertThat(in.get("rows_rejected").asLong()).isEqualTo(2);
    assertThat(in.get("filtered_by_reason").get("flow_not_in_scope").asLong()).isEqualTo(1);
    assertThat(table(again, "rejects").select("reason").collectAsList()).extracting(x -> x.getString(0))
        .containsExactlyInAnyOrder("negative value_usd '-5.0'", "missing year");
    // The used rows are published as they were read, and give the same exposure tables.
    DatasetAssert.assertRowsEqual(table(again, "trade_flows"), rows(flows), 0);
    sameExposureTables(again, out);
    // The copy is written by the scan that counts the statuses (no counting pass, no second copy):
    // the ingest stage lands the used rows, and no later stage writes trade_flows.
    assertThat(stages(again)).contains("ingest:trade_flows=" + used).noneMatch(st -> st.startsWith("write:trade_flows"));
  }

  /**
   * The rows a sample run published, plus one row with a negative value, one without a year and one
   * export (out of the job's import scope), written as canonical Parquet.
   */
  private Path canonicalParquetWithBadRows(Path out) {
    Dataset<Row> flows = table(out, "trade_flows");
    Dataset<Row> one = flows.orderBy("reporter_iso3", "partner_iso3", "hs_code", "year").limit(1);
    Path input = tmp.resolve("flows");
    flows.union(one.withColumn("value_usd", functions.lit(-5.0)))
        .union(one.withColumn("year", functions.lit(null).cast("int")))
        .union(one.withColumn("flow", functions.lit("export")))
        .coalesce(1).write().parquet(input.toString());
    return input;
  }

  /** Ingest once, analyse many: {@code input} read as canonical Parquet in place, trade_flows not published again. */
  private Result analyse(Path input, Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("run", "--job", SAMPLE_JOB, "--output", out.toString(),
        "--run-date", "2026-01-06", "--set", "inputs.trade_flows.path=" + input,
        "--set", "inputs.trade_flows.format=trade-canonical", "--set", "params.publish_trade_flows=false"));
    a.addAll(List.of(more));
    return cli(a.toArray(String[]::new));
  }

  /** Both exposure tables of {@code run} equal those of {@code expected}, doubles within 1e-12. */
  private static void sameExposureTables(Path run, Path expected) {
    DatasetAssert.assertRowsEqual(table(run, "concentration"), rows(table(expected, "concentration")), 1e-12);
    DatasetAssert.assertRowsEqual(table(run, "supplier_shares"), rows(table(expected, "supplier_shares")), 1e-12);
  }

  /** Each manifest stage as {@code name=rows} ({@code name=} for a stage without a row count). */
  private static List<String> stages(Path out) throws Exception {
    List<String> stages = new ArrayList<>();
    new ObjectMapper().readTree(out.resolve("_manifest.json").toFile()).get("stages")
        .forEach(st -> stages.add(st.get("name").asText() + "=" + st.path("rows").asText()));
    return stages;
  }

  /**
   * Asserts the manifest of a run over {@link #canonicalParquetWithBadRows} counted its rows: the
   * {@code used} published rows, two rejected and one filtered; returns the input's entry.
   */
  private static JsonNode badRowsCounted(Path out, long used) throws Exception {
    JsonNode in = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile()).get("inputs").get("trade_flows");
    assertThat(in.get("rows_read").asLong()).isEqualTo(used + 3);
    assertThat(in.get("rows_used").asLong()).isEqualTo(used);
    assertThat(in.get("rows_rejected").asLong()).isEqualTo(2);
    assertThat(in.get("filtered_by_reason").get("flow_not_in_scope").asLong()).isEqualTo(1);
    return in;
  }

  @Test
  void canonicalParquetReadInPlaceIsCountedByTheExposurePassThatReadsIt() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(sampleAt(out).code()).isZero();
    long used = table(out, "trade_flows").count();
    Path again = tmp.resolve("again");
    Result r = analyse(canonicalParquetWithBadRows(out), again);
    assertThat(r.code()).as(r.err()).isZero();

    JsonNode in = badRowsCounted(again, used);
    assertThat(in.get("rejected_by_reason").get("negative value_usd").asLong()).isEqualTo(1);
    assertThat(table(again, "rejects").select("reason").collectAsList()).extracting(x -> x.getString(0))
        .containsExactlyInAnyOrder("negative value_usd '-5.0'", "missing year");
    sameExposureTables(again, out);
    // No pass of its own counted the input: its counts came from the exposure pass.
    assertThat(stages(again)).contains("exposure=", "rejects:trade_flows=2").noneMatch(st -> st.startsWith("ingest:"));
  }

  @Test
  void theSqlFormOfTheExposurePassPublishesTheSameTablesAndCountsTheInputItReads() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(sampleAt(out).code()).isZero();
    long used = table(out, "trade_flows").count();
    Path again = tmp.resolve("again");
    Path input = canonicalParquetWithBadRows(out);
    Path strict = tmp.resolve("strict");
    spark().conf().set(Exposure.PASS_CONF, "aggregates");
    Result r;
    Result tooManyRejects;
    try {
      r = analyse(input, again);
      tooManyRejects = analyse(input, strict, "--set", "quality.max_reject_ratio=0");
    } finally {
      spark().conf().unset(Exposure.PASS_CONF);
    }
    assertThat(r.code()).as(r.err()).isZero();
    badRowsCounted(again, used);
    JsonNode outputs = new ObjectMapper().readTree(again.resolve("_manifest.json").toFile()).get("outputs");
    assertThat(outputs.get("supplier_shares").get("exposure_pass").asText()).isEqualTo("aggregates");
    assertThat(outputs.get("concentration").get("exposure_pass").asText()).isEqualTo("aggregates");
    // A bad input still stops the run with its check, after the first table's write to staging,
    // and nothing is published.
    assertThat(tooManyRejects.code()).isEqualTo(3);
    assertThat(tooManyRejects.firstErrLine()).contains("data check trade_flows.reject_ratio failed");
    assertThat(strict).doesNotExist();
    sameExposureTables(again, out);
    // The input read in place is counted from the supplier_shares write's scan: no pass of its own,
    // and no exposure stage (that is the rows pass's map side).
    assertThat(stages(again)).contains("rejects:trade_flows=2")
        .noneMatch(st -> st.startsWith("ingest:") || st.startsWith("exposure="));
  }

  @Test
  void canonicalParquetReadInPlaceWithTooManyRejectsStopsTheRunBeforeAnyTableIsWritten() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(sampleAt(out).code()).isZero();
    Path again = tmp.resolve("again");
    Path input = canonicalParquetWithBadRows(out);
    // Every query that ends while the run goes, by its plan (a write names its target).
    List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
    QueryExecutionListener listener = new QueryExecutionListener() {
      @Override
      public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        queries.add(qe.logical().toString());
      }

      @Override
      public void onFailure(String funcName, QueryExecution qe, Exception exception) {
        queries.add(qe.logical().toString());
      }
    };
    spark().listenerManager().register(listener);
    Result r;
    try {
      r = analyse(input, again, "--set", "quality.max_reject_ratio=0");
      for (int i = 0; i < 100 && queries.stream().noneMatch(q -> q.contains("statuses_trade_flows")); i++) {
        Thread.sleep(100); // the listener bus delivers query ends shortly after they happen
      }
    } finally {
      spark().listenerManager().unregister(listener);
    }
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.firstErrLine()).contains("data check trade_flows.reject_ratio failed after ingest")
        .contains("2 of " + (table(out, "trade_flows").count() + 3) + " rows rejected");
    // The exposure pass's map side ran (it counted the input), and nothing was written after it.
    assertThat(queries).anyMatch(q -> q.contains("statuses_trade_flows"))
        .noneMatch(q -> q.contains("supplier_shares") || q.contains("concentration"));
    // Nothing published, no staging left.
    assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).sorted()).containsExactly("flows", "out");
  }

  @Test
  void withoutAdaptiveExecutionCanonicalParquetReadInPlaceIsCountedByAPassOfItsOwn() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(sampleAt(out).code()).isZero();
    long used = table(out, "trade_flows").count();
    Path again = tmp.resolve("again");
    // Without adaptive execution the exposure pass's map side runs in its first write, not when it
    // is built: its observation reports zeros then, and the input is counted by a pass of its own.
    spark().conf().set("spark.sql.adaptive.enabled", "false");
    Result r;
    try {
      r = analyse(canonicalParquetWithBadRows(out), again);
    } finally {
      spark().conf().unset("spark.sql.adaptive.enabled");
    }
    assertThat(r.code()).as(r.err()).isZero();
    badRowsCounted(again, used);
    assertThat(stages(again)).contains("ingest:trade_flows=" + (used + 3));
    DatasetAssert.assertRowsEqual(table(again, "concentration"), rows(table(out, "concentration")), 1e-12);
  }

  @Test
  void reportFromAnOutputRootRebuildsThePage() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(sampleAt(out).code()).isZero();
    Path page = out.resolve("report/index.html");
    String first = Files.readString(page);
    Files.delete(page);
    Result r = cli("report", "--from", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(page)).isEqualTo(first);
    assertThat(cli("report", "--from", tmp.resolve("nowhere").toString()).code()).isEqualTo(3);
    assertThat(cli("report").code()).isEqualTo(2);
    assertThat(cli("report", "--from", out.toString(), "--job", SAMPLE_JOB).code()).isEqualTo(2);
  }

  @Test
  void validateChecksEverythingAndWritesNothing() {
    Path out = tmp.resolve("out");
    Result r = cli("validate", "--job", SAMPLE_JOB, "--output", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("comtrade-plus").contains("valid");
    assertThat(out).doesNotExist();
  }

  @Test
  void aFailedRunLeavesThePublishedOutputAsItWas() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(sampleAt(out).code()).isZero();
    String manifest = Files.readString(out.resolve("_manifest.json"));
    Result r = runSample(out, "--set", "quality.max_reject_ratio=0");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.firstErrLine()).contains("trade_flows.reject_ratio").contains("2 of 1860 rows rejected");
    assertThat(Files.readString(out.resolve("_manifest.json"))).isEqualTo(manifest);
    assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).sorted()).containsExactly("out");
  }
}
