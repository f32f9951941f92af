package io.chokepoint.metrics;

import static io.chokepoint.testing.DatasetAssert.assertRowsEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class GrowthTest extends SparkTestBase {
  static final StructType SIZES = new StructType()
      .add("series_id", DataTypes.StringType)
      .add("base_year", DataTypes.IntegerType)
      .add("base_value", DataTypes.DoubleType)
      .add("target_year", DataTypes.IntegerType)
      .add("target_value", DataTypes.DoubleType)
      .add("stated_cagr_pct", DataTypes.DoubleType);
  static final StructType ANNUAL = new StructType()
      .add("series_id", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("value", DataTypes.DoubleType);

  @Test
  void auditRecomputesTheAiForecastAndTheBaseYearItsRateImplies() {
    Dataset<Row> a = Growth.cagrAudit(df(SIZES,
        row("ai_2025", 2025, 390.0, 2033, 3497.0, 30.6),
        row("ai_2024", 2024, 390.0, 2033, 3497.0, 30.6)), 0.5);
    Row r25 = a.where("series_id = 'ai_2025'").first();
    assertThat(r25.<Double>getAs("implied_cagr_pct")).isCloseTo(31.5, within(0.05));
    assertThat(r25.<Double>getAs("gap_pp")).isCloseTo(30.6 - r25.<Double>getAs("implied_cagr_pct"), within(1e-12));
    assertThat(r25.<Boolean>getAs("consistent")).isFalse();
    double nStar = Math.log(3497.0 / 390) / Math.log(1.306);
    assertThat(r25.<Double>getAs("periods_for_stated_rate")).isCloseTo(nStar, within(1e-12));
    assertThat(r25.<Double>getAs("base_year_for_stated_rate")).isCloseTo(2033 - nStar, within(1e-9))
        .isBetween(2024.0, 2025.0);
    assertThat(a.where("series_id = 'ai_2024'").first().<Double>getAs("implied_cagr_pct")).isCloseTo(27.6, within(0.05));
  }

  @Test
  void undefinedRatesAreNullWithAStatus() {
    Dataset<Row> a = Growth.cagrAudit(df(SIZES,
        row("zero", 2025, 0.0, 2030, 10.0, 5.0),
        row("negative", 2025, 10.0, 2030, -1.0, 5.0),
        row("same_year", 2025, 10.0, 2025, 12.0, 5.0),
        row("no_rate", 2025, 10.0, 2030, 20.0, null),
        row("no_target_year", 2025, 10.0, null, 20.0, 10.0),
        row("flat_rate", 2025, 10.0, 2030, 10.0, 0.0)), 0.5)
        .select("series_id", "implied_cagr_pct", "gap_pp", "consistent", "status");
    assertRowsEqual(a, List.of(
        row("zero", null, null, null, "non_positive"),
        row("negative", null, null, null, "non_positive"),
        row("same_year", null, null, null, "invalid_period"),
        row("no_rate", (Math.pow(2, 0.2) - 1) * 100, null, null, "no_stated_rate"),
        row("no_target_year", null, null, null, "no_target_year"),
        row("flat_rate", 0.0, 0.0, true, "ok")), 1e-12);
  }

  @Test
  void projectionsRunFromTheBaseYearToTheHorizonAndHitTheTargetAtTheImpliedRate() {
    Dataset<Row> p = Growth.projections(Growth.cagrAudit(df(SIZES, row("ai", 2025, 390.0, 2033, 3497.0, 30.6)), 0.5),
        2035);
    assertThat(p.count()).isEqualTo(11);
    Row base = p.where("year = 2025").first();
    assertThat(base.<String>getAs("kind")).isEqualTo("actual");
    assertThat(base.<Double>getAs("value_at_stated_rate")).isEqualTo(390.0);
    Row target = p.where("year = 2033").first();
    assertThat(target.<Double>getAs("value_at_implied_rate")).isCloseTo(3497.0, within(1e-6));
    assertThat(target.<Double>getAs("value_at_stated_rate")).isCloseTo(390 * Math.pow(1.306, 8), within(1e-6));
    assertThat(target.<String>getAs("kind")).isEqualTo("projected");
  }

  @Test
  void logLinearCagrOfAnExactGeometricSeriesIsItsRate() {
    List<Object[]> pts = new ArrayList<>();
    for (int y = 2000; y <= 2024; y++) {
      pts.add(row("geo", y, 123.4 * Math.pow(1.0735, y - 2000)));
      pts.add(row("falling", y, 5e6 * Math.pow(0.91, y - 2000)));
    }
    Dataset<Row> t = Growth.trend(df(ANNUAL, pts.toArray(Object[][]::new)), 3, 2030);
    Row geo = t.where("series_id = 'geo'").first();
    assertThat(geo.<Double>getAs("loglinear_cagr")).isCloseTo(0.0735, within(1e-9));
    assertThat(geo.<Double>getAs("endpoint_cagr")).isCloseTo(0.0735, within(1e-9));
    assertThat(geo.<Double>getAs("r2")).isCloseTo(1.0, within(1e-9));
    assertThat(geo.<Double>getAs("projected_value")).isCloseTo(123.4 * Math.pow(1.0735, 30), within(1e-6));
    assertThat(geo.<String>getAs("status")).isEqualTo("ok");
    assertThat(t.where("series_id = 'falling'").first().<Double>getAs("loglinear_cagr")).isCloseTo(-0.09, within(1e-9));
  }

  @Test
  void nonPositiveSparseShortAndFlatSeriesGetAStatusNotANumber() {
    Dataset<Row> t = Growth.trend(df(ANNUAL,
        row("zero", 2020, 10.0), row("zero", 2021, 0.0), row("zero", 2022, 12.0),
        row("negative", 2020, 10.0), row("negative", 2021, -3.0), row("negative", 2022, 12.0),
        row("short", 2020, 10.0), row("short", 2021, 11.0),
        row("sparse", 2000, 10.0), row("sparse", 2001, 11.0), row("sparse", 2010, 12.0), row("sparse", 2011, null),
        row("flat", 2020, 5.0), row("flat", 2021, 5.0), row("flat", 2022, 5.0)), 3, 2030)
        .select("series_id", "loglinear_cagr", "r2", "status");
    assertRowsEqual(t, List.of(
        row("zero", null, null, "non_positive"),
        row("negative", null, null, "non_positive"),
        row("short", null, null, "insufficient_data"),
        row("sparse", null, null, "insufficient_data"),
        row("flat", 0.0, null, "constant")), 1e-12);
  }
}
