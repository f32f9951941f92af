package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.Paths;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The value-chain and bloc steps end to end on small canonical files (in any clone): a member that
 * joins a bloc mid-series, the territory rule, the HS2022 split of 8112.92, grouping by stage with a
 * code two materials share, the spec errors of the bloc parameters; and, on BGS's real cobalt
 * production, mine against refined output by stage.
 */
class ValueChainJobTest extends CliTestSupport {
  static final String HEADER = "year,month,reporter_iso3,partner_iso3,partner_kind,flow,hs_code,value_usd,net_weight_kg,"
      + "quantity,quantity_unit,classification\n";

  @TempDir Path tmp;

  Path run(String name, String rows, String params) throws Exception {
    Path trade = Files.writeString(tmp.resolve(name + ".csv"), HEADER + rows);
    return runJob(name, "\"trade_flows\": {\"path\": \"" + trade + "\", \"format\": \"trade-canonical\"}", params);
  }

  /** Runs a job of these inputs and params into {@code tmp/name}; it must succeed. */
  Path runJob(String name, String inputs, String params) throws Exception {
    Path out = tmp.resolve(name);
    Path job = Files.writeString(tmp.resolve(name + ".json"), """
        {"name": "%s", "inputs": {%s}, "output": {"path": "%s"}, "params": {%s}}""".formatted(name, inputs, out, params));
    Result r = cli("run", "--job", job.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  static Row one(Path out, String table, String where) {
    List<Row> rows = table(out, table).where(where).collectAsList();
    assertThat(rows).as(table + " where " + where).hasSize(1);
    return rows.get(0);
  }

  @Test
  void aMemberCountsInsideTheBlocFromTheYearItJoined() throws Exception {
    // India joined the Minerals Security Partnership in 2023: Japan's imports from it are outside the
    // bloc in 2022 and inside in 2023.
    Path out = run("msp", """
        2022,,JPN,IND,country,import,260400,100,,,,
        2022,,JPN,CHN,country,import,260400,300,,,,
        2023,,JPN,IND,country,import,260400,100,,,,
        2023,,JPN,CHN,country,import,260400,300,,,,
        """, "\"group_by\": \"hs_code\", \"value_chain\": true, \"blocs\": [\"MSP\"]");
    assertThat(one(out, "bloc_sourcing", "year = 2022").<Double>getAs("inside_share")).isEqualTo(0.0);
    assertThat(one(out, "bloc_sourcing", "year = 2023").<Double>getAs("inside_share")).isEqualTo(0.25);
    assertThat(one(out, "bloc_sourcing", "year = 2023").<Boolean>getAs("reporter_is_member")).isTrue();
    // The same rule in the value chain: the top supplier outside Japan's bloc, against the 65% limit.
    Row ore = one(out, "stage_exposure", "year = 2023 and importer = 'JPN' and stage = 'mining'");
    assertThat(ore.<String>getAs("bloc")).isEqualTo("MSP");
    assertThat(ore.<String>getAs("top_outside_partner_iso3")).isEqualTo("CHN");
    assertThat(ore.<Double>getAs("top_outside_share")).isEqualTo(0.75);
    assertThat(ore.<Boolean>getAs("exceeds_limit")).isTrue();
    Row pooled = one(out, "stage_exposure", "year = 2023 and importer = 'MSP' and stage = 'mining'");
    assertThat(pooled.<String>getAs("importer_kind")).isEqualTo("bloc");
    assertThat(pooled.<Double>getAs("inside_share")).isEqualTo(0.25);
  }

  @Test
  void theTerritoryRuleSaysWhetherNewCaledoniaIsFrance() throws Exception {
    String rows = """
        2023,,JPN,NCL,country,import,260400,800,,,,
        2023,,JPN,CHN,country,import,260400,200,,,,
        """;
    for (String rule : List.of("as_reported", "sovereign")) {
      Path out = run("t-" + rule, rows, "\"group_by\": \"hs_code\", \"blocs\": [[\"FRA\", \"USA\"]], \"territories\": \""
          + rule + "\"");
      Row r = one(out, "bloc_sourcing", "bloc = 'FRA+USA'");
      assertThat(r.<Double>getAs("inside_share")).as(rule).isEqualTo(rule.equals("sovereign") ? 0.8 : 0.0);
      assertThat(r.<String>getAs("territories")).isEqualTo(rule);
      assertThat(r.<String>getAs("top1_partner_iso3")).isEqualTo(rule.equals("sovereign") ? "FRA" : "NCL");
    }
  }

  @Test
  void aSeriesAcrossTheHs2022SplitOf811292IsSummedAndSaysSo() throws Exception {
    // HS2022 moved hafnium and rhenium out of 8112.92 into 8112.31 and 8112.41: the 2022 rows of
    // those codes count as 8112.92 did in 2021, so the series stays comparable.
    Path out = run("split", """
        2021,,USA,CHN,country,import,811292,1000,,,,HS2017
        2022,,USA,CHN,country,import,811292,700,,,,HS2022
        2022,,USA,DEU,country,import,811231,300,,,,HS2022
        """, "\"value_chain\": true");
    Row y2021 = one(out, "stage_exposure", "year = 2021 and importer = 'USA' and material = 'gallium_germanium'");
    Row y2022 = one(out, "stage_exposure", "year = 2022 and importer = 'USA' and material = 'gallium_germanium'");
    assertThat(y2021.<Double>getAs("total_value_usd")).isEqualTo(1000.0);
    assertThat(y2022.<Double>getAs("total_value_usd")).isEqualTo(1000.0);
    assertThat(y2022.<String>getAs("stage")).isEqualTo("metal");
    assertThat(y2022.getList(y2022.fieldIndex("codes"))).containsExactly("811231", "811292");
    assertThat(y2022.<String>getAs("edition_note")).isEqualTo("summed across the HS2022 split: 811231 as 811292");
    assertThat(y2021.<String>getAs("edition_note")).isNull();
    assertThat(y2022.<String>getAs("purity")).isEqualTo("shared");
    // The rows keep the classification they were reported in (8112.31 is in no commodity group: not in trade_flows).
    assertThat(table(out, "trade_flows").select("year", "classification").collectAsList().stream().map(Row::toString))
        .containsExactlyInAnyOrder("[2021,HS2017]", "[2022,HS2022]");
  }

  @Test
  void groupingByStageCountsASharedCodeForEachMaterialAndSaysSo() throws Exception {
    Path out = run("stage", """
        2023,,CHN,AUS,country,import,253090,900,,,,
        2023,,CHN,BRA,country,import,253090,100,,,,
        2023,,CHN,AUS,country,import,999999,5,,,,
        2023,,CHN,MYS,country,import,284690,50,,,,
        """, "\"group_by\": \"stage\"");
    Row li = one(out, "concentration", "material_stage = 'lithium/mining'");
    Row re = one(out, "concentration", "material_stage = 'rare_earths/mining'");
    assertThat(li.<Double>getAs("total_value_usd")).isEqualTo(1000.0);
    assertThat(re.<Double>getAs("total_value_usd")).isEqualTo(1000.0);
    assertThat(li.<String>getAs("stage_purity")).isEqualTo("shared");
    assertThat(one(out, "concentration", "material_stage = 'rare_earths/refining'").<String>getAs("stage_purity"))
        .isEqualTo("mixed-stage");
    assertThat(one(out, "supplier_shares", "material_stage = 'lithium/mining' and partner_iso3 = 'AUS'")
        .<Double>getAs("share_value")).isEqualTo(0.9);
    JsonNode in = new ObjectMapper().readTree(Files.readString(out.resolve("_manifest.json"))).get("inputs")
        .get("trade_flows");
    assertThat(in.get("rows_read").asLong()).isEqualTo(4);
    assertThat(in.get("rows_used").asLong()).isEqualTo(3); // a shared code's row is one row, counted once
    assertThat(in.get("filtered_by_reason").get("hs_code_in_no_stage").asLong()).isEqualTo(1);
  }

  @Test
  void badBlocParametersAreSpecErrorsBeforeAnythingIsRead() throws Exception {
    Path job = tmp.resolve("bad.json");
    for (String[] c : List.of(
        new String[] {"\"blocs\": [\"MARKET_OF_FRIENDS\"]", "params.blocs[0]: 'MARKET_OF_FRIENDS' is not a bloc of"},
        new String[] {"\"blocs\": [[\"JP\", \"KOR\"]]", "params.blocs[0]: \"JP\" is not an ISO3 country code"},
        new String[] {"\"blocs\": \"MOD\"", "params.blocs: expected a list of blocs"},
        new String[] {"\"territories\": \"annexed\"", "params.territories: 'annexed' is not one of"},
        new String[] {"\"single_supplier_limit\": 65", "params.single_supplier_limit: expected a share in (0, 1]"})) {
      Files.writeString(job, """
          {"name": "bad", "inputs": {"trade_flows": {"path": "%s", "format": "trade-canonical"}},
           "output": {"path": "%s"}, "params": {%s}}""".formatted(tmp.resolve("no-such-file.csv"), tmp.resolve("o"),
          c[0]));
      for (String command : List.of("validate", "run")) {
        Result r = cli(command, "--job", job.toString());
        assertThat(r.code()).as(command + " " + c[0] + ": " + r.err()).isEqualTo(2);
        assertThat(r.firstErrLine()).contains(c[1]);
      }
    }
    // A listed code that is no country of the countries table: exit 2 in preflight, still before any data.
    Files.writeString(job, """
        {"name": "bad", "inputs": {"trade_flows": {"path": "%s", "format": "baci"}},
         "output": {"path": "%s"}, "params": {"blocs": [["JPN", "XYZ"]]}}""".formatted(
        Paths.project("sample-data/trade/baci_rare_earths.csv"), tmp.resolve("o")));
    Result r = cli("validate", "--job", job.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.firstErrLine()).contains("'XYZ' of bloc JPN+XYZ is not a country");
  }

  @Test
  void worldCobaltProductionByStageMineAgainstRefined() throws Exception {
    String bgs = Paths.realData("criminGeo_manuali-luciana/BGS_cobalt_production.csv");
    Map<String, Map<String, Double>> byStage = new HashMap<>();
    try (Reader rd = new InputStreamReader(new FileInputStream(bgs), StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(rd)) {
      for (CSVRecord rec : p) {
        if (rec.get("year").startsWith("2023") && !rec.get("quantity").isEmpty()) {
          byStage.computeIfAbsent(rec.get("bgs_commodity_trans"), k -> new HashMap<>())
              .merge(rec.get("country_iso3_code"), Double.parseDouble(rec.get("quantity")), Double::sum);
        }
      }
    }
    Path out = runJob("cobalt", "\"production\": {\"path\": \"" + bgs + "\", \"format\": \"bgs-wms\"}",
        "\"value_chain\": true");
    for (String[] s : List.of(new String[] {"mining", "cobalt, mine"}, new String[] {"refining", "cobalt, refined"})) {
      Map<String, Double> c = byStage.get(s[1]);
      double china = c.get("CHN") / c.values().stream().mapToDouble(Double::doubleValue).sum();
      Row row = one(out, "stage_production", "year = 2023 and material = 'cobalt' and stage = '" + s[0] + "'");
      assertThat(row.<Double>getAs("focus_share")).as(s[0]).isCloseTo(china, within(1e-12));
    }
    assertThat(one(out, "stage_production", "year = 2023 and stage = 'mining'").<Double>getAs("focus_share"))
        .isCloseTo(0.007, within(0.001));
    Row refined = one(out, "stage_production", "year = 2023 and stage = 'refining'");
    assertThat(refined.<Double>getAs("focus_share")).isCloseTo(0.80, within(0.005));
    assertThat(refined.<Boolean>getAs("exceeds_limit")).isTrue();
    assertThat(one(out, "stage_production", "year = 2023 and stage = 'mining'").<String>getAs("top1_country_iso3"))
        .isEqualTo("COD");
  }
}
