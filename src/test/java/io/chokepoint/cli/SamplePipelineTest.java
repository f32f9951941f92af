package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.report.Html;
import io.chokepoint.report.RunReport;
import io.chokepoint.report.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample pipeline ({@code jobs/full-pipeline.json}, what {@code scripts/run-local.sh} runs with no
 * arguments), run once through {@code Main} ({@link SampleRun}): it publishes every table its plan names, its report
 * shows every section, and it logs no warning of ours.
 */
class SamplePipelineTest extends CliTestSupport {
  /**
   * Warnings about this machine or this test, not about the job: Hadoop's native library is not
   * installed here; the job reuses the tests' SparkSession, so the app name it asks for cannot apply.
   */
  static final List<String> NOT_OURS = List.of("WARN org.apache.hadoop.util.NativeCodeLoader: ",
      "WARN org.apache.spark.sql.classic.SparkSession: Using an existing Spark session",
      "WARN org.apache.spark.sql.SparkSession: Using an existing Spark session");
  /**
   * Ours, known, and owned by ingest/: an input of several layouts (production: USGS + BGS;
   * risk_parameters: EU results + trade parameters) is parsed in one stage whose serialized plan is
   * just over Spark's 1,000 KiB warning size. To remove once the readers' plans shrink.
   */
  static final List<String> KNOWN = List.of("WARN org.apache.spark.scheduler.DAGScheduler: Broadcasting large task binary");

  static Path out;
  static Result validate;
  static Result run;
  static List<String> warnings;

  /** The suite's one plain run of the sample pipeline ({@link SampleRun}), shared with the accelerator's test. */
  @BeforeAll
  static void runTheSamplePipelineOnce() {
    SampleRun sample = SampleRun.get();
    out = sample.out;
    validate = sample.validate;
    run = sample.run;
    warnings = sample.warnings;
  }

  @Test
  void publishesEveryTableOfItsPlan() {
    assertThat(validate.code()).as(validate.err()).isZero();
    assertThat(run.code()).as(run.err()).isZero();
    List<String> tables = validate.out().lines().filter(l -> l.startsWith("step "))
        .flatMap(l -> Arrays.stream(l.substring(l.indexOf(" -> ") + 4).split(", "))).toList();
    assertThat(tables).contains("supply_risk", "governance_scores", "supply_risk_contributions", "concentration",
        "production_concentration", "cagr_audit", "sensitivity_grid");
    for (String t : tables) {
      assertThat(out.resolve(t)).as("table " + t).isDirectory();
    }
  }

  @Test
  void theReportShowsEverySection() throws Exception {
    String page = Files.readString(out.resolve("report/index.html"));
    for (Section s : RunReport.SECTIONS) {
      assertThat(page).as("section " + s.title()).contains("<h2>" + Html.esc(s.title()) + "</h2>");
    }
  }

  @Test
  void logsNoWarningOfOurs() {
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(warnings).filteredOn(w -> NOT_OURS.stream().noneMatch(w::startsWith)
        && KNOWN.stream().noneMatch(w::startsWith)).isEmpty();
  }
}
