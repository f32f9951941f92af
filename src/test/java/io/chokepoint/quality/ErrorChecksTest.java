package io.chokepoint.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chokepoint.error.ChokepointException;
import io.chokepoint.error.InputException;
import io.chokepoint.metrics.Exposure;
import io.chokepoint.metrics.SupplierShares;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Every Error-level check that valid inputs cannot break, made to fail on hand-made Datasets: the
 * exposure checks (shares in range, summing to one, no null keys, HHI in range) and rows
 * accounted; and the gate that turns a failed Error check into exit 3 naming it. (The reject ratio
 * and finite-value checks fail end to end in {@code io.chokepoint.cli.ErrorChecksEndToEndTest}.)
 */
class ErrorChecksTest extends SparkTestBase {
  static final String PRODUCT = "commodity_group";
  static final List<String> KEYS = SupplierShares.keys(PRODUCT);

  static final StructType EXPOSURE = new StructType()
      .add(TradeColumns.YEAR, DataTypes.IntegerType)
      .add(TradeColumns.MONTH, DataTypes.IntegerType)
      .add(TradeColumns.REPORTER, DataTypes.StringType)
      .add(TradeColumns.FLOW, DataTypes.StringType)
      .add(PRODUCT, DataTypes.StringType)
      .add(TradeColumns.PARTNER, DataTypes.StringType)
      .add(ExposureColumns.SHARE_VALUE, DataTypes.DoubleType)
      .add(ExposureColumns.SHARE_WEIGHT, DataTypes.DoubleType)
      .add(Exposure.WORLD, DataTypes.BooleanType)
      .add(Exposure.PRODUCT, DataTypes.createArrayType(DataTypes.DoubleType, true));

  static final StructType CONCENTRATION = new StructType()
      .add(TradeColumns.YEAR, DataTypes.IntegerType)
      .add(TradeColumns.MONTH, DataTypes.IntegerType)
      .add(TradeColumns.REPORTER, DataTypes.StringType)
      .add(TradeColumns.FLOW, DataTypes.StringType)
      .add(PRODUCT, DataTypes.StringType)
      .add(ExposureColumns.HHI_VALUE, DataTypes.DoubleType)
      .add(ExposureColumns.HHI_WEIGHT, DataTypes.DoubleType)
      .add(ExposureColumns.STATUS, DataTypes.StringType)
      .add(ExposureColumns.BILATERAL_TO_WORLD, DataTypes.DoubleType);

  /** The product aggregates of a product's first row, with the sum of its value shares. */
  static List<Double> aggregates(double shareSum) {
    List<Double> a = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      a.add(1.0);
    }
    a.add(shareSum);
    return a;
  }

  static Object[] supplier(String reporter, String partner, double share, double shareWeight, Double shareSum) {
    return row(2024, null, reporter, "import", "rare_earths", partner, share, shareWeight, false,
        shareSum == null ? null : aggregates(shareSum).toArray(Double[]::new));
  }

  static Object[] product(String reporter, double hhi, String status) {
    return row(2024, null, reporter, "import", "rare_earths", hhi, hhi, status, 1.0);
  }

  static Map<String, Check> run(Object[][] exposure, Object[]... concentration) {
    return ExposureChecks.run(df(EXPOSURE, exposure), df(CONCENTRATION, concentration), KEYS).stream()
        .collect(Collectors.toMap(Check::name, c -> c));
  }

  static List<String> failedErrors(Map<String, Check> checks) {
    return checks.values().stream().filter(Check::failsRun).map(Check::name).sorted().toList();
  }

  static final Object[][] VALID = {
      supplier("JPN", "CHN", 0.75, 0.8, 1.0), supplier("JPN", "VNM", 0.25, 0.2, null)};

  @Test
  void validExposurePassesEveryCheck() {
    assertThat(failedErrors(run(VALID, product("JPN", 6250, "ok")))).isEmpty();
  }

  @Test
  void aShareOutsideZeroToOneFailsSharesInRange() {
    Map<String, Check> c = run(new Object[][] {supplier("JPN", "CHN", 1.2, 0.8, 1.0),
        supplier("JPN", "VNM", -0.2, 0.2, null)}, product("JPN", 6250, "ok"));
    assertThat(failedErrors(c)).containsExactly("supplier_shares.shares_in_range");
    assertThat(c.get("supplier_shares.shares_in_range").observed()).isEqualTo("2");
    Map<String, Check> w = run(new Object[][] {supplier("JPN", "CHN", 0.75, 1.5, 1.0),
        supplier("JPN", "VNM", 0.25, 0.2, null)}, product("JPN", 6250, "ok"));
    assertThat(failedErrors(w)).containsExactly("supplier_shares.shares_in_range");
  }

  @Test
  void valueSharesThatDoNotSumToOneFailSharesSumToOne() {
    Map<String, Check> c = run(new Object[][] {supplier("JPN", "CHN", 0.75, 0.8, 0.9),
        supplier("JPN", "VNM", 0.15, 0.2, null)}, product("JPN", 6250, "ok"));
    assertThat(failedErrors(c)).containsExactly("supplier_shares.shares_sum_to_one");
    assertThat(c.get("supplier_shares.shares_sum_to_one").observed()).isEqualTo("1");
  }

  @Test
  void aNullKeyOrPartnerFailsNoNullKeys() {
    assertThat(failedErrors(run(new Object[][] {supplier(null, "CHN", 0.75, 0.8, 1.0),
        supplier(null, "VNM", 0.25, 0.2, null)}, product("JPN", 6250, "ok"))))
        .containsExactly("supplier_shares.no_null_keys");
    assertThat(failedErrors(run(new Object[][] {supplier("JPN", null, 0.75, 0.8, 1.0),
        supplier("JPN", "VNM", 0.25, 0.2, null)}, product("JPN", 6250, "ok"))))
        .containsExactly("supplier_shares.no_null_keys");
    assertThat(failedErrors(run(VALID, product(null, 6250, "ok")))).containsExactly("concentration.no_null_keys");
    assertThat(failedErrors(run(VALID, product("JPN", 6250, null)))).containsExactly("concentration.no_null_keys");
  }

  @Test
  void anHhiOutsideZeroToTenThousandFailsHhiInRange() {
    assertThat(failedErrors(run(VALID, product("JPN", 10_001, "ok")))).containsExactly("concentration.hhi_in_range");
    assertThat(failedErrors(run(VALID, product("JPN", -1, "ok")))).containsExactly("concentration.hhi_in_range");
  }

  @Test
  void rowsLostOrCountedTwiceFailRowsAccounted() {
    StructType schema = new StructType().add(RowStatus.STATUS, DataTypes.StringType)
        .add(RowStatus.REJECT_REASON, DataTypes.StringType).add(RowStatus.FILTER_REASON, DataTypes.StringType)
        .add(RowStatus.SOURCE_FILE, DataTypes.StringType);
    Dataset<Row> rows = df(schema, row("used", null, null, "f.csv"), row("rejected", "bad 'x'", null, "f.csv"),
        row("filtered", null, "out_of_scope", "f.csv"));
    assertThat(InputCounts.of("trade_flows", 3, rows).accountedCheck().passed()).isTrue();
    Check lost = InputCounts.of("trade_flows", 4, rows).accountedCheck();
    assertThat(lost.failsRun()).isTrue();
    assertThat(lost.name()).isEqualTo("trade_flows.rows_accounted");
    assertThat(lost.observed()).isEqualTo("3");
    assertThat(lost.threshold()).isEqualTo("= 4");
    assertThat(InputCounts.of("trade_flows", 2, rows).accountedCheck().failsRun()).isTrue();
  }

  @Test
  void aFailedExposureCheckNamesItsInputFilesAndAFewOffendingRowsByKey() {
    Map<String, Check> c = ExposureChecks.run(df(EXPOSURE, supplier("JPN", "CHN", 1.2, 0.8, 1.0),
        supplier("JPN", "VNM", -0.2, 0.2, null)), df(CONCENTRATION, product("KOR", 10_001, "ok")), KEYS,
        "inputs.trade_flows (file:/data/baci.csv)").stream().collect(Collectors.toMap(Check::name, x -> x));
    assertThat(c.get("supplier_shares.shares_in_range").detail())
        .startsWith("rows with a share outside [0, 1] in inputs.trade_flows (file:/data/baci.csv); e.g. ")
        .contains("year=2024 month=null reporter_iso3=JPN flow=import commodity_group=rare_earths partner_iso3=CHN")
        .contains("partner_iso3=VNM");
    assertThat(c.get("concentration.hhi_in_range").detail()).contains("baci.csv").contains("reporter_iso3=KOR");
    assertThat(c.get("supplier_shares.shares_sum_to_one").detail()).isEqualTo(
        "products whose value shares do not sum to 1 within " + ExposureChecks.SUM_TOLERANCE);
  }

  @Test
  void examplesAreBoundedAndOnOneLine() {
    Object[][] many = new Object[12][];
    for (int i = 0; i < many.length; i++) {
      many[i] = supplier("R\n" + i, "CHN", 2.0, 0.8, 1.0);
    }
    String e = Examples.of(df(EXPOSURE, many), org.apache.spark.sql.functions.col("share_value").gt(1),
        List.of(TradeColumns.REPORTER));
    assertThat(e.split("; ")).hasSize(Examples.LIMIT);
    assertThat(e).doesNotContain("\n").startsWith("e.g. reporter_iso3=R?");
  }

  @Test
  void aFailedRowsAccountedNamesTheInputFiles() {
    StructType schema = new StructType().add(RowStatus.STATUS, DataTypes.StringType)
        .add(RowStatus.REJECT_REASON, DataTypes.StringType).add(RowStatus.FILTER_REASON, DataTypes.StringType)
        .add(RowStatus.SOURCE_FILE, DataTypes.StringType);
    Dataset<Row> rows = df(schema, row("used", null, null, "f.csv"));
    List<String> files = List.of("a.csv", "b.csv", "c.csv", "d.csv", "e.csv");
    assertThat(InputCounts.of("trade_flows", 2, rows).accountedCheck(files).detail())
        .endsWith("in inputs.trade_flows (a.csv, b.csv, c.csv, … 2 more): a row lost or counted twice between"
            + " reading and classifying");
    assertThat(InputCounts.of("trade_flows", 1, rows).accountedCheck(files).detail()).doesNotContain("a.csv");
  }

  @Test
  void aCheckDetailNamingAFileWithUserInfoIsRedactedEverywhereItGoes() {
    List<Check> recorded = new ArrayList<>();
    CheckRunner runner = new CheckRunner(recorded::add);
    runner.add(Check.noneOf("trade_flows.reject_ratio", 1,
        "most in hdfs://user:PASSWORD@nn/in/baci.csv; e.g. reason='bad token=PASSWORD'"));
    assertThat(recorded.get(0).detail()).isEqualTo("most in hdfs://***@nn/in/baci.csv; e.g. reason='bad token=***");
    assertThat(runner.table(spark()).first().getString(5)).doesNotContain("PASSWORD");
    assertThatThrownBy(() -> runner.gate("after ingest")).message().doesNotContain("PASSWORD").contains("hdfs://***@nn");
  }

  @Test
  void aFailedErrorCheckStopsTheRunWithExitThreeNamingItAndAWarningDoesNot() {
    List<Check> recorded = new ArrayList<>();
    CheckRunner runner = new CheckRunner(recorded::add);
    runner.add(Check.warning("concentration.bilateral_within_world", false, 1, "= 0", "a warning"));
    runner.gate("after ingest");
    runner.add(Check.noneOf("concentration.hhi_in_range", 2, "rows with HHI outside [0, 10000]"));
    runner.add(Check.noneOf("supplier_shares.no_null_keys", 1, "rows with a null key"));
    assertThatThrownBy(() -> runner.gate("before publish"))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((ChokepointException) e).exitCode()).isEqualTo(3))
        .hasMessage("data check concentration.hhi_in_range failed before publish (observed 2, expected = 0): "
            + "rows with HHI outside [0, 10000] (and 1 more failed checks)");
    assertThat(recorded).hasSize(3);
    assertThat(runner.table(spark()).where("not passed").count()).isEqualTo(3);
  }
}
