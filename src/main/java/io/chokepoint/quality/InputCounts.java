package io.chokepoint.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;

import io.chokepoint.schema.RowStatus;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows read, used, rejected and filtered for one input, with filtered and rejected rows counted by
 * reason (a reject reason without the quoted value, e.g. "unknown partner code"). Read = used +
 * rejected + filtered holds by construction: every row read carries exactly one status.
 */
public record InputCounts(String input, long read, long used, long rejected, long filtered,
    Map<String, Long> filteredByReason, Map<String, Long> rejectedByReason) {

  /** Counts a Dataset that carries {@link RowStatus#STATUS} and both reason columns, in one pass. */
  public static InputCounts of(String input, Dataset<Row> rows) {
    Dataset<Row> byReason = rows
        .select(col(RowStatus.STATUS),
            coalesce(regexp_replace(col(RowStatus.REJECT_REASON), " '.*'$", ""), col(RowStatus.FILTER_REASON), lit(""))
                .as("reason"))
        .groupBy(RowStatus.STATUS, "reason").count();
    long used = 0;
    long rejected = 0;
    long filtered = 0;
    Map<String, Long> filteredBy = new TreeMap<>();
    Map<String, Long> rejectedBy = new TreeMap<>();
    for (Row r : byReason.collectAsList()) {
      long n = r.getLong(2);
      switch (r.getString(0)) {
        case RowStatus.USED -> used += n;
        case RowStatus.REJECTED -> {
          rejected += n;
          rejectedBy.merge(r.getString(1), n, Long::sum);
        }
        default -> {
          filtered += n;
          filteredBy.merge(r.getString(1), n, Long::sum);
        }
      }
    }
    return new InputCounts(input, used + rejected + filtered, used, rejected, filtered, filteredBy, rejectedBy);
  }

  public double rejectRatio() {
    return read == 0 ? 0 : (double) rejected / read;
  }

  /** Error: rejected / read must not exceed {@code maxRatio}. */
  public Check rejectRatioCheck(double maxRatio) {
    return Check.error(input + ".reject_ratio", rejectRatio() <= maxRatio, rejectRatio(),
        rejected + " of " + read + " rows rejected; quality.max_reject_ratio is " + maxRatio);
  }

  /** Warning: an input with no usable rows is almost always a scoping mistake. */
  public Check usedRowsCheck() {
    return Check.warning(input + ".rows_used", used > 0, used, used + " rows in scope of " + read + " read");
  }
}
