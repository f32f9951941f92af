package io.chokepoint.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.schema.TradeColumns;
import io.chokepoint.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bloc-sourcing term on a hand-made canonical trade file and hand-made production, against
 * values computed here in plain Java from the same numbers (not by the product's code).
 */
class SupplyRiskBlocTest extends SparkTestBase {
  /** The canonical trade file: bloc AAA + BBB, window 2019–2020. */
  static final String TRADE = """
      year,month,reporter_iso3,partner_iso3,partner_kind,flow,hs_code,value_usd,net_weight_kg,quantity,quantity_unit,source_format
      2019,,AAA,CCC,country,import,261100,10.0,2000000.0,,kg,comtrade-plus
      2020,,BBB,CCC,country,import,26110000,10.0,1000000.0,,kg,comext
      2020,,AAA,DDD,country,import,261100,10.0,1500000.0,,kg,comtrade-plus
      2019,,BBB,_X,nes,import,261100,10.0,500000.0,,kg,comtrade-plus
      2019,,AAA,BBB,country,import,261100,10.0,9999999.0,,kg,comtrade-plus
      2019,,AAA,W00,world,import,261100,10.0,5000000.0,,kg,comtrade-plus
      2019,6,AAA,CCC,country,import,261100,10.0,700000.0,,kg,comtrade-plus
      2018,,AAA,CCC,country,import,261100,10.0,800000.0,,kg,comtrade-plus
      2019,,ZZZ,CCC,country,import,261100,10.0,800000.0,,kg,comtrade-plus
      2019,,AAA,DDD,country,export,261100,10.0,300000.0,,kg,comtrade-plus
      2020,,AAA,EEE,country,import,261100,10.0,,,kg,comtrade-plus
      2019,,AAA,CCC,country,import,810194,10.0,300000.0,,kg,comtrade-plus
      2020,,BBB,DDD,country,import,810194,10.0,100000.0,,kg,comtrade-plus
      """;
  static final List<String> BLOC = List.of("AAA", "BBB");
  static final String PERIOD = "2019-2020";

  @TempDir static Path tmp;
  static Dataset<Row> trade;

  @BeforeAll
  static void writeTradeFile() throws Exception {
    Path f = tmp.resolve("canonical_bloc.csv");
    Files.writeString(f, TRADE);
    trade = spark().read().option("header", "true").schema(TradeColumns.SCHEMA).csv(f.toString());
  }

  static Dataset<Row> hs() {
    return df(new StructType().add("material", DataTypes.StringType).add("material_key", DataTypes.StringType)
            .add("stage", DataTypes.StringType).add("hs_code", DataTypes.StringType),
        row("M", "m", "extraction", "261100"), row("M", "m", "processing", "810194"),
        row("N", "n", "extraction", "260500"));
  }

  /** Global supply, summed over the window: M extraction AAA 100 t (a member) and EEE 300 t; N and Q alike. */
  static Dataset<Row> shares() {
    return df(SupplyRiskTest.SHARES,
        row("M", "m", "extraction", PERIOD, 2019, 2020, "AAA", "country", 100.0, 0.25),
        row("M", "m", "extraction", PERIOD, 2019, 2020, "EEE", "country", 300.0, 0.75),
        row("N", "n", "extraction", PERIOD, 2019, 2020, "EEE", "country", 50.0, 1.0),
        row("Q", "q", "extraction", PERIOD, 2019, 2020, "EEE", "country", 50.0, 1.0));
  }

  static Dataset<Row> governance() {
    return df(SupplyRiskTest.GOV, row("AAA", PERIOD, 1.0), row("BBB", PERIOD, 2.0), row("CCC", PERIOD, 6.0),
        row("DDD", PERIOD, 3.0), row("EEE", PERIOD, 4.0));
  }

  static Dataset<Row> periods() {
    return df(new StructType().add("period", DataTypes.StringType).add("year_from", DataTypes.IntegerType)
        .add("year_to", DataTypes.IntegerType), row(PERIOD, 2019, 2020));
  }

  static Dataset<Row> parameters() {
    StructType params = new StructType().add("material", DataTypes.StringType).add("material_key", DataTypes.StringType)
        .add("stage", DataTypes.StringType).add("supply_basis", DataTypes.StringType)
        .add("published_stage_sr", DataTypes.DoubleType).add("published_sr", DataTypes.DoubleType)
        .add("economic_importance", DataTypes.DoubleType).add("import_reliance_pct", DataTypes.DoubleType)
        .add("eol_rir_pct", DataTypes.DoubleType).add("si_sr", DataTypes.DoubleType);
    return df(params,
        row("M", "m", "extraction", "GS+EU", 1.0, 1.0, 3.0, 40.0, 10.0, 0.9),
        row("M", "m", "processing", "EUonly", 1.0, 1.0, 3.0, 100.0, 5.0, 0.8),
        row("N", "n", "extraction", "GS+EU", 1.0, 1.0, 3.0, 40.0, 10.0, 0.9),
        row("Q", "q", "extraction", "GS+EU", 1.0, 1.0, 3.0, 40.0, 10.0, 0.9));
  }

  static Dataset<Row> groups() {
    return df(new StructType().add("material_key", DataTypes.StringType).add("material_group", DataTypes.StringType));
  }

  static Map<String, Row> stages(boolean withTrade) {
    Dataset<Row> global = SupplyRisk.contributions(shares(), governance(), df(SupplyRiskTest.TRADE),
        SupplyRisk.Unscored.ZERO);
    Dataset<Row> bloc = null;
    Dataset<Row> coverage = null;
    if (withTrade) {
      Dataset<Row> sourcing = SupplyRisk.blocSourcing(trade, hs(), BLOC, shares(), periods());
      bloc = SupplyRisk.contributions(sourcing, governance(),
          df(SupplyRiskTest.TRADE, row("m", "extraction", "CCC", 1.2)), SupplyRisk.Unscored.ZERO);
      coverage = SupplyRisk.blocCoverage(trade, hs(), BLOC, periods());
    }
    Map<String, Row> out = new HashMap<>();
    for (Row r : SupplyRisk.stages(global, parameters(), periods(), groups(), bloc, coverage).collectAsList()) {
      out.put(r.<String>getAs("material") + " " + r.getAs("stage"), r);
    }
    return out;
  }

  // The witness: the same numbers, by hand.
  static final double CCC_T = 3000;  // 2,000 t (2019, AAA) + 1,000 t (2020, BBB, a CN8 code)
  static final double DDD_T = 1500;
  static final double NES_T = 500;   // a nes area: in the total, never scored
  static final double AAA_PRODUCTION = 100;
  static final double EXTRACTION_TOTAL = CCC_T + DDD_T + NES_T + AAA_PRODUCTION; // EEE: no weight, adds nothing
  static final double BLOC_EXTRACTION = sq(CCC_T / EXTRACTION_TOTAL) * 6.0 * 1.2 + sq(DDD_T / EXTRACTION_TOTAL) * 3.0
      + sq(AAA_PRODUCTION / EXTRACTION_TOTAL) * 1.0;
  static final double GS_EXTRACTION = sq(0.25) * 1.0 + sq(0.75) * 4.0;
  static final double BLOC_PROCESSING = sq(300.0 / 400) * 6.0 + sq(100.0 / 400) * 3.0;

  static double sq(double x) {
    return x * x;
  }

  @Test
  void blocTermAndSrMatchAHandComputation() {
    Map<String, Row> s = stages(true);
    Row e = s.get("M extraction");
    assertThat(e.<String>getAs("status")).isEqualTo("ok");
    assertThat(e.<Double>getAs("hhi_wgi_t")).isCloseTo(GS_EXTRACTION, within(1e-9));
    assertThat(e.<Double>getAs("hhi_bloc_wgi_t")).isCloseTo(BLOC_EXTRACTION, within(1e-9));
    double ir = 0.40;
    double expected = (GS_EXTRACTION * ir / 2 + BLOC_EXTRACTION * (1 - ir / 2)) * (1 - 0.10) * 0.9;
    assertThat(e.<Double>getAs("sr")).isCloseTo(expected, within(1e-9));

    Row p = s.get("M processing");
    assertThat(p.<String>getAs("status")).as("EUonly needs no global production").isEqualTo("ok");
    assertThat(p.<Double>getAs("hhi_bloc_wgi_t")).isCloseTo(BLOC_PROCESSING, within(1e-9));
    assertThat(p.<Double>getAs("sr")).isCloseTo(BLOC_PROCESSING * (1 - 0.05) * 0.8, within(1e-9));

    assertThat(s.get("N extraction").<String>getAs("status")).isEqualTo("no_bloc_trade");
    assertThat(s.get("N extraction").<Double>getAs("sr")).isNull();
    assertThat(s.get("Q extraction").<String>getAs("status")).isEqualTo("no_trade_mapping");
    assertThat(s.get("Q extraction").<Double>getAs("sr")).isNull();
  }

  @Test
  void sourcingSharesAreImportsFromOutsideTheBlocPlusItsProduction() {
    Map<String, Row> byCountry = new HashMap<>();
    for (Row r : SupplyRisk.blocSourcing(trade, hs(), BLOC, shares(), periods())
        .where("material_key = 'm' and stage = 'extraction'").collectAsList()) {
      byCountry.put(r.getAs("country_iso3"), r);
    }
    assertThat(byCountry).containsOnlyKeys("CCC", "DDD", "_X", "EEE", "AAA");
    assertThat(byCountry.get("CCC").<Double>getAs("production")).isCloseTo(CCC_T, within(1e-9));
    assertThat(byCountry.get("CCC").<Double>getAs("share")).isCloseTo(CCC_T / EXTRACTION_TOTAL, within(1e-12));
    assertThat(byCountry.get("_X").<String>getAs("country_kind")).isEqualTo("residual");
    assertThat(byCountry.get("AAA").<String>getAs("source")).isEqualTo("production");
    assertThat(byCountry.get("AAA").<Double>getAs("share")).isCloseTo(AAA_PRODUCTION / EXTRACTION_TOTAL, within(1e-12));
    assertThat(byCountry.get("EEE").<Double>getAs("share")).isZero();
  }

  @Test
  void withoutTradeStagesThatNeedTheBlocStayNoBlocSourcing() {
    Map<String, Row> s = stages(false);
    for (String stage : List.of("M extraction", "M processing", "N extraction", "Q extraction")) {
      assertThat(s.get(stage).<String>getAs("status")).as(stage).isEqualTo("no_bloc_sourcing");
      assertThat(s.get(stage).<Double>getAs("sr")).as(stage).isNull();
      assertThat(s.get(stage).<Double>getAs("hhi_bloc_wgi_t")).as(stage).isNull();
    }
    assertThat(s.get("M extraction").<Double>getAs("hhi_wgi_t")).isCloseTo(GS_EXTRACTION, within(1e-9));
  }
}
