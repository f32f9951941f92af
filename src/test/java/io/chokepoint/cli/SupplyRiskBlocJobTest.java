package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.testing.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/supply-risk-bloc.json end to end on the sample data with the sample trade file: the bloc
 * term of tungsten extraction checked against a plain-Java reading of the same trade file.
 */
class SupplyRiskBlocJobTest extends CliTestSupport {
  static final String TRADE = "sample-data/trade/canonical_bloc_tungsten_ores.csv";

  @TempDir Path tmp;

  static Result run(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--job", Paths.project("jobs/supply-risk-bloc.json"),
        "--output", out.toString(),
        "--set", "inputs.production.path=" + Paths.project("sample-data/supply/bgs_risk_sample.csv"),
        "--set", "inputs.governance.path=[\"" + Paths.project("sample-data/governance/wgi_long_sample.csv") + "\",\""
            + Paths.project("sample-data/governance/wgi_databank_sample.csv") + "\"]",
        "--set", "inputs.risk_parameters.path=[\"" + Paths.project("sample-data/reference/eu-crm2023-results-seed.csv")
            + "\",\"" + Paths.project("sample-data/reference/eu-crm2023-tradeparameters-seed.csv") + "\"]",
        "--set", "inputs.trade_flows.path=" + Paths.project(TRADE)));
    for (String m : more) {
      args.add("--set");
      args.add(m);
    }
    return cli(args.toArray(String[]::new));
  }

  /**
   * The witness: tonnes imported by the bloc's members from each partner outside it in 2016–2020,
   * annual import rows of HS 261100 only, read from the file without the product.
   */
  static Map<String, Double> importsByPartner(Set<String> bloc) throws Exception {
    Map<String, Double> out = new TreeMap<>();
    List<String> lines = Files.readAllLines(Path.of(Paths.project(TRADE)));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      int year = Integer.parseInt(f[0]);
      boolean annual = f[1].isEmpty();
      if (annual && year >= 2016 && year <= 2020 && bloc.contains(f[2]) && !bloc.contains(f[3])
          && f[4].equals("country") && f[5].equals("import") && f[6].startsWith("261100")) {
        out.merge(f[3], Double.parseDouble(f[8]) / 1000, Double::sum);
      }
    }
    return out;
  }

  /** The EU27 members as blocs.csv lists them. */
  static Set<String> eu27() throws Exception {
    Set<String> out = new java.util.HashSet<>();
    for (String line : Files.readAllLines(Path.of(Paths.project("sample-data/reference/blocs.csv")))) {
      if (line.startsWith("EU27,")) {
        out.add(line.split(",")[1]);
      }
    }
    return out;
  }

  static double hhiWgiT(Map<String, Double> tonnes, Dataset<Row> governance) {
    double total = tonnes.values().stream().mapToDouble(Double::doubleValue).sum();
    double sum = 0;
    for (Map.Entry<String, Double> e : tonnes.entrySet()) {
      double score = governance.where("country_iso3 = '" + e.getKey() + "'").first().<Double>getAs("wgi_score");
      double share = e.getValue() / total;
      sum += share * share * score; // t = 1: the seed's EU-scope trade parameters list no tungsten ore supplier
    }
    return sum;
  }

  @Test
  void eu27BlocTermOfTungstenExtractionMatchesTheTradeFileAndGivesTheGsEuSr() throws Exception {
    Path out = tmp.resolve("eu");
    Result r = run(out);
    assertThat(r.code()).as(r.err()).isZero();

    Dataset<Row> g = table(out, "governance_scores");
    Set<String> eu27 = eu27();
    assertThat(eu27).hasSize(27);
    Map<String, Double> tonnes = importsByPartner(eu27);
    assertThat(tonnes).containsOnlyKeys("RUS", "RWA", "BOL", "VNM", "CHN");
    assertThat(tonnes.get("RUS")).isEqualTo(2500.0);
    double bloc = hhiWgiT(tonnes, g);

    Dataset<Row> sr = table(out, "supply_risk");
    Row w = sr.where("material = 'Tungsten' and stage = 'extraction'").first();
    assertThat(w.<String>getAs("status")).isEqualTo("ok");
    assertThat(w.<Double>getAs("hhi_bloc_wgi_t")).isCloseTo(bloc, within(1e-9));
    double ir = 0.21;
    double expected = (w.<Double>getAs("hhi_wgi_t") * ir / 2 + bloc * (1 - ir / 2)) * (1 - 0.42) * 0.96;
    assertThat(w.<Double>getAs("sr")).isCloseTo(expected, within(1e-9));
    assertThat(sr.where("material = 'Neodymium' and stage = 'extraction'").first().<String>getAs("status"))
        .as("no HS6 code stands for rare-earth ores").isEqualTo("no_trade_mapping");
    Row cobaltE = sr.where("material = 'Cobalt' and stage = 'extraction'").first();
    assertThat(cobaltE.<String>getAs("status")).isEqualTo("ok");
    assertThat(cobaltE.<Double>getAs("sr")).isEqualTo(cobaltE.<Double>getAs("hhi_wgi_t") * (1 - 0.22) * 0.98,
        within(1e-12));

    Dataset<Row> c = table(out, "supply_risk_contributions")
        .where("material = 'Tungsten' and stage = 'extraction' and basis = 'bloc'");
    assertThat(c.select("country_iso3").collectAsList().stream().map(x -> x.getString(0)).toList())
        .containsExactlyInAnyOrder("RUS", "RWA", "BOL", "VNM", "CHN");
    assertThat(c.where("country_iso3 = 'RUS'").first().<Double>getAs("share")).isCloseTo(2500.0 / 4000, within(1e-12));
    assertThat(c.where("country_iso3 = 'RUS'").first().<String>getAs("source")).isEqualTo("import");
    assertThat(c.agg(org.apache.spark.sql.functions.sum("term")).first().getDouble(0)).isCloseTo(bloc, within(1e-12));
    assertThat(table(out, "supply_risk_contributions").where("basis = 'global' and material = 'Tungsten'"
        + " and stage = 'extraction'").count()).isEqualTo(5);
  }

  @Test
  void aBlocOfTwoListedReportersUsesOnlyTheirImports() throws Exception {
    Path out = tmp.resolve("jk");
    Result r = run(out, "params.bloc=[\"JPN\",\"KOR\"]");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Double> tonnes = importsByPartner(Set.of("JPN", "KOR"));
    assertThat(tonnes).containsOnlyKeys("CHN", "VNM");
    Row w = table(out, "supply_risk").where("material = 'Tungsten' and stage = 'extraction'").first();
    assertThat(w.<Double>getAs("hhi_bloc_wgi_t")).isCloseTo(hhiWgiT(tonnes, table(out, "governance_scores")),
        within(1e-9));
  }

  @Test
  void theBlocTermTakesTheEuScopeTradeParameterAndTheGlobalTermTheWorldScope() throws Exception {
    Path params = Files.createDirectories(tmp.resolve("params")).resolve("tradeparameters.csv");
    Files.writeString(params, Files.readString(Path.of(Paths.project(
        "sample-data/reference/eu-crm2023-tradeparameters-seed.csv"))).stripTrailing()
        + "\nTungsten,Russia,1.3,primary,eu,TEST,2025\n");
    Path out = tmp.resolve("eu-t");
    Result r = run(out, "inputs.risk_parameters.path=[\"" + Paths.project("sample-data/reference/eu-crm2023-results-seed.csv")
        + "\",\"" + params + "\"]");
    assertThat(r.code()).as(r.err()).isZero();
    Dataset<Row> c = table(out, "supply_risk_contributions")
        .where("material = 'Tungsten' and stage = 'extraction' and country_iso3 = 'RUS'");
    assertThat(c.where("basis = 'bloc'").first().<Double>getAs("t")).isEqualTo(1.3);
    assertThat(c.where("basis = 'global'").first().<Double>getAs("t")).isEqualTo(1.1);
    Map<String, Double> tonnes = importsByPartner(eu27());
    double withoutT = hhiWgiT(tonnes, table(out, "governance_scores"));
    double rus = 2500.0 / 4000;
    double score = table(out, "governance_scores").where("country_iso3 = 'RUS'").first().<Double>getAs("wgi_score");
    Row w = table(out, "supply_risk").where("material = 'Tungsten' and stage = 'extraction'").first();
    assertThat(w.<Double>getAs("hhi_bloc_wgi_t")).isCloseTo(withoutT + rus * rus * score * 0.3, within(1e-9));
  }

  @Test
  void theJobsOwnHsTableReplacesTheJarsAndABadOneIsExit3NamingTheFile() throws Exception {
    Path ref = Files.createDirectories(tmp.resolve("ref"));
    Path hs = ref.resolve("hs.csv");
    Files.writeString(hs, "material,stage,hs_code,source\nCobalt,extraction,260500,HS 2605.00\n");
    Path out = tmp.resolve("own");
    Result r = run(out, "reference.risk_material_hs=" + hs);
    assertThat(r.code()).as(r.err()).isZero();
    Row w = table(out, "supply_risk").where("material = 'Tungsten' and stage = 'extraction'").first();
    assertThat(w.<String>getAs("status")).as("this table maps no tungsten code").isEqualTo("no_trade_mapping");
    assertThat(w.<Double>getAs("sr")).isNull();

    Files.writeString(hs, "material,stage,hs_code,source\nTungsten,extraction,2611,HS 2611\n");
    Result bad = run(tmp.resolve("bad-hs"), "reference.risk_material_hs=" + hs);
    assertThat(bad.code()).isEqualTo(3);
    assertThat(bad.err()).contains("hs.csv, line 2: hs_code '2611' is not six digits");
  }

  @Test
  void aBlocThatIsNoBlocNorCountryIsExit2NamingTheKey() {
    Result bad = run(tmp.resolve("bad"), "params.bloc=EU28");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("params.bloc");
    Result unknown = run(tmp.resolve("unknown"), "params.bloc=[\"QQQ\"]");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("params.bloc: 'QQQ' is not a country");
  }
}
