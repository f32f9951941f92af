package io.chokepoint.metrics;

import static io.chokepoint.testing.DatasetAssert.assertRowsEqual;
import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.schema.MirrorColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.MirrorParams;
import io.chokepoint.spec.TradeParams;
import io.chokepoint.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@link MirrorFlows} and {@link ValueBasis} on hand-made rows: one pair of each class, and the rows that never pair. */
class MirrorFlowsTest extends SparkTestBase {
  static final StructType SCOPED = new StructType()
      .add("year", DataTypes.IntegerType).add("month", DataTypes.IntegerType)
      .add("reporter_iso3", DataTypes.StringType).add("partner_iso3", DataTypes.StringType)
      .add("partner_kind", DataTypes.StringType).add("flow", DataTypes.StringType).add("hs_code", DataTypes.StringType)
      .add("value_usd", DataTypes.DoubleType).add("net_weight_kg", DataTypes.DoubleType)
      .add("commodity_group", DataTypes.StringType).add("stage", DataTypes.StringType)
      .add("source_format", DataTypes.StringType).add(RowStatus.FILTER_REASON, DataTypes.StringType).add(RowStatus.STATUS, DataTypes.StringType);
  static final MirrorParams DEFAULTS = new MirrorParams("reported", true, 0.1, 0.1, 1.05);
  static final TradeParams JAPAN = new TradeParams("CHN", "commodity_group", List.of("import"), List.of("JPN"), 2015,
      2015, "annual", 1500, 2500, true);

  static Object[] imp(String partner, double v, Double kg) {
    return row(2015, null, "JPN", partner, "country", "import", "260400", v, kg, "nickel", "ore", "comtrade-plus", null,
        "used");
  }

  /** A partner's export to Japan: out of the exposure scope (flows = [import]), filtered for its flow. */
  static Object[] exp(String reporter, double v, Double kg) {
    return row(2015, null, reporter, "JPN", "country", "export", "260400", v, kg, "nickel", "ore", "comtrade-plus",
        "flow_not_in_scope", "filtered");
  }

  Dataset<Row> scoped() {
    return df(SCOPED,
        imp("CHN", 100, 10.0), exp("CHN", 95, 10.0), // agree: values 2.6% apart, weights equal
        imp("AUS", 130, 10.0), exp("AUS", 100, 10.0), // values_differ: 13% apart
        imp("PHL", 100, 10.0), exp("PHL", 100, 14.0), // weights_differ: 16.7% apart
        imp("VNM", 50, null), exp("VNM", 40, 5.0), // values_differ on values alone: Japan reports no weight
        imp("BRA", 30, 3.0), imp("BRA", 20, 2.0), exp("BRA", 48, 5.0), // two import rows summed: agree
        imp("FIN", 0, 0.0), exp("FIN", 0, 0.0), // both zero: agree, ratio undefined
        imp("MYS", 20, 2.0), // importer_only
        exp("NCL", 80, 8.0), // exporter_only: reconciled at 80 × 1.05
        row(2015, null, "USA", "JPN", "country", "export", "260400", 9.0, 1.0, "nickel", "ore", "comtrade-plus",
            null, "rejected"),
        row(2015, null, "KOR", "JPN", "country", "export", "260400", 9.0, 1.0, "nickel", "ore", "comtrade-plus",
            "breakdown_row", "filtered"),
        row(2016, null, "IDN", "JPN", "country", "export", "260400", 9.0, 1.0, "nickel", "ore", "comtrade-plus",
            "year_not_in_scope", "filtered"),
        row(2015, null, "JPN", "_X", "nes", "import", "260400", 7.0, 1.0, "nickel", "ore", "comtrade-plus",
            null, "used"),
        row(2015, null, "JPN", "W00", "world", "import", "260400", 600.0, 60.0, "nickel", "ore", "comtrade-plus",
            null, "used"),
        row(2015, null, "JPN", "KOR", "country", "export", "260400", 5.0, 1.0, "nickel", "ore", "comtrade-plus",
            "flow_not_in_scope", "filtered"), // Korea is no reporter in scope: Japan's export to it is no side of a pair
        row(2015, null, "JPN", "JPN", "country", "import", "260400", 3.0, 1.0, "nickel", "ore", "comtrade-plus",
            null, "used"),
        // BACI reconciled both sides already: no sides to compare, its value stands on every basis.
        row(2015, null, "JPN", "DEU", "country", "import", "260400", 70.0, 7.0, "nickel", "ore", "baci", null, "used"));
  }

  @Test
  void pairsBothSidesIntoOneClassEachAndReconcilesImporterFirst() {
    Dataset<Row> pairs = MirrorFlows.of(scoped(), JAPAN, DEFAULTS).select(cols("exporter_iso3",
        MirrorColumns.IMPORTER_VALUE, MirrorColumns.EXPORTER_VALUE, MirrorColumns.IMPORTER_WEIGHT,
        MirrorColumns.EXPORTER_WEIGHT, MirrorColumns.CIF_FOB_RATIO, MirrorColumns.VALUE_DISCREPANCY,
        MirrorColumns.CLASS, MirrorColumns.VALUE_STATUS, MirrorColumns.WEIGHT_STATUS, MirrorColumns.RECONCILED_VALUE,
        MirrorColumns.RECONCILED_WEIGHT, MirrorColumns.RECONCILED_FROM));
    assertRowsEqual(pairs, List.of(
        row("CHN", 100.0, 95.0, 10.0, 10.0, 100 / 95.0, 5 / 195.0, "agree", "ok", "ok", 100.0, 10.0, "importer"),
        row("AUS", 130.0, 100.0, 10.0, 10.0, 1.3, 30 / 230.0, "values_differ", "ok", "ok", 130.0, 10.0, "importer"),
        row("PHL", 100.0, 100.0, 10.0, 14.0, 1.0, 0.0, "weights_differ", "ok", "ok", 100.0, 10.0, "importer"),
        row("VNM", 50.0, 40.0, null, 5.0, 1.25, 10 / 90.0, "values_differ", "ok", "missing", 50.0, null, "importer"),
        row("BRA", 50.0, 48.0, 5.0, 5.0, 50 / 48.0, 2 / 98.0, "agree", "ok", "ok", 50.0, 5.0, "importer"),
        row("FIN", 0.0, 0.0, 0.0, 0.0, null, null, "agree", "zero", "zero", 0.0, 0.0, "importer"),
        row("MYS", 20.0, null, 2.0, null, null, null, "importer_only", "one_side", "one_side", 20.0, 2.0, "importer"),
        row("NCL", null, 80.0, null, 8.0, null, null, "exporter_only", "one_side", "one_side", 84.0, 8.0,
            "exporter_fob_times_cif_factor"),
        row("DEU", null, null, null, null, null, null, null, "reconciled_by_source", "reconciled_by_source", 70.0,
            7.0, "source")), 1e-12);
  }

  @Test
  void tolerancesAreParameters() {
    MirrorParams loose = new MirrorParams("reported", true, 0.2, 0.2, 1.05);
    List<Object[]> classes = rows(MirrorFlows.of(scoped(), JAPAN, loose).where("exporter_iso3 in ('AUS', 'PHL')")
        .select("class").distinct());
    assertThat(classes).extracting(r -> r[0]).containsExactly("agree");
  }

  @Test
  void theMirrorBasisTakesThePartnersValuesAndTheReconciledBasisTheImportersFirst() {
    Dataset<Row> pairs = MirrorFlows.of(scoped(), JAPAN, DEFAULTS);
    Dataset<Row> used = scoped().where(RowStatus.STATUS + " = 'used'");
    String cols = "partner_iso3, partner_kind, value_usd, net_weight_kg";
    assertThat(ValueBasis.rows(used, pairs, "reported", true)).isSameAs(used);
    assertRowsEqual(ValueBasis.rows(used, pairs, "mirror", true).selectExpr(cols.split(", ")), List.of(
        row("W00", "world", 600.0, 60.0), // the importer's own World row: the only World total there is
        row("CHN", "country", 95.0, 10.0), row("AUS", "country", 100.0, 10.0), row("PHL", "country", 100.0, 14.0),
        row("VNM", "country", 40.0, 5.0), row("BRA", "country", 48.0, 5.0), row("FIN", "country", 0.0, 0.0),
        row("NCL", "country", 80.0, 8.0), row("DEU", "country", 70.0, 7.0)), 1e-12); // MYS (no partner report) and the nes area drop out
    assertRowsEqual(ValueBasis.rows(used, pairs, "reconciled", true).selectExpr(cols.split(", ")), List.of(
        row("_X", "nes", 7.0, 1.0), row("W00", "world", 600.0, 60.0),
        row("CHN", "country", 100.0, 10.0), row("AUS", "country", 130.0, 10.0), row("PHL", "country", 100.0, 10.0),
        row("VNM", "country", 50.0, null), row("BRA", "country", 50.0, 5.0), row("FIN", "country", 0.0, 0.0),
        row("MYS", "country", 20.0, 2.0), row("NCL", "country", 84.0, 8.0), row("DEU", "country", 70.0, 7.0)), 1e-12);
    assertThat(ValueBasis.rows(used, pairs, "mirror", false).count()).as("no imports in scope: no pairs added")
        .isEqualTo(2);
  }
}
