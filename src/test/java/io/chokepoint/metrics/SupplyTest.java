package io.chokepoint.metrics;

import static io.chokepoint.testing.DatasetAssert.assertRowsEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.testing.SparkTestBase;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SupplyTest extends SparkTestBase {
  static final StructType EXPORTS = new StructType()
      .add("month", DataTypes.DateType).add("exporter_iso3", DataTypes.StringType)
      .add("product_group", DataTypes.StringType).add("destination_iso3", DataTypes.StringType)
      .add("value_usd", DataTypes.DoubleType).add("quantity_kg", DataTypes.DoubleType);
  static final StructType EVENTS = new StructType()
      .add("event_date", DataTypes.DateType).add("imposing_iso3", DataTypes.StringType)
      .add("target", DataTypes.StringType).add("product_groups", DataTypes.createArrayType(DataTypes.StringType))
      .add("measure", DataTypes.StringType).add("source", DataTypes.StringType);
  static final StructType PRODUCTION = new StructType()
      .add("data_source", DataTypes.StringType).add("commodity", DataTypes.StringType)
      .add("stage", DataTypes.StringType).add("unit", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("country", DataTypes.StringType).add("country_iso3", DataTypes.StringType)
      .add("country_kind", DataTypes.StringType).add("production", DataTypes.DoubleType)
      .add("censored", DataTypes.StringType);

  static Date month(int y, int m) {
    return Date.valueOf(String.format("%04d-%02d-01", y, m));
  }

  static Dataset<Row> monthly() {
    List<Object[]> rows = new ArrayList<>();
    for (int y = 2009; y <= 2011; y++) {
      for (int m = 1; m <= 12; m++) {
        boolean after = y > 2010 || (y == 2010 && m >= 10);
        rows.add(row(month(y, m), "CHN", "rare_earths", "JPN", 300.0, after ? 10.0 : 30.0));
        rows.add(row(month(y, m), "CHN", "rare_earths", "USA", 100.0, 10.0));
      }
    }
    return df(EXPORTS, rows.toArray(Object[][]::new));
  }

  @Test
  void destinationSharesSumToOneWithYearOnYearAndRollingMeans() {
    Dataset<Row> d = Supply.exportDestinations(monthly());
    Row jpn = d.where("destination_iso3 = 'JPN' and month = date'2010-10-01'").first();
    assertThat(jpn.<Double>getAs("share_value")).isEqualTo(0.75);
    assertThat(jpn.<Double>getAs("share_quantity")).isEqualTo(0.5);
    assertThat(jpn.<Double>getAs("unit_value_usd_per_kg")).isEqualTo(30.0);
    assertThat(jpn.<Double>getAs("yoy_quantity_pct")).isCloseTo(-66.6667, within(1e-3));
    assertThat(jpn.<Double>getAs("rolling_3m_quantity_kg")).isCloseTo((30 + 30 + 10) / 3.0, within(1e-12));
    Row first = d.where("destination_iso3 = 'JPN' and month = date'2009-02-01'").first();
    assertThat(first.<Double>getAs("yoy_value_pct")).isNull();
    assertThat(first.<Double>getAs("rolling_3m_value_usd")).isNull();
    Row c = Supply.exportConcentration(d).where("month = date'2010-10-01'").first();
    assertThat(c.<Double>getAs("destination_hhi")).isCloseTo((0.75 * 0.75 + 0.25 * 0.25) * 10_000, within(1e-9));
    assertThat(c.<String>getAs("top_destination_iso3")).isEqualTo("JPN");
  }

  @Test
  void eventWindowsCompareMeansAndRefuseShortWindows() {
    Dataset<Row> events = df(EVENTS,
        row(Date.valueOf("2010-09-07"), "CHN", "JPN", new String[] {"rare_earths"}, "ban", "t"),
        row(Date.valueOf("2011-09-01"), "CHN", "ALL", new String[] {"rare_earths"}, "licence", "t"),
        row(Date.valueOf("2026-01-06"), "CHN", "JPN", new String[] {"rare_earths", "tungsten"}, "ban", "t"));
    Dataset<Row> w = Supply.eventWindows(Supply.exportDestinations(monthly()), events, 6)
        .select("event_date", "product_group", "destination_iso3", "months_before", "months_after",
            "quantity_before_kg", "quantity_after_kg", "quantity_change_pct", "status");
    assertRowsEqual(w, List.of(
        row(Date.valueOf("2010-09-07"), "rare_earths", "JPN", 6, 6, 30.0, 10.0, -200.0 / 3, "ok"),
        row(Date.valueOf("2011-09-01"), "rare_earths", "JPN", 6, 3, 10.0, 10.0, null, "insufficient_data"),
        row(Date.valueOf("2011-09-01"), "rare_earths", "USA", 6, 3, 10.0, 10.0, null, "insufficient_data"),
        row(Date.valueOf("2026-01-06"), "rare_earths", "JPN", 0, 0, null, null, null, "insufficient_data"),
        row(Date.valueOf("2026-01-06"), "tungsten", "JPN", 0, 0, null, null, null, "insufficient_data")), 1e-9);
  }

  @Test
  void productionSharesUseTheWorldTotalWhenReportedAndKeepResidualsOutOfTheHhi() {
    Dataset<Row> p = df(PRODUCTION,
        row("usgs", "rare_earths", "mine", "t", 2024, "China", "CHN", "country", 270.0, null),
        row("usgs", "rare_earths", "mine", "t", 2024, "Burma", "MMR", "country", 30.0, null),
        row("usgs", "rare_earths", "mine", "t", 2024, "Other Countries", null, "residual", 50.0, null),
        row("usgs", "rare_earths", "mine", "t", 2024, "World total (rounded)", "W00", "world_total", 400.0, ">"),
        row("bgs", "rare_earths", "oxides", "t", 2023, "China", "CHN", "country", 60.0, null),
        row("bgs", "rare_earths", "oxides", "t", 2023, "Australia", "AUS", "country", 40.0, null),
        row("bgs", "rare_earths", "oxides", "kg", 2023, "Japan", "JPN", "country", 5.0, null));
    Dataset<Row> c = Supply.productionConcentration(p, "CHN").where("country_kind = 'country'")
        .select("data_source", "unit", "country_iso3", "share", "denominator_kind", "denominator_censored", "hhi",
            "top1_country_iso3", "top3_share", "focus_share");
    double h = (0.675 * 0.675 + 0.075 * 0.075) * 10_000;
    assertRowsEqual(c, List.of(
        row("usgs", "t", "CHN", 0.675, "world_total", ">", h, "CHN", 0.75, 0.675),
        row("usgs", "t", "MMR", 0.075, "world_total", ">", h, "CHN", 0.75, 0.675),
        row("bgs", "t", "CHN", 0.6, "sum_of_countries", null, 5200.0, "CHN", 1.0, 0.6),
        row("bgs", "t", "AUS", 0.4, "sum_of_countries", null, 5200.0, "CHN", 1.0, 0.6),
        row("bgs", "kg", "JPN", 1.0, "sum_of_countries", null, 10000.0, "JPN", 1.0, 0.0)), 1e-12);
  }
}
