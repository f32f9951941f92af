package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.Paths;
import java.io.FileReader;
import java.io.Reader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/real-rare-earth-trade.json on the real extracts shipped in sample-data/real/ (USITC DataWeb,
 * CEPII BACI): China's shares the README's worked example quotes, each recomputed here from the
 * shipped CSVs without the product, and every file labelled a real extract in the manifest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealSampleDataTest extends CliTestSupport {
  @TempDir static Path tmp;
  Path out;
  /** (reporter, hs, year) → partner → {value, kg (NaN when absent)}. */
  final Map<List<Object>, Map<String, double[]>> flows = new HashMap<>();

  @BeforeAll
  void runTheJobAndReadTheFiles() throws Exception {
    for (String f : List.of("usitc_us_imports_2805_2846_8505.csv", "baci_850511_2022_2024.csv",
        "baci_850511_top6_2010_2020.csv")) {
      try (Reader r = new FileReader(Paths.project("sample-data/real/" + f));
          CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
        for (CSVRecord rec : p) {
          String kg = rec.get("net_weight_kg");
          flows.computeIfAbsent(List.of(rec.get("reporter_iso3"), rec.get("hs_code"), Integer.valueOf(rec.get("year"))),
              k -> new HashMap<>()).merge(rec.get("partner_iso3"), new double[] {Double.parseDouble(rec.get("value_usd")),
              kg.isEmpty() ? Double.NaN : Double.parseDouble(kg)}, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
        }
      }
    }
    out = tmp.resolve("out");
    Result r = cli("run", "--job", Paths.project("jobs/real-rare-earth-trade.json"), "--output", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  /** China's share of a reporter's imports of a product, by value (0) or by weight (1), from the files. */
  double chinaShare(String reporter, String hs, int year, int measure) {
    Map<String, double[]> partners = flows.get(List.of(reporter, hs, year));
    double total = partners.values().stream().mapToDouble(v -> v[measure]).sum();
    return partners.getOrDefault("CHN", new double[] {0, 0})[measure] / total;
  }

  Row concentration(String reporter, String hs, int year) {
    return table(out, "concentration").where("reporter_iso3 = '" + reporter + "' and hs_code = '" + hs + "' and year = "
        + year).first();
  }

  @Test
  void chinasShareOfUsRareEarthCompoundImportsByWeightFellFromNinetyToEightyPercent() {
    Map<Integer, Double> byWeight = new TreeMap<>();
    for (int year = 2010; year <= 2025; year++) {
      Row c = concentration("USA", "2846", year);
      assertThat(c.<Double>getAs("focus_share")).as("value %d", year).isCloseTo(chinaShare("USA", "2846", year, 0),
          within(1e-12));
      assertThat(c.<Double>getAs("focus_share_weight")).as("weight %d", year)
          .isCloseTo(chinaShare("USA", "2846", year, 1), within(1e-12));
      byWeight.put(year, c.getAs("focus_share_weight"));
    }
    assertThat(byWeight.get(2010)).isCloseTo(0.897, within(0.0005));
    assertThat(byWeight.get(2012)).isCloseTo(0.593, within(0.0005));
    assertThat(byWeight.get(2025)).isCloseTo(0.791, within(0.0005));
    assertThat(concentration("USA", "2846", 2010).<Double>getAs("focus_share")).isCloseTo(0.715, within(0.0005));
    assertThat(concentration("USA", "8505", 2024).<String>getAs("weight_status")).isEqualTo("missing");
    System.out.println("China's share of US HTS 2846 imports by weight: " + byWeight);
  }

  @Test
  void chinasShareOfJapansMagnetImportsInBaciNeverCameNearNinetyPercent() {
    Map<Integer, Double> share = new TreeMap<>();
    for (int year : List.of(2010, 2012, 2015, 2018, 2020, 2022, 2024)) {
      Row c = concentration("JPN", "850511", year);
      assertThat(c.<Double>getAs("focus_share")).as("%d", year).isCloseTo(chinaShare("JPN", "850511", year, 0),
          within(1e-12));
      share.put(year, c.getAs("focus_share"));
    }
    assertThat(share.get(2010)).isCloseTo(0.335, within(0.0005));
    assertThat(share.get(2024)).isCloseTo(0.276, within(0.0005));
    assertThat(concentration("JPN", "850511", 2024).<String>getAs("top1_partner_iso3")).isEqualTo("PHL");
    System.out.println("China's share of Japan's HS 850511 imports (BACI): " + share);
  }

  @Test
  void theManifestLabelsEveryShippedFileARealExtractWithItsSource() throws Exception {
    JsonNode files = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile()).get("inputs")
        .get("trade_flows").get("files");
    assertThat(files).hasSize(3);
    files.forEach(f -> {
      assertThat(f.get("provenance").get("kind").asText()).as(f.get("path").asText()).isEqualTo("real extract");
      assertThat(f.get("provenance").get("licence").asText()).as(f.get("path").asText()).isNotBlank();
    });
  }
}
