package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.testing.Paths;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exposure on real Comtrade files, checked against computations that share no code with the product. */
class RealDataExposureTest extends CliTestSupport {
  @TempDir Path tmp;

  Path run(String file, String format) throws Exception {
    Path out = tmp.resolve("out");
    Result r = cli("run", "--job", job(tmp, """
        {"name": "real", "inputs": {"trade_flows": {"path": "%s", "format": "%s"}},
         "output": {"path": "%s"}, "params": {"group_by": "hs_code"}}""".formatted(file, format, out)).toString());
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  @Test
  void thailandIntegratedCircuitConcentrationMatchesAnIndependentComputationOverNonWorldPartnersEveryYear() throws Exception {
    String f = Paths.realData("comtrade_api_tha_hs8542_methakanb/TradeData.csv");
    Map<Integer, Map<String, Double>> byYear = new TreeMap<>();
    Map<Integer, Double> world = new HashMap<>();
    Map<Integer, Double> self = new HashMap<>();
    try (Reader r = new InputStreamReader(new FileInputStream(f), StandardCharsets.ISO_8859_1);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      for (CSVRecord rec : p) {
        int year = Integer.parseInt(rec.get("refYear"));
        double v = Double.parseDouble(rec.get("primaryValue"));
        if (rec.get("partnerCode").equals("0")) {
          world.merge(year, v, Double::sum);
        } else if (rec.get("partnerCode").equals(rec.get("reporterCode"))) {
          // Thailand reports imports from itself (re-imports): self-trade is never a supplier.
          self.merge(year, v, Double::sum);
        } else {
          byYear.computeIfAbsent(year, y -> new HashMap<>()).merge(rec.get("partnerCode"), v, Double::sum);
        }
      }
    }
    assertThat(byYear.keySet()).containsExactly(2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024);
    assertThat(self.get(2014)).isEqualTo(264567720.0);

    Path out = run(f, "comtrade-plus");
    for (var e : byYear.entrySet()) {
      double total = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
      double hhi = e.getValue().values().stream().mapToDouble(v -> (v / total) * (v / total)).sum() * 10_000;
      double top1 = e.getValue().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow() / total;
      long suppliers = e.getValue().values().stream().filter(v -> v > 0).count();
      Row c = table(out, "concentration").where("reporter_iso3 = 'THA' and hs_code = '8542' and year = " + e.getKey())
          .first();
      assertThat(c.<Double>getAs("total_value_usd")).as("total %d", e.getKey()).isCloseTo(total, within(1e-6 * total));
      assertThat(c.<Double>getAs("hhi_value")).as("HHI %d", e.getKey()).isCloseTo(hhi, within(1e-9 * 10_000));
      assertThat(c.<Double>getAs("top1_share")).as("top1 %d", e.getKey()).isCloseTo(top1, within(1e-12));
      assertThat(c.<Integer>getAs("supplier_count")).isEqualTo((int) suppliers);
      assertThat(c.<Double>getAs("world_reported_value_usd")).isEqualTo(world.get(e.getKey()));
      assertThat(c.<String>getAs("status")).isEqualTo("ok");
    }
  }

  @Test
  void japanNickelOreImports2023HaveNewCaledoniaOnTop() throws Exception {
    Path out = run(Paths.realData("criminGeo_manuali-luciana/UN_nickel_trade.csv"), "comtrade-plus");
    Row c = table(out, "concentration").where("reporter_iso3 = 'JPN' and hs_code = '260400' and year = 2023").first();
    assertThat(c.<String>getAs("top1_partner_iso3")).isEqualTo("NCL");
    assertThat(c.<Double>getAs("top1_share")).isCloseTo(0.794, within(0.0005));
    Row ncl = table(out, "supplier_shares")
        .where("reporter_iso3 = 'JPN' and hs_code = '260400' and year = 2023 and partner_iso3 = 'NCL'").first();
    assertThat(ncl.<Double>getAs("share_weight")).isCloseTo(0.703, within(0.0005));
    assertThat(ncl.<Integer>getAs("rank")).isEqualTo(1);
  }
}
