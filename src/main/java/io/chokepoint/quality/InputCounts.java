package io.chokepoint.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.schema.RowStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows read, used, rejected and filtered for one input, with filtered and rejected rows counted by
 * reason (a reject reason without the quoted value, e.g. "unknown partner code") and rejected rows
 * by file. {@code read} is counted from the files themselves (their records, times the rows each
 * record becomes), independently of the statuses, so {@link #accountedCheck} fails when a row is
 * lost or counted twice.
 */
public record InputCounts(String input, long read, long used, long rejected, long filtered,
    Map<String, Long> filteredByReason, Map<String, Long> rejectedByReason, Map<String, Long> rejectedByFile) {

  /**
   * Counts a Dataset that carries {@link RowStatus#STATUS}, both reason columns and
   * {@link RowStatus#SOURCE_FILE}, in one pass; {@code read} is the files' own row count.
   */
  public static InputCounts of(String input, long read, Dataset<Row> rows) {
    Dataset<Row> byReason = rows
        .select(col(RowStatus.STATUS),
            coalesce(reasonKey(col(RowStatus.REJECT_REASON)), col(RowStatus.FILTER_REASON), lit("")).as("reason"),
            when(col(RowStatus.STATUS).equalTo(RowStatus.REJECTED), col(RowStatus.SOURCE_FILE)).as("file"))
        .groupBy(RowStatus.STATUS, "reason", "file").count();
    long used = 0;
    long rejected = 0;
    long filtered = 0;
    Map<String, Long> filteredBy = new TreeMap<>();
    Map<String, Long> rejectedBy = new TreeMap<>();
    Map<String, Long> byFile = new TreeMap<>();
    for (Row r : byReason.collectAsList()) {
      long n = r.getLong(3);
      switch (r.getString(0)) {
        case RowStatus.USED -> used += n;
        case RowStatus.REJECTED -> {
          rejected += n;
          rejectedBy.merge(r.getString(1), n, Long::sum);
          byFile.merge(String.valueOf(r.getString(2)), n, Long::sum);
        }
        default -> {
          filtered += n;
          filteredBy.merge(r.getString(1), n, Long::sum);
        }
      }
    }
    return new InputCounts(input, read, used, rejected, filtered, filteredBy, rejectedBy, byFile);
  }

  /** A reject reason without the value it quotes ("unknown partner code 'XX'" is "unknown partner code"). */
  static Column reasonKey(Column reason) {
    return regexp_replace(reason, " '.*'$", "");
  }

  /**
   * Rows of the {@code rejects} table (of one input) counted by reason (without the quoted value)
   * and source file: rows of reason, source_file, count.
   */
  public static List<Row> byReasonAndFile(Dataset<Row> rejects) {
    return rejects.groupBy(reasonKey(col("reason")).as("reason"), col("source_file")).count().collectAsList();
  }

  public double rejectRatio() {
    return read == 0 ? 0 : (double) rejected / read;
  }

  /** Error: rejected / read must not exceed {@code maxRatio}; the detail names the files and reasons. */
  public Check rejectRatioCheck(double maxRatio) {
    return Check.error(input + ".reject_ratio", rejectRatio() <= maxRatio, rejectRatio(), "<= " + maxRatio,
        rejected + " of " + read + " rows rejected (quality.max_reject_ratio is " + maxRatio + ")"
            + (rejected == 0 ? "" : "; by file " + rejectedByFile + "; by reason " + rejectedByReason
            + " (the rows are in the rejects table)"));
  }

  /** Error: every row the files hold is used, rejected or filtered, exactly once. */
  public Check accountedCheck() {
    long sum = used + rejected + filtered;
    return Check.error(input + ".rows_accounted", sum == read, sum, "= " + read,
        "rows used + rejected + filtered against the rows the files hold (" + read + ")");
  }

  /** Warning: an input with no usable rows is almost always a scoping mistake. */
  public Check usedRowsCheck() {
    return Check.warning(input + ".rows_used", used > 0, used, "> 0", used + " rows in scope of " + read + " read");
  }
}
