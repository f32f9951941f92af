package io.chokepoint.pipeline;

/**
 * How {@link Run#ingest} lands one input: decided from the plan and the input's files alone, before
 * any data is read. Only the used rows land straight, so straight landing needs the owner step to be
 * the input's only reader (another reader may need the rest). Typed Parquet is cheaper to read again
 * than to copy, so a Parquet-only input is read in place unless its copy is published anyway.
 */
enum IngestMode {
  /**
   * Parquet read in place by its owner alone: the statuses are counted by the owner's first query
   * over the used rows ({@link Run#inputRead}), not by a pass of their own.
   */
  IN_PLACE_OBSERVED,
  /** The used rows written straight into the owner's published table, statuses counted as they stream by. */
  STRAIGHT_TO_TABLE,
  /** The used rows written straight into a work table of the run, statuses counted as they stream by. */
  STRAIGHT_TO_WORK,
  /** Every row, with its status, landed in a work table that each reader scopes. */
  ALL_TO_WORK,
  /** Parquet read in place by each reader; the statuses counted by a pass of their own. */
  IN_PLACE_COUNTED;

  /**
   * The mode for an input.
   *
   * @param parquetOnly every file of the input is Parquet
   * @param soleReader the owner (the step that scopes the input) is the only step of the plan reading it
   * @param ownerLands the owner publishes the input's used rows unchanged ({@link Step#landing} is present)
   * @param landingPublished that landing's table is published (ignored without a landing)
   */
  static IngestMode of(boolean parquetOnly, boolean soleReader, boolean ownerLands, boolean landingPublished) {
    if (!(soleReader && ownerLands)) {
      return parquetOnly ? IN_PLACE_COUNTED : ALL_TO_WORK;
    }
    if (landingPublished) {
      return STRAIGHT_TO_TABLE;
    }
    return parquetOnly ? IN_PLACE_OBSERVED : STRAIGHT_TO_WORK;
  }
}
