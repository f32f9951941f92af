package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.reference.Countries;
import io.chokepoint.reference.RiskReference;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "done when" on real files: HHI_WGI against an independent computation, the EU 2023
 * published SRs reproduced, the group rule, and {@code no_bloc_sourcing}.
 */
class SupplyRiskRealDataTest extends SparkTestBase {
  static final Countries COUNTRIES = Countries.load(null, new Configuration());
  static final RiskReference RISK = RiskReference.bundled(new Configuration(), COUNTRIES);
  static final String BGS = "criminGeo_manuali-luciana/";
  static final String WGI = "wgi_worldbank_2024_victor/wgi.csv";

  static InputSpec in(String name, String format, String... files) {
    return new InputSpec(name, java.util.Arrays.stream(files).map(f -> "file:" + f).toList(), format, null);
  }

  static Dataset<Row> used(Dataset<Row> parsed) {
    return parsed.where(col(RowStatus.STATUS).equalTo(RowStatus.USED)).drop(RowStatus.ALL);
  }

  /** A small result held on the driver, so later plans start from rows, not from the readers' expressions. */
  static Dataset<Row> local(Dataset<Row> ds) {
    return spark().createDataFrame(ds.collectAsList(), ds.schema()).cache();
  }

  static Dataset<Row> production;
  static Dataset<Row> wgi;
  static Dataset<Row> params;
  static Dataset<Row> annual;
  static Dataset<Row> window;

  @BeforeAll
  static void readOnce() {
    production = local(used(io.chokepoint.testing.Inputs.read(in("production", Formats.BGS_WMS,
        Paths.realData(BGS + "BGS_REs_production.csv"), Paths.realData(BGS + "BGS_tungsten_production.csv"),
        Paths.realData(BGS + "BGS_cobalt_production.csv")))));
    wgi = local(io.chokepoint.testing.Inputs.read(in("governance", Formats.WGI, Paths.realData(WGI)))
        .where("_status = 'used' or _filter_reason = 'no_value'").drop(RowStatus.ALL));
    params = local(used(io.chokepoint.testing.Inputs.read(in("risk_parameters", Formats.EU_CRM,
        Paths.realData("eu_crm2023_critmat/eureport_results.csv"),
        Paths.realData("eu_crm2023_critmat/eureport_tradeparameters.csv")))));
    annual = stages(null, null);
    window = stages(2016, 2020);
  }

  /** The step's transforms on the real files: the stage rows of supply_risk. */
  static Dataset<Row> stages(Integer from, Integer to) {
    Dataset<Row> governance = local(Governance.scores(wgi, from, to));
    Dataset<Row> periods = governance.select("period", "year_from", "year_to").distinct();
    Dataset<Row> shares = SupplyRisk.shares(production, RISK.materials(spark()), RISK.publishedShares(spark(), COUNTRIES),
        periods, from, to);
    Dataset<Row> trade = params.where("record_kind = 'trade_parameter' and scope = 'world'");
    Dataset<Row> contributions = local(SupplyRisk.contributions(shares, governance, trade, SupplyRisk.Unscored.ZERO));
    return local(SupplyRisk.stages(contributions, params.where("record_kind = 'stage'"), periods, RISK.groups(spark())));
  }

  static Row stage(Dataset<Row> stages, String material, String stage, String period) {
    List<Row> rows = stages.where(col("material").equalTo(material).and(col("stage").equalTo(stage))
        .and(col("period").equalTo(period))).collectAsList();
    assertThat(rows).as(material + " " + stage + " " + period).hasSize(1);
    return rows.get(0);
  }

  // ---- the independent computation: plain Java over the CSV files, none of the product's code ----

  static List<CSVRecord> csv(String file, Charset cs) throws IOException {
    try (Reader r = new FileReader(file, cs)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
    }
  }

  /** WGI score per World Bank code for a year: (2.5 − mean of the estimates given) × 2. */
  static Map<String, Double> wgiScores(int year) throws IOException {
    Map<String, double[]> sums = new HashMap<>();
    for (CSVRecord r : csv(Paths.realData(WGI), Charset.forName("windows-1252"))) {
      if (Integer.parseInt(r.get("year")) == year && !r.get("estimate").equals("..")) {
        double[] s = sums.computeIfAbsent(r.get("code"), k -> new double[2]);
        s[0] += Double.parseDouble(r.get("estimate"));
        s[1]++;
      }
    }
    Map<String, String> legacy = Map.of("ROM", "ROU", "ZAR", "COD", "TMP", "TLS", "ADO", "AND", "WBG", "PSE",
        "KSV", "XKX");
    Map<String, Double> out = new HashMap<>();
    sums.forEach((code, s) -> out.put(legacy.getOrDefault(code, code), (2.5 - s[0] / s[1]) * 2));
    return out;
  }

  static double independentHhiWgi(String file, String commodity, int year) throws IOException {
    Map<String, Double> byCountry = new HashMap<>();
    for (CSVRecord r : csv(Paths.realData(BGS + file), StandardCharsets.UTF_8)) {
      if (r.get("bgs_commodity_trans").equals(commodity) && r.get("year").startsWith(year + "-")
          && !r.get("quantity").isBlank()) {
        byCountry.merge(r.get("country_iso3_code"), Double.parseDouble(r.get("quantity")), Double::sum);
      }
    }
    double total = byCountry.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> wgi = wgiScores(year);
    double h = 0;
    for (var e : byCountry.entrySet()) {
      double s = e.getValue() / total;
      Double score = wgi.get(e.getKey());
      h += score == null ? 0 : s * s * score;
    }
    return h;
  }

  @Test
  void hhiWgiOfRareEarthAndTungstenMineOutputEqualsAnIndependentComputation() throws IOException {
    Dataset<Row> s = annual;
    for (int year : new int[] {2022, 2023}) {
      double re = independentHhiWgi("BGS_REs_production.csv", "rare earth oxides", year);
      double w = independentHhiWgi("BGS_tungsten_production.csv", "tungsten, mine", year);
      Row reRow = stage(s, "Rare earths", "extraction", String.valueOf(year));
      Row wRow = stage(s, "Tungsten", "extraction", String.valueOf(year));
      assertThat(reRow.<Double>getAs("hhi_wgi")).as("rare earths " + year).isCloseTo(re, within(1e-4));
      assertThat(wRow.<Double>getAs("hhi_wgi")).as("tungsten " + year).isCloseTo(w, within(1e-4));
      // sanity on the scale: China's share of REO mine output is about 0.6-0.7 and its score about 5.7
      assertThat(re).isBetween(2.0, 3.5);
      assertThat(reRow.<String>getAs("status")).isEqualTo("no_parameters");
      assertThat(wRow.<String>getAs("status")).isEqualTo("no_bloc_sourcing");
      assertThat(wRow.<Double>getAs("sr")).isNull();
    }
  }

  @Test
  void cobaltExtractionAndDysprosiumProcessingReproduceTheEu2023PublishedSr() {
    Dataset<Row> s = window;
    Row cobalt = stage(s, "Cobalt", "extraction", "2016-2020");
    assertThat(cobalt.<String>getAs("status")).isEqualTo("ok");
    assertThat(cobalt.<Double>getAs("published_sr")).isEqualTo(2.8);
    assertThat(cobalt.<Double>getAs("sr")).isCloseTo(2.8, within(0.1));
    assertThat(cobalt.<Double>getAs("sr_difference")).isCloseTo(0.0, within(0.1));
    Row dy = stage(s, "Dysprosium", "processing", "2016-2020");
    assertThat(dy.<String>getAs("status")).isEqualTo("ok");
    assertThat(dy.<Double>getAs("published_sr")).isEqualTo(5.6);
    assertThat(dy.<Double>getAs("sr")).isCloseTo(5.6, within(0.1));
    System.out.printf("cobalt extraction SR %.4f (HHI_WGI %.4f, HHI_WGI,t %.4f, uncovered %.4f); "
            + "dysprosium processing SR %.4f%n", cobalt.<Double>getAs("sr"), cobalt.<Double>getAs("hhi_wgi"),
        cobalt.<Double>getAs("hhi_wgi_t"), cobalt.<Double>getAs("uncovered_share"), dy.<Double>getAs("sr"));
  }

  @Test
  void stagesThatNeedTheEuSourcingTermSayNoBlocSourcing() {
    Dataset<Row> s = window;
    for (String[] ms : new String[][] {{"Cobalt", "processing"}, {"Dysprosium", "extraction"},
        {"Neodymium", "extraction"}}) {
      Row r = stage(s, ms[0], ms[1], "2016-2020");
      assertThat(r.<String>getAs("supply_basis")).isEqualTo("GS+EU");
      assertThat(r.<Double>getAs("hhi_wgi_t")).as(ms[0]).isNotNull();
      assertThat(r.<Double>getAs("sr")).as(ms[0]).isNull();
      assertThat(r.<String>getAs("status")).isEqualTo("no_bloc_sourcing");
    }
    Dataset<Row> overall = SupplyRisk.overall(s, 1.0, 2.8);
    Row cobalt = overall.where("material = 'Cobalt'").first();
    assertThat(cobalt.<String>getAs("status")).isEqualTo("incomplete_stages");
    assertThat(cobalt.<Double>getAs("sr")).isNull();
  }

  @Test
  void groupRuleGivesHreeAndLreeFromTheMembersPublishedSr() {
    Dataset<Row> published = params.where("record_kind = 'stage'").groupBy("material_key").agg(org.apache.spark.sql.functions.max("published_sr")
        .as("sr"));
    Dataset<Row> members = RISK.groups(spark())
        .join(published, "material_key")
        .withColumn("period", org.apache.spark.sql.functions.lit("2016-2020"));
    Map<String, Double> byGroup = new HashMap<>();
    for (Row r : SupplyRisk.groupMean(members).collectAsList()) {
      assertThat(r.<String>getAs("status")).isEqualTo("ok");
      byGroup.put(r.getAs("material_group"), r.getAs("sr"));
    }
    assertThat(byGroup.get("HREE")).isCloseTo(5.1, within(0.05));
    assertThat(byGroup.get("LREE")).isCloseTo(3.7, within(0.05));
    assertThat(published.where("material_key = 'hree'").first().<Double>getAs("sr")).isEqualTo(5.1);
    assertThat(published.where("material_key = 'lree'").first().<Double>getAs("sr")).isEqualTo(3.7);
  }
}
