package io.chokepoint.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.spec.SensitivityParams;
import io.chokepoint.spec.SensitivityParams.Factor;
import io.chokepoint.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SensitivityTest extends SparkTestBase {
  static final StructType BASE = new StructType()
      .add("reporter_iso3", DataTypes.StringType)
      .add("commodity_group", DataTypes.StringType)
      .add("base_year", DataTypes.IntegerType)
      .add("total_value_usd", DataTypes.DoubleType)
      .add("total_weight_kg", DataTypes.DoubleType)
      .add("focus_share", DataTypes.DoubleType)
      .add("focus_share_weight", DataTypes.DoubleType)
      .add(Sensitivity.FX_RATE, DataTypes.DoubleType);
  static final SensitivityParams.GdpReference GDP =
      new SensitivityParams.GdpReference("JPN", 0.9, 3.0e11, -7.0, Map.of("semiconductors", -2.5), "test");

  static Dataset<Row> base() {
    return df(BASE,
        row("JPN", "rare_earths", 2024, 1.2e9, 2.4e7, 0.6, 0.75, 151.455),
        row("KOR", "rare_earths", 2024, 4.0e8, 8.0e6, 0.7, 0.8, null),
        row("USA", "rare_earths", 2024, 5.0e8, null, 0.7, null, 151.455));
  }

  static SensitivityParams params(List<Factor> factors) {
    return new SensitivityParams(factors, "disruption_share", "substitution_share", "shortfall_usd", GDP, null, "X");
  }

  static List<Factor> point(double d, double m, double s, double k, double p, double o) {
    return List.of(new Factor("disruption_share", d, List.of(d)), new Factor("duration_months", m, List.of(m)),
        new Factor("substitution_share", s, List.of(s)), new Factor("stockpile_months", k, List.of(k)),
        new Factor("price_shock_pct", p, List.of(p)), new Factor("usd_jpy_offset_pct", o, List.of(o)));
  }

  @Test
  void eachMetricFollowsItsFormula() {
    Row r = Sensitivity.grid(base(), params(point(0.5, 6, 0.2, 1, 30, 10)), "commodity_group")
        .where("reporter_iso3 = 'JPN'").first();
    double focusKg = 2.4e7 * 0.75;                 // 18,000,000 kg a year from the focus supplier
    double lost = 0.5 * focusKg * 6 / 12;          // 4,500,000 kg
    double netLost = lost * 0.8;                   // 3,600,000 kg
    double stock = 2.4e7 * 1 / 12;                 // 2,000,000 kg
    double unitValue = 1.2e9 * 0.6 / focusKg;      // 40 USD/kg
    double remaining = 1.2e9 * 6 / 12 - netLost * unitValue;
    assertThat(r.<Double>getAs("shortfall_kg")).isCloseTo(netLost - stock, within(1e-6));
    assertThat(r.<Double>getAs("shortfall_usd")).isCloseTo((netLost - stock) * unitValue, within(1e-3));
    assertThat(r.<Double>getAs("import_bill_usd")).isCloseTo(remaining * 1.3, within(1e-3));
    assertThat(r.<Double>getAs("import_bill_jpy")).isCloseTo(remaining * 1.3 * 151.455 * 1.1, within(1.0));
    assertThat(r.<Double>getAs("extra_cost_jpy")).isCloseTo(remaining * 1.3 * 151.455 * 1.1 - remaining * 151.455,
        within(1.0));
    assertThat(r.<Double>getAs("stock_cover_months")).isCloseTo(stock / (netLost / 6), within(1e-9));
    double gdp = -7.0 * (netLost - stock) * unitValue / (0.9 * 3.0e11);
    assertThat(r.<Double>getAs("gdp_impact_pct")).isCloseTo(gdp, within(1e-15));
    assertThat(r.<Double>getAs("gdp_impact_semiconductors_pct")).isCloseTo(gdp * 2.5 / 7, within(1e-15));
    assertThat(r.<String>getAs("scenario_id")).isEqualTo("d=0.5|m=6.0|s=0.2|k=1.0|p=30.0|fx=10.0");
    assertThat(r.<String>getAs("status")).isEqualTo("ok");
  }

  @Test
  void zeroDisruptionCostsNothingAndTheYenBillIsTheDollarBillAtThePeriodMean() {
    Row r = Sensitivity.grid(base(), params(point(0, 6, 0.2, 1, 0, 0)), "commodity_group")
        .where("reporter_iso3 = 'JPN'").first();
    assertThat(r.<Double>getAs("shortfall_kg")).isEqualTo(0.0);
    assertThat(r.<Double>getAs("shortfall_usd")).isEqualTo(0.0);
    assertThat(r.<Double>getAs("gdp_impact_pct")).isEqualTo(0.0);
    assertThat(r.<Double>getAs("extra_cost_jpy")).isEqualTo(0.0);
    assertThat(r.<Double>getAs("stock_cover_months")).isNull();
    assertThat(r.<String>getAs("status")).isEqualTo("no_loss");
    assertThat(r.<Double>getAs("import_bill_jpy")).isEqualTo(r.<Double>getAs("import_bill_usd") * 151.455);
  }

  @Test
  void everyMetricIsMonotoneInDisruptionShare() {
    List<Factor> f = List.of(new Factor("disruption_share", 0.5, SensitivityParamsLevels.of(0, 1, 21)),
        new Factor("duration_months", 6, List.of(3.0, 6.0, 12.0)), new Factor("substitution_share", 0.2, List.of(0.0, 0.2)),
        new Factor("stockpile_months", 1, List.of(0.0, 1.0, 6.0)), new Factor("price_shock_pct", 0, List.of(-0.0, 50.0)),
        new Factor("usd_jpy_offset_pct", 0, List.of(-20.0, 0.0, 20.0)));
    Dataset<Row> g = Sensitivity.grid(base(), params(f), "commodity_group").where("reporter_iso3 = 'JPN'");
    for (String metric : SensitivityParams.METRICS) {
      List<Row> rows = g.orderBy("duration_months", "substitution_share", "stockpile_months", "price_shock_pct",
          "usd_jpy_offset_pct", "disruption_share").select("disruption_share", metric).collectAsList();
      int direction = 0;
      for (int i = 1; i < rows.size(); i++) {
        if (rows.get(i).getDouble(0) == 0.0 || rows.get(i).isNullAt(1) || rows.get(i - 1).isNullAt(1)) {
          direction = 0;
          continue;
        }
        int step = Double.compare(rows.get(i).getDouble(1), rows.get(i - 1).getDouble(1));
        if (step != 0) {
          assertThat(direction == 0 || direction == step).as("%s is monotone in disruption_share", metric).isTrue();
          direction = step;
        }
      }
    }
  }

  @Test
  void absoluteUsdJpyLevelsReplaceTheOffsetAroundTheMean() {
    List<Factor> f = new java.util.ArrayList<>(point(0.5, 6, 0.2, 1, 0, 0).subList(0, 5));
    f.add(new Factor("usd_jpy", 140, List.of(140.0, 160.0)));
    List<Row> rows = Sensitivity.grid(base(), params(f), "commodity_group").where("reporter_iso3 = 'JPN'")
        .orderBy("usd_jpy").collectAsList();
    assertThat(rows).hasSize(2);
    for (Row r : rows) {
      assertThat(r.<Double>getAs("import_bill_jpy"))
          .isEqualTo(r.<Double>getAs("import_bill_usd") * r.<Double>getAs("usd_jpy"));
    }
    assertThat(rows.get(0).<String>getAs("scenario_id")).endsWith("|jpy=140.0");
    Row r160 = rows.get(1);
    assertThat(r160.<Double>getAs("extra_cost_jpy")).isCloseTo(r160.<Double>getAs("import_bill_usd") * 160.0
        - r160.<Double>getAs("import_bill_usd") * 151.455, within(1e-3));
  }

  @Test
  void missingFxOrWeightGiveNullsWithAStatus() {
    Dataset<Row> g = Sensitivity.grid(base(), params(point(0.5, 6, 0.2, 1, 30, 0)), "commodity_group");
    Row kor = g.where("reporter_iso3 = 'KOR'").first();
    assertThat(kor.<Double>getAs("import_bill_jpy")).isNull();
    assertThat(kor.<Double>getAs("extra_cost_jpy")).isNull();
    assertThat(kor.<Double>getAs("shortfall_usd")).isNotNull();
    assertThat(kor.<Double>getAs("gdp_impact_pct")).isNull();
    assertThat(kor.<String>getAs("status")).isEqualTo("no_fx_rate");
    Row usa = g.where("reporter_iso3 = 'USA'").first();
    assertThat(usa.<Double>getAs("shortfall_kg")).isNull();
    assertThat(usa.<String>getAs("status")).isEqualTo("no_weight");
  }

  @Test
  void tornadoRanksFactorsBySwingAndTwoWayCoversBothFactorsLevels() {
    List<Factor> f = List.of(new Factor("disruption_share", 0.5, List.of(0.0, 0.5, 1.0)),
        new Factor("duration_months", 6, List.of(3.0, 6.0, 12.0)), new Factor("substitution_share", 0.2,
            List.of(0.0, 0.2, 0.5)), new Factor("stockpile_months", 1, List.of(0.0, 1.0, 2.0)),
        new Factor("price_shock_pct", 0, List.of(0.0, 50.0)), new Factor("usd_jpy_offset_pct", 0, List.of(-10.0, 0.0)));
    Dataset<Row> t = Sensitivity.tornado(base(), params(f), "commodity_group")
        .where("reporter_iso3 = 'JPN' and metric = 'shortfall_usd'").orderBy("rank");
    List<Row> rows = t.collectAsList();
    assertThat(rows).hasSize(6);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i).<Double>getAs("swing")).isLessThanOrEqualTo(rows.get(i - 1).<Double>getAs("swing"));
    }
    Row dis = t.where("factor = 'disruption_share'").first();
    assertThat(dis.<Double>getAs("value_at_low")).isEqualTo(0.0);
    assertThat(dis.<Double>getAs("low")).isEqualTo(0.0);
    assertThat(Sensitivity.twoWay(base(), params(f), "commodity_group").where("reporter_iso3 = 'JPN'").count())
        .isEqualTo(9);
  }

  /** Evenly spaced levels, as the spec's {low, high, steps} gives them. */
  static final class SensitivityParamsLevels {
    static List<Double> of(double low, double high, int steps) {
      return java.util.stream.IntStream.range(0, steps).mapToObj(i -> low + (high - low) * i / (steps - 1)).toList();
    }
  }
}
