package io.chokepoint.ingest;

import static io.chokepoint.testing.DatasetAssert.assertRowsEqual;
import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.Formats;
import io.chokepoint.testing.Paths;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every trade format, on the project's own sample files (these run in any clone). */
class SampleTradeFilesTest extends TradeReaderTestSupport {
  static final String[] COLS = {"year", "month", "reporter_iso3", "partner_iso3", "partner_kind", "flow", "hs_code",
      "value_usd", "net_weight_kg", "source_format", "_reject_reason"};

  static Dataset<Row> sample(String name, String format) {
    return read(Paths.project("sample-data/trade/" + name), format);
  }

  @Test
  void comtradePlusSampleFlagsBadRowsAndBreakdowns() {
    Dataset<Row> d = sample("comtrade_plus_rare_earths.csv", Formats.COMTRADE_PLUS);
    assertThat(d.count()).isEqualTo(1860);
    assertThat(rejected(d).select("_reject_reason").collectAsList()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("unparsable value_usd 'n/a'", "unknown partner code '999'");
    assertThat(d.where("_filter_reason = 'breakdown_row'").count()).isEqualTo(1);
    assertThat(rejected(d).where("_raw is null").count()).isZero();
  }

  /**
   * A filter on the statuses (here the rejected rows, as the rejects table and the used rows take
   * them) stays above the parse. Pushed into it, Spark copied every column the reason depends on
   * into the condition (14,154 characters for a BACI file), evaluated without common
   * subexpression elimination before the parse ran again: writing the one rejected row of a
   * 2M-row BACI file took 71 s against 7 s with the condition kept small.
   */
  @Test
  void aStatusFilterStaysAboveTheParse() {
    for (String[] f : new String[][] {{"baci_rare_earths.csv", Formats.BACI},
        {"comtrade_plus_rare_earths.csv", Formats.COMTRADE_PLUS}}) {
      String plan = rejected(plan(Paths.project("sample-data/trade/" + f[0]), f[1])).queryExecution().optimizedPlan()
          .toString();
      List<String> filters = plan.lines().filter(l -> l.contains("Filter ")).toList();
      assertThat(filters).as(f[0]).anyMatch(l -> l.contains("Filter isnotnull(" + RowStatus.REJECT_REASON + "#"))
          .noneMatch(l -> l.contains(CsvSource.REASON)); // the reason's expression, inlined, starts with it
      assertThat(plan.length()).as(f[0]).isLessThan(20_000);
    }
  }

  @Test
  void comtradeLegacySample() {
    Dataset<Row> d = sample("comtrade_legacy_rare_earths.csv", Formats.COMTRADE_LEGACY)
        .where("year = 2011").select(COLS[0], COLS[2], COLS[3], COLS[4], COLS[7], COLS[8]);
    assertRowsEqual(d, List.of(
        row(2011, "JPN", "CHN", "country", 41800000.0, 950000.0),
        row(2011, "JPN", "TWN", "country", 1500000.0, 30000.0),
        row(2011, "JPN", "MYS", "country", 7000000.0, 140000.0),
        row(2011, "JPN", "W00", "world", 50300000.0, 1120000.0)), 0);
  }

  @Test
  void baciIsAnImportByJFromIInUsdAndKilograms() {
    Dataset<Row> d = sample("baci_rare_earths.csv", Formats.BACI).select(cols(COLS));
    assertRowsEqual(d, List.of(
        row(2022, null, "JPN", "CHN", "country", "import", "284690", 812345500.0, 41000200.0, "baci", null),
        row(2022, null, "JPN", "MYS", "country", "import", "284690", 210034250.0, 9500000.0, "baci", null),
        row(2022, null, "JPN", "FRA", "country", "import", "284690", 64000000.0, 1900125.0, "baci", null),
        row(2022, null, "USA", "CHN", "country", "import", "850511", 1523000000.0, null, "baci", null),
        row(2022, null, "JPN", "CHN", "country", "import", "028530", 1200000.0, 3000.0, "baci", null),
        row(2022, null, "JPN", "IND", "country", "import", "284690", 0.0, 0.0, "baci", null)), 1e-9);
  }

  /**
   * BACI's one quantity, q in tonnes, is both the net weight and the quantity (in kg): parsed and
   * checked once, so both columns agree and a bad q is one reject, named after the weight.
   */
  @Test
  void baciQuantityIsTheWeightParsedOnce(@TempDir Path tmp) throws java.io.IOException {
    Path f = tmp.resolve("baci.csv");
    java.nio.file.Files.writeString(f, "t,i,j,k,v,q\n"
        + "2022,156,392,284690,10.5,2.25\n"
        + "2022,156,392,284691,10.5,NA\n"
        + "2022,156,392,284692,10.5,-3\n"
        + "2022,156,392,284693,10.5,0x1p4\n"
        + "2022,156,392,284694,10.5,1e13\n"
        + "2022,156,392,284695,10.5,12d\n"
        + "2022,156,392,284696,10.5,-0\n");
    Dataset<Row> d = read(f.toString(), Formats.BACI);
    assertRowsEqual(d.where("_reject_reason is null").select("hs_code", "value_usd", "net_weight_kg", "quantity",
        "quantity_unit"), List.of(
            row("284690", 10500.0, 2250.0, 2250.0, "kg"),
            row("284691", 10500.0, null, null, null),
            row("284696", 10500.0, 0.0, 0.0, "kg")), 0);
    assertThat(rejected(d).select("_reject_reason").collectAsList()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("negative net_weight_kg '-3'", "unparsable net_weight_kg '0x1p4'",
            "net_weight_kg out of range (above 1e15) '1e13'", "unparsable net_weight_kg '12d'");
    assertThat(rejected(d).where("net_weight_kg is not null or quantity is not null").count()).isZero();
  }

  @Test
  void canonicalCsvKeepsMonthsAndSourceFormat() {
    Dataset<Row> d = sample("canonical_rare_earths.csv", Formats.TRADE_AUTO).select(cols(COLS));
    assertThat(d.where("month = 3").count()).isEqualTo(1);
    assertThat(d.where("partner_kind = 'world'").count()).isEqualTo(1);
    assertThat(rejected(d).count()).isZero();
    assertThat(d.select("source_format").distinct().collectAsList()).extracting(r -> r.getString(0))
        .containsExactly("comtrade-plus");
  }

  @Test
  void canonicalParquetRoundTrips(@TempDir Path tmp) {
    Dataset<Row> csv = sample("canonical_rare_earths.csv", Formats.TRADE_CANONICAL)
        .select(cols(TradeColumns.NAMES));
    csv.write().parquet(tmp.resolve("flows").toString());
    Dataset<Row> back = read(tmp.resolve("flows").toString(), Formats.TRADE_CANONICAL);
    assertThat(rejected(back).count()).isZero();
    assertRowsEqual(back.select(cols(TradeColumns.NAMES)), rows(csv), 0);
  }

  @Test
  void typedParquetValuesAreCheckedWithoutTextAndRejectsQuoteThem(@TempDir Path tmp) {
    StructType schema = new StructType().add("year", DataTypes.IntegerType).add("reporter_iso3", DataTypes.StringType)
        .add("partner_iso3", DataTypes.StringType).add("flow", DataTypes.StringType)
        .add("hs_code", DataTypes.StringType).add("value_usd", DataTypes.DoubleType)
        .add("net_weight_kg", DataTypes.DoubleType);
    df(schema,
        row(2020, "JPN", "CHN", "import", "280530", 10.0, 1.0),
        row(2020, "JPN", "CHN", "import", "280530", -5.0, 1.0),
        row(2020, "JPN", "CHN", "import", "280530", Double.NaN, 1.0),
        row(2020, "JPN", "CHN", "import", "280530", null, 1.0),
        row(1800, "JPN", "CHN", "import", "280530", 1.0, 1.0),
        row(null, "JPN", "CHN", "import", "280530", 1.0, 1.0),
        row(2020, "JPN", "CHN", "import", "280530", 1.0, Double.POSITIVE_INFINITY))
        .write().parquet(tmp.resolve("flows").toString());
    Dataset<Row> d = read(tmp.resolve("flows").toString(), Formats.TRADE_CANONICAL);
    assertThat(d.where("_reject_reason is null").select("value_usd").collectAsList()).extracting(r -> r.get(0))
        .containsExactly(10.0);
    assertThat(rejected(d).select("_reject_reason").collectAsList()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("negative value_usd '-5.0'", "value_usd is not a finite number 'NaN'",
            "missing value_usd", "unparsable year '1800'", "missing year",
            "net_weight_kg is not a finite number 'Infinity'");
    assertThat(rejected(d).where("_raw like '2020,JPN,CHN,import,280530,-5.0,1.0'").count()).isEqualTo(1);
  }
}
