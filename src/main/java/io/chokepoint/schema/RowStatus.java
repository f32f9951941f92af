package io.chokepoint.schema;

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
  /** {@link #USED}, {@link #REJECTED} or {@link #FILTERED}. */
  public static final String STATUS = "_status";

  public static final String USED = "used";
  public static final String REJECTED = "rejected";
  public static final String FILTERED = "filtered";

  private RowStatus() {}
}
