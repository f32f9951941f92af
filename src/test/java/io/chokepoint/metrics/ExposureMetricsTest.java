package io.chokepoint.metrics;

import static io.chokepoint.testing.DatasetAssert.assertRowsEqual;
import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ExposureMetricsTest extends SparkTestBase {
  static final StructType FLOWS = new StructType()
      .add(TradeColumns.YEAR, DataTypes.IntegerType)
      .add(TradeColumns.MONTH, DataTypes.IntegerType)
      .add(TradeColumns.REPORTER, DataTypes.StringType)
      .add(TradeColumns.PARTNER, DataTypes.StringType)
      .add(TradeColumns.PARTNER_KIND, DataTypes.StringType)
      .add(TradeColumns.FLOW, DataTypes.StringType)
      .add(TradeColumns.HS_CODE, DataTypes.StringType)
      .add(TradeColumns.VALUE_USD, DataTypes.DoubleType)
      .add(TradeColumns.NET_WEIGHT_KG, DataTypes.DoubleType)
      .add(ExposureColumns.COMMODITY_GROUP, DataTypes.StringType);

  static Object[] flow(String rep, String partner, String kind, String hs, double value, Double kg) {
    return row(2020, null, rep, partner, kind, "import", hs, value, kg, "rare_earths");
  }

  static Dataset<Row> flows() {
    return df(FLOWS,
        // JPN: two HS codes from China add up; nes is a supplier; World, EU and JPN itself are not.
        flow("JPN", "CHN", "country", "280530", 40, 400.0),
        flow("JPN", "CHN", "country", "284690", 20, 200.0),
        flow("JPN", "MYS", "country", "284690", 30, 300.0),
        flow("JPN", "_X", "nes", "284690", 10, 100.0),
        flow("JPN", "W00", "world", "284690", 105, 1050.0),
        flow("JPN", "EUR", "aggregate", "284690", 50, 500.0),
        flow("JPN", "JPN", "country", "284690", 5, 50.0),
        // KOR: suppliers whose values are all 0.
        flow("KOR", "CHN", "country", "284690", 0, 0.0),
        flow("KOR", "MYS", "country", "284690", 0, 0.0),
        // USA: only a World row.
        flow("USA", "W00", "world", "284690", 100, null),
        // DEU: China's weight is unknown; a tie on value is broken by ISO3.
        flow("DEU", "FRA", "country", "284690", 50, 100.0),
        flow("DEU", "CHN", "country", "284690", 50, null));
  }

  @Test
  void supplierSharesExcludeWorldAggregatesAndSelfAndKeepNes() {
    Dataset<Row> shares = SupplierShares.of(Exposure.compute(flows(), ExposureColumns.COMMODITY_GROUP, "CHN"),
        ExposureColumns.COMMODITY_GROUP);
    assertRowsEqual(shares, List.of(
        row(2020, null, "JPN", "import", "rare_earths", "CHN", "country", 60.0, 600.0, 0.6, 0.6, 1),
        row(2020, null, "JPN", "import", "rare_earths", "MYS", "country", 30.0, 300.0, 0.3, 0.3, 2),
        row(2020, null, "JPN", "import", "rare_earths", "_X", "nes", 10.0, 100.0, 0.1, 0.1, 3),
        row(2020, null, "KOR", "import", "rare_earths", "CHN", "country", 0.0, 0.0, null, null, 1),
        row(2020, null, "KOR", "import", "rare_earths", "MYS", "country", 0.0, 0.0, null, null, 2),
        row(2020, null, "DEU", "import", "rare_earths", "CHN", "country", 50.0, null, 0.5, null, 1),
        row(2020, null, "DEU", "import", "rare_earths", "FRA", "country", 50.0, 100.0, 0.5, 1.0, 2)), 1e-12);
  }

  @Test
  void concentrationGivesHhiTopSharesAndStatusesWithoutNaN() {
    Dataset<Row> f = flows();
    Dataset<Row> c = Concentration.of(Exposure.compute(f, ExposureColumns.COMMODITY_GROUP, "CHN"),
            ExposureColumns.COMMODITY_GROUP, "CHN", 1500, 2500)
        .select("reporter_iso3", "total_value_usd", "total_weight_kg", "supplier_count", "hhi_value", "hhi_weight",
            "hhi_band", "top1_partner_iso3", "top1_share", "top3_share", "focus_share", "focus_share_weight",
            "world_reported_value_usd", "bilateral_to_world_ratio", "status", "weight_status");
    assertRowsEqual(c, List.of(
        row("JPN", 100.0, 1000.0, 3, 4600.0, 4600.0, "highly_concentrated", "CHN", 0.6, 1.0, 0.6, 0.6, 105.0,
            100.0 / 105, "ok", "ok"),
        row("KOR", 0.0, null, 0, null, null, null, null, null, null, null, null, null, null, "zero_total",
            "zero_total"),
        row("USA", 0.0, null, 0, null, null, null, null, null, null, null, null, 100.0, 0.0, "no_suppliers",
            "no_suppliers"),
        row("DEU", 100.0, 100.0, 2, 5000.0, 10000.0, "highly_concentrated", "CHN", 0.5, 1.0, 0.5, null, null, null,
            "ok", "partial")), 1e-9);
  }

  @Test
  void focusSupplierAbsentGivesZeroNotNull() {
    Dataset<Row> f = df(FLOWS, flow("JPN", "MYS", "country", "284690", 10, 1.0));
    Row c = Concentration.of(Exposure.compute(f, "hs_code", "CHN"), "hs_code", "CHN", 1500, 2500).first();
    assertThat(c.<Double>getAs("focus_share")).isEqualTo(0.0);
    assertThat(c.<Double>getAs("focus_share_weight")).isEqualTo(0.0);
    assertThat(c.<String>getAs("hs_code")).isEqualTo("284690");
  }

  @Test
  void hhiBandsFollowTheThresholds() {
    Dataset<Row> hhi = df(new StructType().add("h", DataTypes.DoubleType), row(1499.9), row(1500.0), row(2500.0),
        row(2500.1), row((Double) null));
    assertThat(rows(hhi.select(Concentration.band(hhi.col("h"), 1500, 2500))).stream().map(r -> r[0]).toList())
        .containsExactly("unconcentrated", "moderately_concentrated", "moderately_concentrated", "highly_concentrated",
            null);
  }

  @Test
  void monthlyRowsStaySeparateFromEachOther() {
    Dataset<Row> f = df(FLOWS,
        row(2020, 1, "JPN", "CHN", "country", "import", "284690", 30.0, null, "rare_earths"),
        row(2020, 1, "JPN", "MYS", "country", "import", "284690", 10.0, null, "rare_earths"),
        row(2020, 2, "JPN", "CHN", "country", "import", "284690", 10.0, null, "rare_earths"));
    Dataset<Row> c = Concentration.of(Exposure.compute(f, "commodity_group", "CHN"), "commodity_group", "CHN",
        1500, 2500).select("month", "focus_share", "weight_status");
    assertRowsEqual(c, List.of(row(1, 0.75, "missing"), row(2, 1.0, "missing")), 1e-12);
  }

  /**
   * Both tables are written from one shuffle: its map side runs when the pass is built, and the
   * queries over the pass (one per table) reuse it; no stage of theirs writes shuffle output.
   */
  @Test
  void bothTablesReadTheOneShuffleTheirPassWasBuiltOn() throws Exception {
    Dataset<Row> exposure = Exposure.compute(flows(), ExposureColumns.COMMODITY_GROUP, "CHN");
    List<String> shuffled = Collections.synchronizedList(new ArrayList<>());
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    SparkListener listener = new SparkListener() {
      @Override
      public void onStageCompleted(SparkListenerStageCompleted e) {
        ran.add(e.stageInfo().name());
        if (e.stageInfo().taskMetrics().shuffleWriteMetrics().bytesWritten() > 0) {
          shuffled.add(e.stageInfo().name());
        }
      }
    };
    spark().sparkContext().listenerBus().waitUntilEmpty();
    spark().sparkContext().addSparkListener(listener);
    try {
      assertThat(SupplierShares.of(exposure, ExposureColumns.COMMODITY_GROUP).collectAsList()).hasSize(7);
      assertThat(Concentration.of(exposure, ExposureColumns.COMMODITY_GROUP, "CHN", 1500, 2500).collectAsList())
          .hasSize(4);
      spark().sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark().sparkContext().removeSparkListener(listener);
    }
    assertThat(ran).isNotEmpty();
    assertThat(shuffled).isEmpty();
  }
}
