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
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Error-level checks on the exposure outputs: shares in [0, 1], value shares of every product sum
 * to 1 within {@value #SUM_TOLERANCE}, HHI in [0, 10,000], no null keys; a Warning when a
 * product's bilateral sum exceeds its reported World row by more than 10%. Reads the
 * {@link Exposure#compute} rows both tables are projected from (one scan) and the concentration
 * table (one scan).
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
    List<Check> out = new ArrayList<>();
    Column share = col(ExposureColumns.SHARE_VALUE);
    Column shareW = col(ExposureColumns.SHARE_WEIGHT);
    Column nullKey = lit(false);
    for (String k : keys) {
      if (!k.equals(TradeColumns.MONTH)) {
        nullKey = nullKey.or(col(k).isNull());
      }
    }
    Column sumOff = abs(Exposure.aggregate(Exposure.SHARE_SUM).minus(1)).gt(SUM_TOLERANCE);
    Row s = exposure.agg(
        count(when(share.lt(0).or(share.gt(1)).or(shareW.lt(0)).or(shareW.gt(1)), lit(1))),
        count(when(nullKey.or(col(TradeColumns.PARTNER).isNull().and(col(Exposure.WORLD).unary_$bang())), lit(1))),
        count(when(sumOff, lit(1)))).first();
    Column outOfRange = share.lt(0).or(share.gt(1)).or(shareW.lt(0)).or(shareW.gt(1));
    Column nullKeys = nullKey.or(col(TradeColumns.PARTNER).isNull().and(col(Exposure.WORLD).unary_$bang()));
    List<String> rowKeys = new ArrayList<>(keys);
    rowKeys.add(TradeColumns.PARTNER);
    out.add(where(Check.noneOf("supplier_shares.shares_in_range", s.getLong(0), "rows with a share outside [0, 1]"),
        source, exposure, outOfRange, rowKeys));
    out.add(where(Check.noneOf("supplier_shares.no_null_keys", s.getLong(1), "rows with a null key"),
        source, exposure, nullKeys, rowKeys));
    out.add(where(Check.noneOf("supplier_shares.shares_sum_to_one", s.getLong(2),
        "products whose value shares do not sum to 1 within " + SUM_TOLERANCE), source, exposure, sumOff, keys));

    Column hhi = col(ExposureColumns.HHI_VALUE);
    Column hhiW = col(ExposureColumns.HHI_WEIGHT);
    double eps = 10_000 * SUM_TOLERANCE;
    Column hhiOut = hhi.lt(0).or(hhi.gt(10_000 + eps)).or(hhiW.lt(0)).or(hhiW.gt(10_000 + eps));
    Column nullKeyOrStatus = nullKey.or(col(ExposureColumns.STATUS).isNull());
    Column overWorld = col(ExposureColumns.BILATERAL_TO_WORLD).gt(MAX_BILATERAL_TO_WORLD);
    Row c = concentration.agg(
        count(when(hhiOut, lit(1))),
        count(when(nullKeyOrStatus, lit(1))),
        count(when(overWorld, lit(1)))).first();
    out.add(where(Check.noneOf("concentration.hhi_in_range", c.getLong(0), "rows with HHI outside [0, 10000]"),
        source, concentration, hhiOut, keys));
    out.add(where(Check.noneOf("concentration.no_null_keys", c.getLong(1), "rows with a null key or status"),
        source, concentration, nullKeyOrStatus, keys));
    out.add(where(Check.warning("concentration.bilateral_within_world", c.getLong(2) == 0, c.getLong(2), "= 0",
        "products whose bilateral sum exceeds the reported World row by more than "
            + Math.round((MAX_BILATERAL_TO_WORLD - 1) * 100) + "% (bilateral_to_world_ratio): a partner counted twice,"
            + " or a World total that is wrong"), source, concentration, overWorld, keys));
    return out;
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
