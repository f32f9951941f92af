package io.chokepoint.quality;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.metrics.Exposure;
import io.chokepoint.schema.ExposureColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Error-level checks on the exposure outputs: shares in [0, 1], value shares of every product sum
 * to 1 within {@value #SUM_TOLERANCE}, HHI in [0, 10,000], no null keys; a Warning when a
 * product's bilateral sum exceeds its reported World row by more than 10%. Counts the
 * offending rows of the {@link Exposure#compute} rows both tables are projected from and of the
 * concentration table, either by reading them (one scan each) or from counts observed while the
 * tables were written (the exposure rows' counts beneath the supplier_shares write, before it
 * drops the World rows). The examples of a failed check query the rows again: for the exposure
 * rows, that runs their sort and pass once more.
 */
public final class ExposureChecks {
  public static final double SUM_TOLERANCE = 1e-9;
  /** A bilateral sum this far above the reported World row is worth a warning. */
  public static final double MAX_BILATERAL_TO_WORLD = 1.1;

  private ExposureChecks() {}

  public static List<Check> run(Dataset<Row> exposure, Dataset<Row> concentration, List<String> keys) {
    return run(exposure, concentration, keys, null);
  }

  /**
   * The same; a check that fails names {@code source} (the input and its files) and a few
   * offending rows by {@code keys} (one limited Spark job per failed check, none when all pass).
   */
  public static List<Check> run(Dataset<Row> exposure, Dataset<Row> concentration, List<String> keys,
      String source) {
    return run(exposure, concentration, keys, source, aggregate(exposure, exposureMetrics(keys)),
        aggregate(concentration, concentrationMetrics(keys)));
  }

  /**
   * The checks from counts already taken: {@code exposureCounts} of {@link #exposureMetrics} over
   * the {@link Exposure#compute} rows and {@code concentrationCounts} of
   * {@link #concentrationMetrics} over the concentration table (e.g. observed while the tables were
   * written, so that neither is read again unless a check fails).
   */
  public static List<Check> run(Dataset<Row> exposure, Dataset<Row> concentration, List<String> keys, String source,
      Map<String, Object> exposureCounts, Map<String, Object> concentrationCounts) {
    Rules r = new Rules(keys);
    List<String> rowKeys = new ArrayList<>(keys);
    rowKeys.add(TradeColumns.PARTNER);
    List<Check> out = new ArrayList<>();
    out.add(where(Check.noneOf("supplier_shares.shares_in_range", n(exposureCounts, SHARES_OUT_OF_RANGE),
        "rows with a share outside [0, 1]"), source, exposure, r.sharesOutOfRange, rowKeys));
    out.add(where(Check.noneOf("supplier_shares.no_null_keys", n(exposureCounts, SHARE_NULL_KEYS),
        "rows with a null key"), source, exposure, r.shareNullKeys, rowKeys));
    out.add(where(Check.noneOf("supplier_shares.shares_sum_to_one", n(exposureCounts, SHARES_SUM_OFF),
        "products whose value shares do not sum to 1 within " + SUM_TOLERANCE), source, exposure, r.sumOff, keys));
    out.add(where(Check.noneOf("concentration.hhi_in_range", n(concentrationCounts, HHI_OUT_OF_RANGE),
        "rows with HHI outside [0, 10000]"), source, concentration, r.hhiOut, keys));
    out.add(where(Check.noneOf("concentration.no_null_keys", n(concentrationCounts, CONCENTRATION_NULL_KEYS),
        "rows with a null key or status"), source, concentration, r.nullKeyOrStatus, keys));
    long over = n(concentrationCounts, OVER_WORLD);
    out.add(where(Check.warning("concentration.bilateral_within_world", over == 0, over, "= 0",
        "products whose bilateral sum exceeds the reported World row by more than "
            + Math.round((MAX_BILATERAL_TO_WORLD - 1) * 100) + "% (bilateral_to_world_ratio): a partner counted twice,"
            + " or a World total that is wrong"), source, concentration, r.overWorld, keys));
    return out;
  }

  private static final String SHARES_OUT_OF_RANGE = "_check_shares_out_of_range";
  private static final String SHARE_NULL_KEYS = "_check_share_null_keys";
  private static final String SHARES_SUM_OFF = "_check_shares_sum_off";
  private static final String HHI_OUT_OF_RANGE = "_check_hhi_out_of_range";
  private static final String CONCENTRATION_NULL_KEYS = "_check_concentration_null_keys";
  private static final String OVER_WORLD = "_check_over_world";

  /** The counts the supplier-share checks need, as aggregates over {@link Exposure#compute} rows. */
  public static List<Column> exposureMetrics(List<String> keys) {
    Rules r = new Rules(keys);
    return List.of(count(when(r.sharesOutOfRange, lit(1))).as(SHARES_OUT_OF_RANGE),
        count(when(r.shareNullKeys, lit(1))).as(SHARE_NULL_KEYS),
        count(when(r.sumOff, lit(1))).as(SHARES_SUM_OFF));
  }

  /** The counts the concentration checks need, as aggregates over concentration rows. */
  public static List<Column> concentrationMetrics(List<String> keys) {
    Rules r = new Rules(keys);
    return List.of(count(when(r.hhiOut, lit(1))).as(HHI_OUT_OF_RANGE),
        count(when(r.nullKeyOrStatus, lit(1))).as(CONCENTRATION_NULL_KEYS),
        count(when(r.overWorld, lit(1))).as(OVER_WORLD));
  }

  /** The offending-row conditions, in one place for the counts and for the examples. */
  private static final class Rules {
    final Column sharesOutOfRange;
    final Column shareNullKeys;
    final Column sumOff;
    final Column hhiOut;
    final Column nullKeyOrStatus;
    final Column overWorld;

    Rules(List<String> keys) {
      Column share = col(ExposureColumns.SHARE_VALUE);
      Column shareW = col(ExposureColumns.SHARE_WEIGHT);
      Column nullKey = lit(false);
      for (String k : keys) {
        if (!k.equals(TradeColumns.MONTH)) {
          nullKey = nullKey.or(col(k).isNull());
        }
      }
      sharesOutOfRange = share.lt(0).or(share.gt(1)).or(shareW.lt(0)).or(shareW.gt(1));
      shareNullKeys = nullKey.or(col(TradeColumns.PARTNER).isNull().and(col(Exposure.WORLD).unary_$bang()));
      sumOff = abs(Exposure.aggregate(Exposure.SHARE_SUM).minus(1)).gt(SUM_TOLERANCE);
      Column hhi = col(ExposureColumns.HHI_VALUE);
      Column hhiW = col(ExposureColumns.HHI_WEIGHT);
      double eps = 10_000 * SUM_TOLERANCE;
      hhiOut = hhi.lt(0).or(hhi.gt(10_000 + eps)).or(hhiW.lt(0)).or(hhiW.gt(10_000 + eps));
      nullKeyOrStatus = nullKey.or(col(ExposureColumns.STATUS).isNull());
      overWorld = col(ExposureColumns.BILATERAL_TO_WORLD).gt(MAX_BILATERAL_TO_WORLD);
    }
  }

  private static Map<String, Object> aggregate(Dataset<Row> rows, List<Column> metrics) {
    Row r = rows.agg(metrics.get(0), metrics.subList(1, metrics.size()).toArray(Column[]::new)).first();
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < r.size(); i++) {
      m.put(r.schema().fieldNames()[i], r.get(i));
    }
    return m;
  }

  private static long n(Map<String, Object> counts, String name) {
    return ((Number) counts.get(name)).longValue();
  }

  /** A failed check's detail with where it failed: the source and a few offending rows; a passed check as it is. */
  static Check where(Check c, String source, Dataset<Row> rows, Column offending, List<String> keys) {
    if (c.passed() || source == null) {
      return c;
    }
    String e = Examples.of(rows, offending, keys);
    return new Check(c.name(), c.level(), false, c.observed(), c.threshold(),
        c.detail() + " in " + source + (e.isEmpty() ? "" : "; " + e));
  }
}
