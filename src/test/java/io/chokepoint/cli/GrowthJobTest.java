package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.Paths;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrowthJobTest extends CliTestSupport {
  @TempDir Path tmp;

  @Test
  void growthJobAuditsTheSeedForecastsAndProjectsEverySeries() throws Exception {
    Path out = tmp.resolve("g");
    Result r = cli("run", "--job", Paths.project("jobs/growth.json"), "--output", out.toString(),
        "--set", "inputs.market_sizes.path=" + Paths.project("sample-data/market/market_sizes.csv"),
        "--set", "inputs.series.path=" + Paths.project("sample-data/market/EXJPUS_monthly.csv"));
    assertThat(r.code()).as(r.err()).isZero();
    Row ai = table(out, "cagr_audit").where("series_id = 'ai'").first();
    assertThat(ai.<Integer>getAs("base_year")).isEqualTo(2025);
    assertThat(ai.<String>getAs("source")).contains("base year 2025 assumed");
    assertThat(ai.<Double>getAs("implied_cagr_pct")).isCloseTo(31.55, within(0.01));
    assertThat(ai.<Double>getAs("gap_pp")).isCloseTo(-0.95, within(0.01));
    assertThat(ai.<Double>getAs("base_year_for_stated_rate")).isCloseTo(2024.78, within(0.01));
    assertThat(table(out, "cagr_audit").where("series_id = 'renewables'").first().<String>getAs("status"))
        .isEqualTo("no_target_year");
    assertThat(table(out, "projections").where("series_id = 'ai'").count()).isEqualTo(11);
    Row fx = table(out, "trend_growth").where("series_id = 'fred:EXJPUS'").first();
    assertThat(fx.<Integer>getAs("observations")).isEqualTo(16);
    assertThat(fx.<String>getAs("status")).isEqualTo("ok");
    JsonNode m = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
    assertThat(m.get("inputs").get("market_sizes").get("rows_used").asInt()).isEqualTo(10);
    assertThat(m.get("inputs").get("series").get("rows_read").asInt()).isEqualTo(192);
  }
}
