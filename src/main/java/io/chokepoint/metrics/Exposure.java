package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.error.UsageException;
import io.chokepoint.reference.PartnerKind;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one partitioned pass that both exposure tables are projected from: {@link SupplierShares#of}
 * and {@link Concentration#of}.
 *
 * <p>Input: canonical trade rows in scope, with the product column {@code productKey}. Rows whose
 * partner is a country or nes (and not the reporter itself) are suppliers; World rows are kept
 * for {@code world_reported_value_usd}; aggregates are dropped. The rows are shuffled once by
 * product key (year, month, reporter_iso3, flow, product) and sorted once; {@link ProductGroups}
 * then sums each product's rows per partner (in a fixed order, so re-runs, and the two passes
 * that write the two tables, give identical doubles),
 * ranks suppliers (by value descending, ties by partner; World rows after them) and computes every
 * product figure in one pass over the group.
 * (A Spark window over the same sort evaluates its aggregates row by row, uncompiled: 13.3 s
 * against 4.6 s for 2M rows.)
 * The pass runs on Spark's internal rows ({@link SparkCompat#internalRowsAsQuery}): with Spark's
 * adaptive execution (its default) the shuffle's map side runs when this is called, as a query of
 * its own whose observations on {@code flows} are then reported (the sort is planned after it;
 * without adaptive execution the map side runs in the first query over the result), the sort and the
 * pass each time a query over the result runs; those queries reuse the one shuffle.
 *
 * <p>Output, one row per product and partner: the keys, partner_iso3, partner_kind, value_usd,
 * net_weight_kg (null when any of the partner's rows lacks a weight), {@link #WORLD} (true for
 * the World row), {@link #ROW} (1 = the product's first row: its largest supplier, or its World
 * row when it has no supplier; for suppliers it is their rank), share_value (null when the
 * product's total is 0, and for World rows), share_weight (null when this partner's weight is
 * null or the total of known weights is 0), and {@link #PRODUCT}: on the first row only (null
 * elsewhere, so the other rows cost one null, not thirteen), the array of product aggregates over
 * suppliers, read by name with {@link #aggregate}:
 * {@link #TOTAL_VALUE}, {@link #TOTAL_WEIGHT} (known weights), {@link #SUPPLIERS},
 * {@link #SUPPLIERS_WITH_VALUE}, {@link #WEIGHTLESS}, {@link #SUM_SQ_VALUE}, {@link #SUM_SQ_WEIGHT},
 * {@link #TOP3_VALUE}, {@link #FOCUS_VALUE}, {@link #FOCUS_WEIGHT}, {@link #FOCUS_ROWS},
 * {@link #WORLD_VALUE} (sum of World rows, null without one) and {@link #SHARE_SUM} (the sum of the
 * value shares, for the data checks). Sums over no rows are null.
 */
public final class Exposure {
  public static final String WORLD = "_world";
  /** The product aggregates, in {@link #PRODUCT_AGGREGATES} order; null except on the first row. */
  public static final String PRODUCT = "_product";
  public static final String ROW = "_row";
  public static final String TOTAL_VALUE = "_total_value";
  public static final String TOTAL_WEIGHT = "_total_weight";
  public static final String SUPPLIERS = "_suppliers";
  public static final String SUPPLIERS_WITH_VALUE = "_suppliers_with_value";
  public static final String WEIGHTLESS = "_weightless";
  public static final String SUM_SQ_VALUE = "_sum_sq_value";
  public static final String SUM_SQ_WEIGHT = "_sum_sq_weight";
  public static final String TOP3_VALUE = "_top3_value";
  public static final String FOCUS_VALUE = "_focus_value";
  public static final String FOCUS_WEIGHT = "_focus_weight";
  public static final String FOCUS_ROWS = "_focus_rows";
  public static final String WORLD_VALUE = "_world_value";
  public static final String SHARE_SUM = "_share_sum";
  private static final String HASH = "_product_hash";

  private Exposure() {}

  /**
   * Which form of the pass a run uses: Spark conf {@value #PASS_CONF} = {@code rows} (the default:
   * this class, custom code on Spark's internal rows) or {@code aggregates} ({@link ExposureAggregates}:
   * Spark SQL aggregates, a window and joins, which an accelerator such as Comet can run natively).
   * Both give the same rows (doubles within 1e-12 relative: see {@link ExposureAggregates}). Rows is
   * the default with and without Comet because it is measured faster with both (docs/accelerator.md).
   */
  public static boolean aggregatesPass(SparkSession spark) {
    String pass = spark.conf().get(PASS_CONF, "rows");
    return switch (pass) {
      case "rows" -> false;
      case "aggregates" -> true;
      default -> throw new UsageException(PASS_CONF + " must be rows or aggregates, not '" + pass + "'");
    };
  }

  /** The Spark conf that picks the form of the pass ({@link #aggregatesPass}). */
  public static final String PASS_CONF = "spark.chokepoint.exposurePass";

  public static Dataset<Row> compute(Dataset<Row> flows, String productKey, String focusSupplier) {
    List<String> keys = SupplierShares.keys(productKey);
    Column[] keyCols = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    Column kind = col(TradeColumns.PARTNER_KIND);
    Column supplier = kind.isin(PartnerKind.SUPPLIERS.toArray())
        .and(col(TradeColumns.PARTNER).notEqual(col(TradeColumns.REPORTER)));
    Column world = kind.equalTo(PartnerKind.WORLD);

    List<Column> in = new ArrayList<>(List.of(xxhash64(keyCols).as(HASH)));
    in.addAll(List.of(keyCols));
    in.addAll(List.of(col(TradeColumns.PARTNER), kind, col(TradeColumns.VALUE_USD), col(TradeColumns.NET_WEIGHT_KG),
        world.as(WORLD)));
    // One shuffle by a 64-bit hash of the product key, then a sort by that hash alone: a single
    // long sorts by radix, far faster than comparing the key's strings (measured at 20M rows). A
    // product's rows are then adjacent; ProductGroups separates the rare products whose hashes
    // collide by comparing their keys.
    Dataset<Row> grouped = flows.where(supplier.or(world))
        .select(in.toArray(Column[]::new))
        .repartition(col(HASH))
        .sortWithinPartitions(col(HASH));
    DataType[] keyTypes = new DataType[keys.size()];
    for (int i = 0; i < keyTypes.length; i++) {
      keyTypes[i] = grouped.schema().fields()[1 + i].dataType();
    }
    JavaRDD<InternalRow> products = SparkCompat.internalRowsAsQuery(grouped, "exposure map side").toJavaRDD()
        .mapPartitions(new ProductGroups(keyTypes, focusSupplier));
    return SparkCompat.fromInternalRows(grouped.sparkSession(), products.rdd(), schema(grouped.schema(), keys.size()));
  }

  /** The output schema of {@link ProductGroups} for its input schema {@code in}. */
  static StructType schema(StructType in, int keyCount) {
    StructType out = new StructType();
    for (int i = 1; i <= keyCount; i++) {
      out = out.add(in.fields()[i]);
    }
    out = out.add(TradeColumns.PARTNER, DataTypes.StringType)
        .add(TradeColumns.PARTNER_KIND, DataTypes.StringType)
        .add(TradeColumns.VALUE_USD, DataTypes.DoubleType)
        .add(TradeColumns.NET_WEIGHT_KG, DataTypes.DoubleType)
        .add(WORLD, DataTypes.BooleanType, false)
        .add(ROW, DataTypes.IntegerType, false)
        .add(ExposureColumns.SHARE_VALUE, DataTypes.DoubleType)
        .add(ExposureColumns.SHARE_WEIGHT, DataTypes.DoubleType)
        .add(PRODUCT, DataTypes.createArrayType(DataTypes.DoubleType, true));
    return out;
  }

  private static final List<String> COUNTS = List.of(SUPPLIERS, SUPPLIERS_WITH_VALUE, WEIGHTLESS, FOCUS_ROWS);

  /** One product aggregate of an {@link #compute} row by name: a count as long, else a double. */
  public static Column aggregate(String name) {
    int i = PRODUCT_AGGREGATES.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("not a product aggregate: " + name);
    }
    Column v = col(PRODUCT).getItem(i);
    return COUNTS.contains(name) ? v.cast(DataTypes.LongType) : v;
  }

  /** The order of the {@link #PRODUCT} array, as {@link ProductGroups} fills it. */
  static final List<String> PRODUCT_AGGREGATES = List.of(TOTAL_VALUE, TOTAL_WEIGHT, SUPPLIERS,
      SUPPLIERS_WITH_VALUE, WEIGHTLESS, SUM_SQ_VALUE, SUM_SQ_WEIGHT, TOP3_VALUE, FOCUS_VALUE, FOCUS_WEIGHT, FOCUS_ROWS,
      WORLD_VALUE, SHARE_SUM);
}
