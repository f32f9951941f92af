package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.metrics.BlocMembers;
import io.chokepoint.metrics.BlocSourcing;
import io.chokepoint.reference.Territories;
import io.chokepoint.spec.BlocRef;
import io.chokepoint.testing.Paths;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The value chain and the bloc tables on real UN Comtrade nickel rows (both flows, many reporters,
 * World rows beside bilateral ones), each figure checked against a computation over the CSV that
 * shares no code with the product. The witnesses: Japan's 2023 nickel-ore imports come 79%
 * from New Caledonia; the Minerals Security Partnership with the EU supplies 0.01% of them counted
 * as reported, 79% with New Caledonia as France; pooling Japan's and Korea's imports barely
 * diversifies (HHI 0.76 pooled against 0.66 and 0.80 alone).
 */
class ValueChainRealDataTest extends CliTestSupport {
  @TempDir static Path tmp;
  static Path out;
  static String file;
  /** reporter → year → flow → code → partner → value, from the CSV. */
  static final Map<String, Map<Integer, Map<String, Map<String, Map<String, Double>>>>> VALUES = new TreeMap<>();

  @BeforeAll
  static void runOnce() throws Exception {
    file = Paths.realData("criminGeo_manuali-luciana/UN_nickel_trade.csv");
    try (Reader r = new InputStreamReader(new FileInputStream(file), StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      for (CSVRecord rec : p) {
        String v = rec.get("primaryValue");
        VALUES.computeIfAbsent(iso(rec.get("reporterISO")), k -> new TreeMap<>())
            .computeIfAbsent(Integer.parseInt(rec.get("period")), k -> new TreeMap<>())
            .computeIfAbsent(rec.get("flowCode"), k -> new TreeMap<>())
            .computeIfAbsent(rec.get("cmdCode"), k -> new TreeMap<>())
            .merge(iso(rec.get("partnerISO")), v.isEmpty() ? 0.0 : Double.parseDouble(v), Double::sum);
      }
    }
    out = tmp.resolve("out");
    Result r = cli("run", "--job", job(tmp, """
        {"name": "nickel", "inputs": {"trade_flows": {"path": "%s", "format": "comtrade-plus"}},
         "output": {"path": "%s"},
         "params": {"group_by": "stage", "value_chain": true, "blocs": ["MSP_EU", ["JPN", "KOR"]],
                    "flows": ["import", "export"]}}""".formatted(file, out)).toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  /** Comtrade's ISO3 column, but for Taiwan, which it files as S19 ("Other Asia, nes", code 490). */
  static String iso(String comtrade) {
    return comtrade.strip().equals("S19") ? "TWN" : comtrade.strip();
  }

  /** The partners (not World, not the reporter itself) of a reporter's imports of a code in a year. */
  static Map<String, Double> partners(String reporter, int year, String flow, String code) {
    Map<String, Double> p = new HashMap<>(VALUES.getOrDefault(reporter, Map.of()).getOrDefault(year, Map.of())
        .getOrDefault(flow, Map.of()).getOrDefault(code, Map.of()));
    p.remove("W00");
    p.remove(reporter);
    return p;
  }

  static double hhi(Map<String, Double> values) {
    double t = values.values().stream().mapToDouble(Double::doubleValue).sum();
    return values.values().stream().mapToDouble(v -> (v / t) * (v / t)).sum() * 10_000;
  }

  static double share(Map<String, Double> values, List<String> of) {
    double t = values.values().stream().mapToDouble(Double::doubleValue).sum();
    return values.entrySet().stream().filter(e -> of.contains(e.getKey())).mapToDouble(Map.Entry::getValue).sum() / t;
  }

  @Test
  void stageExposureOfEveryImporterMatchesTheCsv() {
    List<Row> rows = table(out, "stage_exposure").where("importer_kind = 'country' and material = 'nickel'"
        + " and stage = 'mining'").collectAsList();
    assertThat(rows).hasSizeGreaterThan(100);
    int checked = 0;
    for (Row r : rows) {
      Map<String, Double> p = partners(r.getAs("importer"), r.<Integer>getAs("year"), "M", "260400");
      double total = p.values().stream().mapToDouble(Double::doubleValue).sum();
      assertThat(r.<Double>getAs("total_value_usd")).as(r.toString()).isCloseTo(total, within(1e-6 * total + 1e-6));
      if (total > 0) {
        assertThat(r.<Double>getAs("hhi_value")).as(r.toString()).isCloseTo(hhi(p), within(1e-6));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);

    Row jpn = table(out, "stage_exposure").where("importer = 'JPN' and year = 2023 and material = 'nickel'"
        + " and stage = 'mining'").first();
    Map<String, Double> p = partners("JPN", 2023, "M", "260400");
    assertThat(jpn.<String>getAs("top1_partner_iso3")).isEqualTo("NCL");
    assertThat(jpn.<Double>getAs("top1_share")).isCloseTo(share(p, List.of("NCL")), within(1e-9)).isCloseTo(0.794,
        within(0.001));
    assertThat(jpn.<String>getAs("bloc")).isEqualTo("MSP_EU");
    // As reported, New Caledonia is outside the MSP and the EU: it is the top supplier outside, over the limit.
    assertThat(jpn.<Double>getAs("inside_share")).isCloseTo(share(p, List.of("USA")), within(1e-12)).isLessThan(0.001);
    assertThat(jpn.<String>getAs("top_outside_partner_iso3")).isEqualTo("NCL");
    assertThat(jpn.<Boolean>getAs("exceeds_limit")).isTrue();
    assertThat(jpn.<String>getAs("territories")).isEqualTo("as_reported");
  }

  @Test
  void theTerritoryRuleDecidesWhetherTheBlocCoversJapansNickelOre() {
    Dataset<Row> shares = table(out, "supplier_shares");
    Dataset<Row> members = BlocMembers.table(spark(), List.of(new BlocRef("MSP_EU",
        io.chokepoint.reference.Blocs.bundled().memberships("MSP_EU").orElseThrow(), false)));
    Dataset<Row> territories = Territories.load(null, new Configuration()).table(spark());
    Map<String, Double> p = partners("JPN", 2023, "M", "260400");
    for (String rule : Territories.RULES) {
      Row jpn = BlocSourcing.perImporter(shares, "material_stage", members, territories, rule, "CHN")
          .where("reporter_iso3 = 'JPN' and year = 2023 and material_stage = 'nickel/mining'").first();
      double expected = rule.equals(Territories.SOVEREIGN) ? share(p, List.of("USA", "NCL")) : share(p, List.of("USA"));
      assertThat(jpn.<Double>getAs("inside_share")).as(rule).isCloseTo(expected, within(1e-12));
      assertThat(jpn.<String>getAs("territories")).isEqualTo(rule);
    }
    assertThat(share(p, List.of("USA"))).isLessThan(0.001);
    assertThat(share(p, List.of("USA", "NCL"))).isCloseTo(0.794, within(0.001));
  }

  @Test
  void poolingJapanAndKoreaBarelyDiversifies() {
    Map<String, Double> jpn = partners("JPN", 2023, "M", "260400");
    Map<String, Double> kor = partners("KOR", 2023, "M", "260400");
    Map<String, Double> pooled = new HashMap<>(jpn);
    kor.forEach((k, v) -> pooled.merge(k, v, Double::sum));
    Row row = table(out, "bloc_pooled").where("bloc = 'JPN+KOR' and year = 2023 and flow = 'import'"
        + " and material_stage = 'nickel/mining'").first();
    assertThat(row.<Double>getAs("pooled_hhi")).isCloseTo(hhi(pooled), within(1e-6)).isCloseTo(7626, within(1.0));
    assertThat(row.<Integer>getAs("members_reporting")).isEqualTo(2);
    Dataset<Row> alone = table(out, "bloc_sourcing").where("bloc = 'JPN+KOR' and year = 2023 and flow = 'import'"
        + " and material_stage = 'nickel/mining'");
    assertThat(alone.where("reporter_iso3 = 'JPN'").first().<Double>getAs("hhi_value")).isCloseTo(hhi(jpn), within(1e-6))
        .isCloseTo(6615, within(1.0));
    assertThat(alone.where("reporter_iso3 = 'KOR'").first().<Double>getAs("hhi_value")).isCloseTo(hhi(kor), within(1e-6))
        .isCloseTo(8026, within(1.0));
  }

  @Test
  void netTradeByStageMatchesTheCsvWhereAReporterFilesBothFlows() {
    List<Row> rows = table(out, "net_trade").where("material = 'nickel'").collectAsList();
    int both = 0;
    for (Row r : rows) {
      String reporter = r.getAs("reporter_iso3");
      int year = r.getAs("year");
      String code = r.<String>getAs("stage").equals("mining") ? "260400" : "750110";
      var flows = VALUES.get(reporter).get(year);
      boolean filesBoth = flows.containsKey("M") && flows.containsKey("X");
      if (!filesBoth) {
        assertThat(r.<String>getAs("status")).as(r.toString()).isEqualTo("one_flow_reported");
        assertThat(r.<Double>getAs("net_trade_index")).isNull();
        continue;
      }
      double x = total(reporter, year, "X", code);
      double m = total(reporter, year, "M", code);
      assertThat(r.<Double>getAs("exports_usd")).as(r.toString()).isCloseTo(x, within(1e-6 * x + 1e-6));
      assertThat(r.<Double>getAs("imports_usd")).as(r.toString()).isCloseTo(m, within(1e-6 * m + 1e-6));
      if (x + m > 0) {
        assertThat(r.<Double>getAs("net_trade_index")).as(r.toString()).isCloseTo((x - m) / (x + m), within(1e-9));
        both++;
      }
    }
    assertThat(both).isGreaterThan(200);
  }

  /** A flow's total for a code: the World row when the reporter files one, else its partners summed. */
  static double total(String reporter, int year, String flow, String code) {
    Map<String, Double> byPartner = VALUES.get(reporter).get(year).getOrDefault(flow, Map.of()).getOrDefault(code, Map.of());
    if (byPartner.containsKey("W00")) {
      return byPartner.get("W00");
    }
    return partners(reporter, year, flow, code).values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
