package io.chokepoint.cli;

import static io.chokepoint.testing.DatasetAssert.assertRowsEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/mirror-flows.json end to end on its hand-made sample, and the reported basis left as it was. */
class MirrorFlowsJobTest extends CliTestSupport {
  @TempDir Path tmp;

  Path run(String job, String name, String... sets) {
    Path out = tmp.resolve(name);
    List<String> a = new ArrayList<>(List.of("run", "--job", Paths.project(job), "--output", out.toString(),
        "--run-date", "2026-01-06"));
    for (String s : sets) {
      a.add("--set");
      a.add(s);
    }
    Result r = cli(a.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  static double share(Path out, int year, String partner) {
    return table(out, "supplier_shares").where("reporter_iso3 = 'JPN' and year = " + year + " and partner_iso3 = '"
        + partner + "'").first().getAs("share_value");
  }

  @Test
  void theSampleShowsEachClassAndEachBasisMovesTheSharesAsDocumented() throws Exception {
    Path reported = run("jobs/mirror-flows.json", "reported");
    assertRowsEqual(table(reported, "mirror_flows").where("year = 2024").select(cols("exporter_iso3",
        "importer_value_usd", "exporter_value_usd", "class", "reconciled_value_usd", "reconciled_from")), List.of(
        row("CHN", 48e6, 45e6, "agree", 48e6, "importer"),
        row("VNM", 27e6, 19e6, "values_differ", 27e6, "importer"),
        row("MYS", 10e6, 9.5e6, "weights_differ", 10e6, "importer"),
        row("FRA", 2e6, null, "importer_only", 2e6, "importer"),
        row("EST", null, 3.1e6, "exporter_only", 3.1e6 * 1.05, "exporter_fob_times_cif_factor")), 1e-12);
    JsonNode m = new ObjectMapper().readTree(reported.resolve("_manifest.json").toFile());
    JsonNode in = m.get("inputs").get("trade_flows");
    assertThat(in.get("rows_read").asLong()).isEqualTo(27);
    assertThat(in.get("rows_used").asLong()).isEqualTo(15); // Japan's 12 bilateral imports and 3 World rows
    assertThat(in.get("filtered_by_reason").get("flow_not_in_scope").asLong()).isEqualTo(12); // partners' exports
    assertThat(m.get("outputs").get("mirror_flows").get("rows").asLong()).isEqualTo(15);
    // The sample is hand-made, and the manifest and the report say so.
    assertThat(in.get("files").get(0).get("provenance").get("kind").asText()).isEqualTo("hand-made");
    String report = Files.readString(reported.resolve("report/index.html"));
    assertThat(report).contains("Where the input files come from", "hand-made", "Both sides of the flow",
        "Both sides: JPN · 284690 from CHN", "as CHN reports its exports (FOB)");

    Path mirror = run("jobs/mirror-flows.json", "mirror", "params.value_basis=mirror");
    Path reconciled = run("jobs/mirror-flows.json", "reconciled", "params.value_basis=reconciled");
    assertThat(share(reported, 2024, "CHN")).isCloseTo(48.0 / (48 + 27 + 10 + 2), within(1e-12));
    assertThat(share(mirror, 2024, "CHN")).isCloseTo(45.0 / (45 + 19 + 9.5 + 3.1), within(1e-12));
    assertThat(share(reconciled, 2024, "CHN")).isCloseTo(48.0 / (48 + 27 + 10 + 2 + 3.1 * 1.05), within(1e-12));
    assertThat(table(mirror, "supplier_shares").where("partner_iso3 = 'FRA'").count())
        .as("France does not report its exports to Japan: no mirror value").isZero();
    for (Path out : List.of(reported, mirror, reconciled)) {
      JsonNode outputs = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile()).get("outputs");
      assertThat(outputs.get("concentration").get("value_basis").asText()).isEqualTo(out.getFileName().toString());
    }
  }

  @Test
  void theReportedBasisGivesTheSameExposureTablesWithOrWithoutTheMirrorTable() {
    Path plain = run("jobs/rare-earth-exposure.json", "plain");
    Path withMirror = run("jobs/rare-earth-exposure.json", "with-mirror", "params.mirror_flows=true");
    assertThat(Files.exists(plain.resolve("mirror_flows"))).isFalse();
    assertThat(Files.exists(withMirror.resolve("mirror_flows"))).isTrue();
    for (String t : List.of("supplier_shares", "concentration", "trade_flows")) {
      Dataset<Row> a = table(plain, t);
      assertRowsEqual(table(withMirror, t).select(cols(a.columns())), rows(a), 0);
    }
  }
}
