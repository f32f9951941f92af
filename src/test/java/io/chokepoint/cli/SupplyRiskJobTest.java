package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/supply-risk.json end to end on the sample data (no ../shared needed). */
class SupplyRiskJobTest extends CliTestSupport {
  @TempDir Path tmp;

  static String project(String p) {
    return Paths.project(p);
  }

  /**
   * The shipped EU results seed with its LREE row as CritMAT exports it ({@code 281%}, corrected to
   * 2.81 in the seed): a bad cell of a real export, rejected with its reason end to end.
   */
  Path resultsAsExported() throws Exception {
    String seed = Files.readString(Path.of(project("sample-data/reference/eu-crm2023-results-seed.csv")));
    assertThat(seed).contains("LREE,3.7,5.9,Processing,E+P,GS+EU,2.81,");
    return Files.writeString(tmp.resolve("eu-crm2023-results-as-exported.csv"),
        seed.replace("LREE,3.7,5.9,Processing,E+P,GS+EU,2.81,", "LREE,3.7,5.9,Processing,E+P,GS+EU,281%,"));
  }

  @Test
  void supplyRiskJobPublishesGovernanceContributionsAndSupplyRiskWithBalancedCounts() throws Exception {
    Path out = tmp.resolve("r");
    Result r = cli("run", "--job", project("jobs/supply-risk.json"), "--output", out.toString(),
        "--set", "inputs.production.path=" + project("sample-data/supply/bgs_risk_sample.csv"),
        "--set", "inputs.governance.path=[\"" + project("sample-data/governance/wgi_long_sample.csv") + "\",\""
            + project("sample-data/governance/wgi_databank_sample.csv") + "\"]",
        "--set", "inputs.risk_parameters.path=[\"" + resultsAsExported()
            + "\",\"" + project("sample-data/reference/eu-crm2023-tradeparameters-seed.csv") + "\"]");
    assertThat(r.code()).as(r.err()).isZero();

    Dataset<Row> g = table(out, "governance_scores");
    Row cod = g.where("country_iso3 = 'COD'").first();
    assertThat(cod.<String>getAs("period")).isEqualTo("2016-2020");
    assertThat(cod.<String>getAs("status")).isEqualTo("ok");
    assertThat(cod.<Double>getAs("wgi_score")).isEqualTo((2.5 - cod.<Double>getAs("wgi_mean")) * 2, within(1e-12));
    assertThat(g.where("country_iso3 = 'MDG'").first().<Integer>getAs("indicators_present")).isEqualTo(6);
    assertThat(g.where("country_iso3 = 'ASM'").first().<String>getAs("status")).isEqualTo("missing");

    Dataset<Row> sr = table(out, "supply_risk");
    Row cobaltE = sr.where("material = 'Cobalt' and stage = 'extraction'").first();
    assertThat(cobaltE.<String>getAs("status")).isEqualTo("ok");
    assertThat(cobaltE.<Double>getAs("sr")).isEqualTo(cobaltE.<Double>getAs("hhi_wgi_t") * (1 - 0.22) * 0.98,
        within(1e-12));
    assertThat(cobaltE.<Double>getAs("uncovered_share")).as("New Caledonia has no WGI score").isPositive();
    Row cobaltP = sr.where("material = 'Cobalt' and stage = 'processing'").first();
    assertThat(cobaltP.<String>getAs("status")).isEqualTo("no_production");
    Row tungstenE = sr.where("material = 'Tungsten' and stage = 'extraction'").first();
    assertThat(tungstenE.<String>getAs("status")).isEqualTo("no_bloc_sourcing");
    assertThat(tungstenE.<Double>getAs("sr")).isNull();
    assertThat(tungstenE.<Double>getAs("hhi_wgi_t")).isGreaterThan(tungstenE.<Double>getAs("hhi_wgi"));
    Row dyP = sr.where("material = 'Dysprosium' and stage = 'processing'").first();
    assertThat(dyP.<String>getAs("status")).isEqualTo("ok");
    double chn = g.where("country_iso3 = 'CHN'").first().<Double>getAs("wgi_score");
    assertThat(dyP.<Double>getAs("sr")).isCloseTo(chn * 0.99 * 0.99, within(1e-12));
    Row hree = sr.where("material = 'HREE'").first();
    assertThat(hree.<String>getAs("status")).isEqualTo("incomplete_members");
    assertThat(hree.<Double>getAs("published_sr")).isEqualTo(5.1);

    Dataset<Row> c = table(out, "supply_risk_contributions")
        .where("material = 'Cobalt' and stage = 'extraction'");
    double sumTerms = c.agg(org.apache.spark.sql.functions.sum("term")).first().getDouble(0);
    assertThat(sumTerms).isCloseTo(cobaltE.<Double>getAs("hhi_wgi_t"), within(1e-12));
    Row drc = c.where("country_iso3 = 'COD'").first();
    assertThat(drc.<Double>getAs("t")).isEqualTo(1.1);
    assertThat(c.where("country_iso3 = 'NCL'").first().<Boolean>getAs("scored")).isFalse();

    List<String> rejects = table(out, "rejects").select("reason").collectAsList().stream()
        .map(x -> x.getString(0)).toList();
    assertThat(rejects).contains("unknown country code 'XXA'", "unparsable supply_risk_primary '281%'");
    JsonNode m = new ObjectMapper().readTree(Files.readString(out.resolve("_manifest.json")));
    for (String input : new String[] {"production", "governance", "risk_parameters"}) {
      JsonNode in = m.get("inputs").get(input);
      assertThat(in.get("rows_used").asLong() + in.get("rows_rejected").asLong() + in.get("rows_filtered").asLong())
          .as(input).isEqualTo(in.get("rows_read").asLong());
    }
    assertThat(m.get("outputs").has("supply_risk")).isTrue();
  }
}
