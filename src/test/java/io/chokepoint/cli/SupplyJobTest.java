package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupplyJobTest extends CliTestSupport {
  @TempDir Path tmp;

  @Test
  void supplyJobPublishesDestinationsEventWindowsAndProductionWithBalancedCounts() throws Exception {
    Path out = tmp.resolve("s");
    Result r = cli("run", "--job", Paths.project("jobs/supply-side.json"), "--output", out.toString(),
        "--set", "inputs.rare_earth_exports.path=" + Paths.project("sample-data/supply/china_exports_monthly.csv"),
        "--set", "inputs.export_controls.path=" + Paths.project("sample-data/reference/export-controls.csv"),
        "--set", "inputs.production.path=" + Paths.project("sample-data/supply/mcs_world_sample.csv"));
    assertThat(r.code()).as(r.err()).isZero();
    Row embargo = table(out, "event_windows").where("event_date = date'2010-09-07'").first();
    assertThat(embargo.<Double>getAs("quantity_change_pct")).isLessThan(-50);
    assertThat(table(out, "event_windows").where("event_date = date'2026-01-06' and status <> 'insufficient_data'")
        .count()).isZero();
    Row chn = table(out, "production_concentration")
        .where("commodity = 'rare_earths' and stage = 'mine' and year = 2024 and country_iso3 = 'CHN'").first();
    assertThat(chn.<Double>getAs("share")).isCloseTo(270000.0 / 390000, within(1e-12));
    assertThat(table(out, "rejects").where("input = 'rare_earth_exports'").first().<String>getAs("reason"))
        .isEqualTo("unknown destination 'Atlantis'");
    JsonNode m = new ObjectMapper().readTree(Files.readString(out.resolve("_manifest.json")));
    for (String input : new String[] {"rare_earth_exports", "export_controls", "production"}) {
      JsonNode in = m.get("inputs").get(input);
      assertThat(in.get("rows_used").asLong() + in.get("rows_rejected").asLong() + in.get("rows_filtered").asLong())
          .as(input).isEqualTo(in.get("rows_read").asLong());
    }
    assertThat(m.get("inputs").get("export_controls").get("rows_used").asInt()).isEqualTo(5);
    assertThat(m.get("outputs").has("production_concentration")).isTrue();
  }
}
