package io.chokepoint.quality;

import io.chokepoint.schema.RowStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A few rows that made a check fail, named by their keys, for the check's detail. Each call is one
 * Spark job with a {@value #LIMIT}-row limit: call it only once a check has failed, so a passing
 * run pays nothing for it.
 */
public final class Examples {
  /** At most this many offending rows are named. */
  public static final int LIMIT = 5;
  /** At most this many key columns name a row. */
  static final int MAX_KEYS = 6;
  /** At most this many characters of one value are shown. */
  static final int MAX_VALUE = 40;

  private Examples() {}

  /**
   * {@code "e.g. k=v k=v; k=v k=v"}: up to {@value #LIMIT} rows of {@code rows} where
   * {@code offending} holds, each named by {@code columns}; empty when no row matches.
   */
  public static String of(Dataset<Row> rows, Column offending, List<String> columns) {
    return of(rows, offending, columns, true);
  }

  private static String of(Dataset<Row> rows, Column offending, List<String> columns, boolean nulls) {
    if (columns.isEmpty()) {
      return "";
    }
    List<Row> found = rows.where(offending).select(columns.stream().map(rows::col).toArray(Column[]::new))
        .limit(LIMIT).collectAsList();
    List<String> shown = new ArrayList<>();
    for (Row r : found) {
      List<String> kv = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        if (nulls || !r.isNullAt(i)) {
          kv.add(label(columns.get(i)) + "=" + value(r.get(i), limit(columns.get(i))));
        }
      }
      shown.add(String.join(" ", kv));
    }
    return shown.isEmpty() ? "" : "e.g. " + String.join("; ", shown);
  }

  /**
   * The columns that name a row of {@code rows}: its first {@value #MAX_KEYS} text, integer and
   * date columns (not its amounts), bookkeeping columns and kinds ({@code partner_kind} …) left out.
   */
  public static List<String> keys(Dataset<Row> rows) {
    List<String> keys = new ArrayList<>();
    List<String> bookkeeping = List.of(RowStatus.ALL);
    for (StructField f : rows.schema().fields()) {
      DataType t = f.dataType();
      boolean key = t.equals(DataTypes.StringType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType)
          || t.equals(DataTypes.ShortType) || t.equals(DataTypes.DateType);
      if (key && !bookkeeping.contains(f.name()) && !f.name().endsWith("_kind") && keys.size() < MAX_KEYS) {
        keys.add(f.name());
      }
    }
    return keys;
  }

  /**
   * The rejected rows of an ingested Dataset: file, line (where the reader knows it), reason and
   * the row's keys as far as they parsed (null keys left out).
   */
  public static String rejected(Dataset<Row> ingested) {
    List<String> cols = new ArrayList<>(List.of(RowStatus.SOURCE_FILE));
    if (List.of(ingested.columns()).contains(RowStatus.LINE)) {
      cols.add(RowStatus.LINE);
    }
    cols.add(RowStatus.REJECT_REASON);
    cols.addAll(keys(ingested));
    return of(ingested, ingested.col(RowStatus.STATUS).equalTo(RowStatus.REJECTED), cols, false);
  }

  private static String label(String column) {
    return switch (column) {
      case RowStatus.SOURCE_FILE -> "file";
      case RowStatus.LINE -> "line";
      case RowStatus.REJECT_REASON -> "reason";
      default -> column;
    };
  }

  /** A file is named whole; a reason is a sentence; any other value is a key. */
  private static int limit(String column) {
    return switch (column) {
      case RowStatus.SOURCE_FILE -> 4 * MAX_VALUE * 2;
      case RowStatus.REJECT_REASON -> 2 * MAX_VALUE;
      default -> MAX_VALUE;
    };
  }

  /** A value on one line: control characters as '?', at most {@code max} characters. */
  static String value(Object v, int max) {
    if (v == null) {
      return "null";
    }
    String s = String.valueOf(v);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    String shown = b.toString();
    if (s.length() > max) {
      shown += "…";
    }
    return shown.contains(" ") ? "'" + shown + "'" : shown;
  }
}
