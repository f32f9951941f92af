package io.chokepoint.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.testing.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Governance scores and the supply-risk transforms on hand-made rows. */
class SupplyRiskTest extends SparkTestBase {
  static final StructType WGI = new StructType().add("country_iso3", DataTypes.StringType)
      .add("year", DataTypes.IntegerType).add("indicator", DataTypes.StringType).add("estimate", DataTypes.DoubleType);
  static final StructType SHARES = new StructType().add("material", DataTypes.StringType)
      .add("material_key", DataTypes.StringType).add("stage", DataTypes.StringType).add("period", DataTypes.StringType)
      .add("year_from", DataTypes.IntegerType).add("year_to", DataTypes.IntegerType)
      .add("country_iso3", DataTypes.StringType).add("country_kind", DataTypes.StringType)
      .add("production", DataTypes.DoubleType).add("share", DataTypes.DoubleType);
  static final StructType GOV = new StructType().add("country_iso3", DataTypes.StringType)
      .add("period", DataTypes.StringType).add("wgi_score", DataTypes.DoubleType);
  static final StructType TRADE = new StructType().add("material_key", DataTypes.StringType)
      .add("stage", DataTypes.StringType).add("country_iso3", DataTypes.StringType).add("t", DataTypes.DoubleType);

  @Test
  void governanceScoreIsTheScaledMeanOfTheIndicatorsPresent() {
    Dataset<Row> wgi = df(WGI,
        row("AAA", 2020, "va", 1.0), row("AAA", 2020, "pv", 0.0), row("AAA", 2020, "ge", -1.0),
        row("AAA", 2020, "rq", 0.5), row("AAA", 2020, "rl", -0.5), row("AAA", 2020, "cc", -3.0),
        row("BBB", 2020, "va", -1.0), row("BBB", 2020, "pv", null),
        row("CCC", 2020, "va", null),
        row("AAA", 2019, "va", 2.0));
    Map<String, Row> byCountry = new HashMap<>();
    for (Row r : Governance.scores(wgi, null, null).where("period = '2020'").collectAsList()) {
      byCountry.put(r.getAs("country_iso3"), r);
    }
    assertThat(byCountry.get("AAA").<Double>getAs("wgi_mean")).isCloseTo(-0.5, within(1e-12));
    assertThat(byCountry.get("AAA").<Double>getAs("wgi_score")).isCloseTo(6.0, within(1e-12));
    assertThat(byCountry.get("AAA").<String>getAs("status")).isEqualTo("ok");
    assertThat(byCountry.get("BBB").<Double>getAs("wgi_score")).isCloseTo(7.0, within(1e-12));
    assertThat(byCountry.get("BBB").<Integer>getAs("indicators_present")).isEqualTo(1);
    assertThat(byCountry.get("BBB").<String>getAs("status")).isEqualTo("partial");
    assertThat(byCountry.get("CCC").<Double>getAs("wgi_score")).isNull();
    assertThat(byCountry.get("CCC").<String>getAs("status")).isEqualTo("missing");
    Row window = Governance.scores(wgi, 2019, 2020).where("country_iso3 = 'AAA'").first();
    assertThat(window.<String>getAs("period")).isEqualTo("2019-2020");
    assertThat(window.<Double>getAs("va")).isCloseTo(1.5, within(1e-12));
  }

  static Dataset<Row> shares() {
    return df(SHARES,
        row("M", "m", "extraction", "2020", 2020, 2020, "AAA", "country", 60.0, 0.6),
        row("M", "m", "extraction", "2020", 2020, 2020, "BBB", "country", 20.0, 0.2),
        row("M", "m", "extraction", "2020", 2020, 2020, "ZZZ", "country", 10.0, 0.1),
        row("M", "m", "extraction", "2020", 2020, 2020, null, "residual", 10.0, 0.1));
  }

  static Dataset<Row> governance() {
    return df(GOV, row("AAA", "2020", 5.0), row("BBB", "2020", 2.0), row("CCC", "2020", 8.0));
  }

  static double hhiWgiT(SupplyRisk.Unscored policy) {
    Dataset<Row> c = SupplyRisk.contributions(shares(), governance(), df(TRADE, row("m", "extraction", "AAA", 1.5)),
        policy);
    return c.agg(org.apache.spark.sql.functions.sum("term")).first().getDouble(0);
  }

  @Test
  void unscoredCountriesZeroExcludeOrMedian() {
    // zero: 0.36 x 5 x 1.5 + 0.04 x 2 = 2.78; ZZZ and the residual add nothing
    assertThat(hhiWgiT(SupplyRisk.Unscored.ZERO)).isCloseTo(2.78, within(1e-12));
    // exclude: shares over scored countries 0.75 and 0.25: 0.5625 x 5 x 1.5 + 0.0625 x 2
    assertThat(hhiWgiT(SupplyRisk.Unscored.EXCLUDE)).isCloseTo(0.5625 * 7.5 + 0.125, within(1e-12));
    // median of 2, 5, 8 is 5 for ZZZ; the residual is never a country
    assertThat(hhiWgiT(SupplyRisk.Unscored.MEDIAN)).isCloseTo(2.78 + 0.01 * 5, within(1e-12));
  }

  @Test
  void stageStatusesAndTheGsOnlyFormula() {
    StructType params = new StructType().add("material", DataTypes.StringType).add("material_key", DataTypes.StringType)
        .add("stage", DataTypes.StringType).add("supply_basis", DataTypes.StringType)
        .add("published_stage_sr", DataTypes.DoubleType).add("published_sr", DataTypes.DoubleType)
        .add("economic_importance", DataTypes.DoubleType).add("import_reliance_pct", DataTypes.DoubleType)
        .add("eol_rir_pct", DataTypes.DoubleType).add("si_sr", DataTypes.DoubleType);
    Dataset<Row> c = SupplyRisk.contributions(shares(), governance(), df(TRADE), SupplyRisk.Unscored.ZERO);
    Dataset<Row> p = df(params,
        row("M", "m", "extraction", "GSonly", 2.0, 2.0, 3.0, 50.0, 10.0, 0.9),
        row("M", "m", "processing", "GS+EU", 1.0, 2.0, 3.0, 50.0, 10.0, 0.9));
    Dataset<Row> periods = df(new StructType().add("period", DataTypes.StringType)
        .add("year_from", DataTypes.IntegerType).add("year_to", DataTypes.IntegerType), row("2020", 2020, 2020));
    Dataset<Row> groups = df(new StructType().add("material_key", DataTypes.StringType)
        .add("material_group", DataTypes.StringType), row("m", "G"));
    Dataset<Row> s = SupplyRisk.stages(c, p, periods, groups).cache();
    Row e = s.where("stage = 'extraction'").first();
    double hhiWgi = 0.36 * 5 + 0.04 * 2;
    assertThat(e.<Double>getAs("hhi")).isCloseTo((0.36 + 0.04 + 0.01) * 10_000, within(1e-9));
    assertThat(e.<Double>getAs("hhi_wgi")).isCloseTo(hhiWgi, within(1e-12));
    assertThat(e.<Double>getAs("sr")).isCloseTo(hhiWgi * 0.9 * 0.9, within(1e-12));
    assertThat(e.<Double>getAs("uncovered_share")).isCloseTo(0.1, within(1e-12));
    assertThat(e.<Double>getAs("residual_share")).isCloseTo(0.1, within(1e-12));
    assertThat(e.<Long>getAs("countries")).isEqualTo(3L);
    Row pr = s.where("stage = 'processing'").first();
    assertThat(pr.<String>getAs("status")).isEqualTo("no_production");
    Row o = SupplyRisk.overall(s, 1.0, 2.8).first();
    assertThat(o.<String>getAs("status")).isEqualTo("incomplete_stages");
    assertThat(o.<Double>getAs("sr")).isNull();
    Row g = SupplyRisk.groupMean(df(new StructType().add("material_key", DataTypes.StringType)
            .add("material_group", DataTypes.StringType).add("period", DataTypes.StringType)
            .add("sr", DataTypes.DoubleType), row("a", "G", "p", 1.0), row("b", "G", "p", 2.0), row("c", "H", "p", null)))
        .where("material_group = 'G'").first();
    assertThat(g.<Double>getAs("sr")).isCloseTo(1.5, within(1e-12));
    assertThat(List.of(g.<Long>getAs("members"), g.<Long>getAs("members_with_sr"))).containsExactly(2L, 2L);
  }
}
