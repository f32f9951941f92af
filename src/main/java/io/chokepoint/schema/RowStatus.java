package io.chokepoint.schema;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Bookkeeping columns every ingested row carries until publish, so that rows read = used +
 * rejected + filtered can be counted from one pass.
 */
public final class RowStatus {
  /** Why the row cannot be used (malformed); null when it parsed. */
  public static final String REJECT_REASON = "_reject_reason";
  /** Why a parsed row is outside the job's scope; null when in scope. */
  public static final String FILTER_REASON = "_filter_reason";
  /** The input record as read, for rows that are rejected. */
  public static final String RAW = "_raw";
  /** The file the row came from. */
  public static final String SOURCE_FILE = "_source_file";
  /** The line in the source file, where the reader knows it (driver-side readers); optional. */
  public static final String LINE = "_line";
  /** {@link #USED}, {@link #REJECTED} or {@link #FILTERED}. */
  public static final String STATUS = "_status";

  public static final String USED = "used";
  public static final String REJECTED = "rejected";
  public static final String FILTERED = "filtered";

  private RowStatus() {}

  /** Every bookkeeping column, to drop before a table is published. */
  public static final String[] ALL = {REJECT_REASON, FILTER_REASON, RAW, SOURCE_FILE, STATUS, LINE};

  /** {@link #STATUS} from the two reason columns: a reject reason wins over a filter reason. */
  public static Column derive() {
    return when(col(REJECT_REASON).isNotNull(), lit(REJECTED))
        .when(col(FILTER_REASON).isNotNull(), lit(FILTERED))
        .otherwise(lit(USED));
  }
}
