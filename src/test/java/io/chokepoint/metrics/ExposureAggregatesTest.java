package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.DatasetAssert;
import io.chokepoint.testing.Inputs;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The exposure pass as Spark SQL aggregates and windows ({@link ExposureAggregates}, what the
 * accelerator runs) against the pass on Spark's rows ({@link Exposure#compute}, the witness here):
 * the same schema and rows, doubles within 1e-12 relative, on the hand-made edge cases and on real
 * trade files.
 */
class ExposureAggregatesTest extends SparkTestBase {
  static final double RELATIVE = 1e-12;

  static void assertSamePass(String what, Dataset<Row> flows, String productKey, String focus) {
    Dataset<Row> rows = Exposure.compute(flows, productKey, focus);
    Dataset<Row> sql = ExposureAggregates.compute(flows, productKey, focus);
    assertThat(rows.count()).as(what + ": rows").isPositive();
    DatasetAssert.assertSameRows(what, rows, sql, RELATIVE);
  }

  /** The used rows of a real trade file, read as a run reads it. */
  static Dataset<Row> used(String file, String format) {
    Dataset<Row> parsed = Inputs.read(new InputSpec("trade_flows", List.of("file:" + file), format, null));
    return parsed.where(col(RowStatus.REJECT_REASON).isNull().and(col(RowStatus.FILTER_REASON).isNull())).cache();
  }

  @Test
  void theEdgeCasesGiveTheSameRows() {
    // World-only products, zero totals, unknown weights, ties on value, self-trade, aggregates, nes.
    assertSamePass("edge cases", ExposureMetricsTest.flows(), ExposureColumns.COMMODITY_GROUP, "CHN");
    assertSamePass("edge cases by code", ExposureMetricsTest.flows(), TradeColumns.HS_CODE, "CHN");
    assertSamePass("edge cases, focus absent", ExposureMetricsTest.flows(), TradeColumns.HS_CODE, "ZZZ");
  }

  @Test
  void aRealComtradePlusWorldFileGivesTheSameRows() {
    Dataset<Row> flows = used(Paths.realData("comtrade_plus_2023_world_hpham/trade_data.csv"), Formats.COMTRADE_PLUS);
    assertSamePass("comtrade+ 2023", flows, TradeColumns.HS_CODE, "CHN");
  }

  @Test
  void realNickelAndIntegratedCircuitFilesGiveTheSameRows() {
    assertSamePass("nickel", used(Paths.realData("criminGeo_manuali-luciana/UN_nickel_trade.csv"),
        Formats.COMTRADE_PLUS), TradeColumns.HS_CODE, "IDN");
    assertSamePass("thailand hs8542", used(Paths.realData("comtrade_api_tha_hs8542_methakanb/TradeData.csv"),
        Formats.COMTRADE_PLUS), TradeColumns.HS_CODE, "CHN");
  }

  @Test
  void theRealBaciExtractGivesTheSameRows() {
    Dataset<Row> flows = used(Paths.project("sample-data/real/baci_850511_2022_2024.csv"), Formats.TRADE_CANONICAL);
    assertSamePass("baci 850511", flows, TradeColumns.HS_CODE, "CHN");
  }
}
