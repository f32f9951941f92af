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
import java.util.stream.Collectors;
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
    Map<String, Long> filteredByReason, Map<String, Long> rejectedByReason, Map<String, Long> rejectedByFile,
    Map<String, Map<String, Long>> rejectedByFileAndReason) {
  /** At most this many reasons are named for the file with the most rejects. */
  static final int TOP_REASONS = 3;

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
    long filtered = 0;
    Map<String, Long> filteredBy = new TreeMap<>();
    Rejected rejected = new Rejected();
    for (Row r : byReason.collectAsList()) {
      long n = r.getLong(3);
      switch (r.getString(0)) {
        case RowStatus.USED -> used += n;
        case RowStatus.REJECTED -> rejected.add(r.getString(1), String.valueOf(r.getString(2)), n);
        default -> {
          filtered += n;
          filteredBy.merge(r.getString(1), n, Long::sum);
        }
      }
    }
    return rejected.counts(input, read, used, filtered, filteredBy);
  }

  /** A reject reason without the value it quotes ("unknown partner code 'XX'" is "unknown partner code"). */
  static Column reasonKey(Column reason) {
    return regexp_replace(reason, " '.*'$", "");
  }

  /**
   * Counts of one input whose used and filtered rows were counted as they streamed by, and whose
   * rejected rows are those of {@code rejects} (the rejects table's rows of this input, counted here
   * by reason and file; null when there are none).
   */
  public static InputCounts of(String input, long read, long used, Map<String, Long> filteredByReason,
      Dataset<Row> rejects) {
    Rejected rejected = new Rejected();
    if (rejects != null) {
      for (Row r : rejects.groupBy(reasonKey(col("reason")).as("reason"), col("source_file")).count().collectAsList()) {
        rejected.add(r.getString(0), String.valueOf(r.getString(1)), r.getLong(2));
      }
    }
    return rejected.counts(input, read, used, filteredByReason.values().stream().mapToLong(Long::longValue).sum(),
        filteredByReason);
  }

  /** Rejected rows counted by reason, by file and by both, as counts are added. */
  private static final class Rejected {
    private long total;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> byFile = new TreeMap<>();
    private final Map<String, Map<String, Long>> byFileAndReason = new TreeMap<>();

    void add(String reason, String file, long n) {
      total += n;
      byReason.merge(reason, n, Long::sum);
      byFile.merge(file, n, Long::sum);
      byFileAndReason.computeIfAbsent(file, f -> new TreeMap<>()).merge(reason, n, Long::sum);
    }

    InputCounts counts(String input, long read, long used, long filtered, Map<String, Long> filteredBy) {
      return new InputCounts(input, read, used, total, filtered, filteredBy, byReason, byFile, byFileAndReason);
    }
  }

  public double rejectRatio() {
    return read == 0 ? 0 : (double) rejected / read;
  }

  /** Error: rejected / read must not exceed {@code maxRatio}; the detail names the files and reasons. */
  public Check rejectRatioCheck(double maxRatio) {
    return rejectRatioCheck(maxRatio, null);
  }

  /**
   * The same; when it fails, the detail also names the file with the most rejects with its top
   * reasons and a few rejected rows of {@code ingested} (file, line, reason, keys): one limited
   * Spark job, run only on failure.
   */
  public Check rejectRatioCheck(double maxRatio, Dataset<Row> ingested) {
    boolean passed = rejectRatio() <= maxRatio;
    String detail = rejected + " of " + read + " rows rejected (quality.max_reject_ratio is " + maxRatio + ")";
    if (rejected > 0) {
      if (!passed) {
        detail += "; most in " + worstFile();
      }
      detail += "; by file " + rejectedByFile + "; by reason " + rejectedByReason;
      if (!passed && ingested != null) {
        String e = Examples.rejected(ingested);
        detail += e.isEmpty() ? "" : "; " + e;
      }
      detail += " (the rows are in the rejects table)";
    }
    return Check.error(input + ".reject_ratio", passed, rejectRatio(), "<= " + maxRatio, detail);
  }

  /** The file with the most rejects, its count and its {@value #TOP_REASONS} most common reasons. */
  String worstFile() {
    Map.Entry<String, Long> worst = rejectedByFile.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    String reasons = rejectedByFileAndReason.getOrDefault(worst.getKey(), Map.of()).entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP_REASONS)
        .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    return worst.getKey() + " (" + worst.getValue() + " rows: " + reasons + ")";
  }

  /** Error: every row the files hold is used, rejected or filtered, exactly once. */
  public Check accountedCheck() {
    return accountedCheck(List.of());
  }

  /** The same; when it fails, the detail names the input's {@code files} (the first few). */
  public Check accountedCheck(List<String> files) {
    long sum = used + rejected + filtered;
    return Check.error(input + ".rows_accounted", sum == read, sum, "= " + read,
        "rows used + rejected + filtered against the rows the files hold (" + read + ")"
            + (sum == read || files.isEmpty() ? "" : " in inputs." + input + " " + files(files)
            + ": a row lost or counted twice between reading and classifying"));
  }

  /** Warning: an input with no usable rows is almost always a scoping mistake. */
  public Check usedRowsCheck() {
    return usedRowsCheck(List.of());
  }

  /** The same; when it fails, the detail names the input's {@code files} and why rows were filtered. */
  public Check usedRowsCheck(List<String> files) {
    return Check.warning(input + ".rows_used", used > 0, used, "> 0", used + " rows in scope of " + read + " read"
        + (used > 0 || files.isEmpty() ? "" : " in inputs." + input + " " + files(files)
        + (filteredByReason.isEmpty() ? "" : "; filtered by reason " + filteredByReason)));
  }

  /** At most this many files are named. */
  static final int MAX_FILES = 3;

  /** {@code (a, b, c, … 2 more)}. */
  public static String files(List<String> files) {
    return "(" + String.join(", ", files.stream().limit(MAX_FILES).toList())
        + (files.size() > MAX_FILES ? ", … " + (files.size() - MAX_FILES) + " more" : "") + ")";
  }
}
