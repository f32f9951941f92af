package io.chokepoint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an input lands, for every combination of what decides it: a table, no Spark. */
class IngestModeTest {
  @ParameterizedTest(name = "parquetOnly={0} soleReader={1} ownerLands={2} landingPublished={3} -> {4}")
  @CsvSource({
      // CSV (or any text) input: straight only for a sole reader that lands it, else every row to a work table
      "false, false, false, false, ALL_TO_WORK",
      "false, false, false, true,  ALL_TO_WORK",
      "false, false, true,  false, ALL_TO_WORK",
      "false, false, true,  true,  ALL_TO_WORK",
      "false, true,  false, false, ALL_TO_WORK",
      "false, true,  false, true,  ALL_TO_WORK",
      "false, true,  true,  false, STRAIGHT_TO_WORK",
      "false, true,  true,  true,  STRAIGHT_TO_TABLE",
      // Parquet only: copied only into a published table; else read in place
      "true,  false, false, false, IN_PLACE_COUNTED",
      "true,  false, false, true,  IN_PLACE_COUNTED",
      "true,  false, true,  false, IN_PLACE_COUNTED",
      "true,  false, true,  true,  IN_PLACE_COUNTED",
      "true,  true,  false, false, IN_PLACE_COUNTED",
      "true,  true,  false, true,  IN_PLACE_COUNTED",
      "true,  true,  true,  false, IN_PLACE_OBSERVED",
      "true,  true,  true,  true,  STRAIGHT_TO_TABLE",
  })
  void decidedByFilesReadersAndLanding(boolean parquetOnly, boolean soleReader, boolean ownerLands,
      boolean landingPublished, IngestMode expected) {
    assertThat(IngestMode.of(parquetOnly, soleReader, ownerLands, landingPublished)).isEqualTo(expected);
  }
}
