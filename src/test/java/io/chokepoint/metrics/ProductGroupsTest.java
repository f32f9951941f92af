package io.chokepoint.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Function1;

/** The per-product pass on its own: hash collisions, partner sums, ranks and the first-row aggregates. */
class ProductGroupsTest {
  static Row in(long hash, String reporter, String partner, String kind, double value, Double weight, boolean world) {
    return RowFactory.create(hash, 2020, null, reporter, "import", "280530", partner, kind, value, weight, world);
  }

  /** The input schema: hash, the five product keys, partner, kind, value, weight, world. */
  static final StructType IN = new StructType().add("_product_hash", DataTypes.LongType)
      .add("year", DataTypes.IntegerType).add("month", DataTypes.IntegerType).add("reporter_iso3", DataTypes.StringType)
      .add("flow", DataTypes.StringType).add("hs_code", DataTypes.StringType).add("partner_iso3", DataTypes.StringType)
      .add("partner_kind", DataTypes.StringType).add("value_usd", DataTypes.DoubleType)
      .add("net_weight_kg", DataTypes.DoubleType).add("_world", DataTypes.BooleanType);

  /** The rows through the pass as Spark hands them over (internal rows), read back as Rows. */
  static List<Row> run(Row... rows) {
    Function1<Object, Object> toInternal = CatalystTypeConverters.createToCatalystConverter(IN);
    Function1<Object, Object> toRow = CatalystTypeConverters.createToScalaConverter(Exposure.schema(IN, 5));
    DataType[] keyTypes = {DataTypes.IntegerType, DataTypes.IntegerType, DataTypes.StringType, DataTypes.StringType,
        DataTypes.StringType};
    List<InternalRow> in = new ArrayList<>();
    for (Row r : rows) {
      in.add((InternalRow) toInternal.apply(r));
    }
    List<Row> out = new ArrayList<>();
    Iterator<InternalRow> it = new ProductGroups(keyTypes, "CHN").call(in.iterator());
    it.forEachRemaining(r -> out.add((Row) toRow.apply(r)));
    return out;
  }

  /** reporter, partner, row number, share_value. */
  static String brief(Row r) {
    return r.getString(2) + " " + r.getString(5) + " #" + r.getInt(10) + " " + r.get(11);
  }

  @Test
  void productsWhoseHashesCollideAreStillSeparate() {
    // JPN and KOR share hash 7 and arrive interleaved; USA has its own hash.
    List<Row> out = run(
        in(7, "JPN", "CHN", "country", 30, 3.0, false),
        in(7, "KOR", "AUS", "country", 10, 1.0, false),
        in(7, "JPN", "MYS", "country", 10, 1.0, false),
        in(7, "JPN", "CHN", "country", 30, 3.0, false),
        in(9, "USA", "W00", "world", 100, null, true));
    assertThat(out).extracting(ProductGroupsTest::brief).containsExactly(
        "JPN CHN #1 0.8571428571428571", "JPN MYS #2 0.14285714285714285", "KOR AUS #1 1.0", "USA W00 #1 null");
  }

  @Test
  void aWorldRowAndASupplierWithTheSameCodeAreSummedApart() {
    // Interleaved by value: the supplier X sums to 8, the World row X to 7, the supplier Y to 2.
    List<Row> out = run(
        in(3, "JPN", "X", "country", 5, 1.0, false),
        in(3, "JPN", "X", "world", 7, null, true),
        in(3, "JPN", "Y", "country", 2, null, false),
        in(3, "JPN", "X", "country", 3, 2.0, false));
    assertThat(out).extracting(r -> r.getString(5) + " " + r.getDouble(7) + " " + r.get(8) + " " + r.getBoolean(9))
        .containsExactly("X 8.0 3.0 false", "Y 2.0 null false", "X 7.0 null true");
    assertThat(out).extracting(ProductGroupsTest::brief).containsExactly("JPN X #1 0.8", "JPN Y #2 0.2", "JPN X #3 null");
  }

  @Test
  void aggregatesSitOnTheFirstRowOnly() {
    List<Row> out = run(
        in(1, "JPN", "MYS", "country", 20, null, false),
        in(1, "JPN", "CHN", "country", 60, 6.0, false),
        in(1, "JPN", "AUS", "country", 10, 1.0, false),
        in(1, "JPN", "VNM", "country", 10, 1.0, false),
        in(1, "JPN", "W00", "world", 120, 12.0, true));
    Row first = out.get(0);
    int a = 13; // keys (5), partner, kind, value, weight, world, row, share_value, share_weight
    assertThat(first.getString(5)).isEqualTo("CHN");
    List<Double> product = first.getList(a);
    assertThat(product.get(Exposure.PRODUCT_AGGREGATES.indexOf(Exposure.TOTAL_VALUE))).isEqualTo(100.0);
    assertThat(product.get(Exposure.PRODUCT_AGGREGATES.indexOf(Exposure.TOTAL_WEIGHT))).isEqualTo(8.0);
    assertThat(product.get(Exposure.PRODUCT_AGGREGATES.indexOf(Exposure.SUPPLIERS))).isEqualTo(4.0);
    assertThat(product.get(Exposure.PRODUCT_AGGREGATES.indexOf(Exposure.WEIGHTLESS))).isEqualTo(1.0);
    assertThat(product.get(Exposure.PRODUCT_AGGREGATES.indexOf(Exposure.SUM_SQ_VALUE))).isEqualTo(4200.0);
    // Top 3: CHN, MYS, then AUS before VNM on the tie.
    assertThat(product.get(Exposure.PRODUCT_AGGREGATES.indexOf(Exposure.TOP3_VALUE))).isEqualTo(90.0);
    assertThat(product.get(Exposure.PRODUCT_AGGREGATES.indexOf(Exposure.FOCUS_VALUE))).isEqualTo(60.0);
    assertThat(product.get(Exposure.PRODUCT_AGGREGATES.indexOf(Exposure.WORLD_VALUE))).isEqualTo(120.0);
    assertThat(product.get(Exposure.PRODUCT_AGGREGATES.indexOf(Exposure.SHARE_SUM)))
        .isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(out.subList(1, out.size())).allSatisfy(r -> assertThat(r.isNullAt(a)).isTrue());
    assertThat(out).extracting(r -> r.getString(5)).containsExactly("CHN", "MYS", "AUS", "VNM", "W00");
  }

  /**
   * A partner's rows tied on value are summed in the same order whatever order the shuffle hands
   * them over in (it differs between runs, and between the two passes that write the two exposure
   * tables): weights whose sum depends on that order give one result.
   */
  @Test
  void rowsTiedOnValueSumTheirWeightsInOneOrder() {
    Row big = in(5, "JPN", "CHN", "country", 1, 1e16, false);
    Row small = in(5, "JPN", "CHN", "country", 1, 1.0, false);
    Row other = in(5, "JPN", "MYS", "country", 1, 3.0, false);
    // In floating point (1e16 + 1) + 1 is 1e16, while (1 + 1) + 1e16 is 1e16 + 2.
    assertThat((1e16 + 1.0) + 1.0).isNotEqualTo((1.0 + 1.0) + 1e16);
    List<List<Row>> outs = new ArrayList<>();
    for (Row[] order : List.of(new Row[] {big, small, small, other}, new Row[] {small, big, small, other},
        new Row[] {small, small, big, other}, new Row[] {other, small, big, small})) {
      outs.add(run(order));
    }
    assertThat(outs).allSatisfy(o -> assertThat(o).containsExactlyElementsOf(outs.get(0)));
    assertThat(outs.get(0).get(0).getString(5)).isEqualTo("CHN");
    assertThat(outs.get(0).get(0).getDouble(8)).isEqualTo((1.0 + 1.0) + 1e16); // ascending weights
  }
}
