package io.chokepoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chokepoint.error.InputException;
import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RowStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export-control events table is parsed on the driver: damage costs a row, never the file. */
class ExportControlsReaderTest {
  static final Countries COUNTRIES = Countries.load(null, new Configuration());
  static final String HEADER = "date,imposing_iso3,target,product_groups,measure,source\n";
  static final String BAN = "2010-09-07,CHN,JPN,rare_earths,ban,embargo\n";
  static final String LICENCE = "2023-08-01,CHN,ALL,gallium_germanium,licence,\"MOFCOM 23, 2023\"\n";

  @TempDir Path tmp;

  List<Row> parse(String text) throws Exception {
    Path f = tmp.resolve("events.csv");
    Files.writeString(f, text);
    return ExportControlsReader.parse(f.toString(), new Configuration(), COUNTRIES);
  }

  /** Rows come without a schema (they become a Dataset later): columns by their place in it. */
  @SuppressWarnings("unchecked")
  static <T> T get(Row r, String column) {
    return (T) r.get(ExportControlsReader.SCHEMA.fieldIndex(column));
  }

  static Long getLong(Row r, String column) {
    return get(r, column);
  }

  static String getString(Row r, String column) {
    return get(r, column);
  }

  static String status(Row r) {
    return get(r, RowStatus.STATUS);
  }

  @Test
  void blankLinesAreSkippedAndLinesStayTrue() throws Exception {
    List<Row> rows = parse(HEADER + "\n" + BAN + "\n  \n" + LICENCE + "\n");
    assertThat(rows).extracting(ExportControlsReaderTest::status).containsExactly(RowStatus.USED, RowStatus.USED);
    assertThat(rows).extracting(r -> getLong(r, RowStatus.LINE)).containsExactly(3L, 6L);
  }

  @Test
  void aShortOrLongRowIsARejectWithItsLine() throws Exception {
    List<Row> rows = parse(HEADER + BAN + "2025-04-04,CHN,ALL,rare_earths,licence\n" + LICENCE
        + "2025-10-09,CHN,ALL,rare_earths,licence,x,extra\n");
    assertThat(rows).extracting(ExportControlsReaderTest::status)
        .containsExactly(RowStatus.USED, RowStatus.REJECTED, RowStatus.USED, RowStatus.REJECTED);
    Row shortRow = rows.get(1);
    assertThat(getString(shortRow, RowStatus.REJECT_REASON)).isEqualTo("5 fields, header has 6");
    assertThat(getLong(shortRow, RowStatus.LINE)).isEqualTo(3L);
    assertThat(getString(shortRow, RowStatus.RAW)).isEqualTo("2025-04-04,CHN,ALL,rare_earths,licence");
    assertThat(getString(rows.get(3), RowStatus.REJECT_REASON)).isEqualTo("7 fields, header has 6");
    assertThat(getLong(rows.get(3), RowStatus.LINE)).isEqualTo(5L);
  }

  @Test
  void anUnbalancedQuoteStopsTheFileNamingItAndTheLine() throws Exception {
    assertThatThrownBy(() -> parse(HEADER + BAN + "2023-08-01,CHN,ALL,gallium_germanium,licence,\"MOFCOM 23\n"
        + LICENCE))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(tmp.resolve("events.csv").toString())
        .hasMessageContaining("line 3")
        .hasMessageContaining("quote");
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsIgnored() throws Exception {
    assertThat(parse("\uFEFF" + HEADER + BAN)).extracting(ExportControlsReaderTest::status)
        .containsExactly(RowStatus.USED);
  }

  /**
   * Files concatenated with their headers: a line that repeats the header (with a byte order mark,
   * spaces or a trailing empty field) is no record, as in the CSV readers, so it is neither counted
   * as read nor rejected.
   */
  @Test
  void aRepeatedHeaderLineIsNoRecord() throws Exception {
    List<Row> rows = parse(HEADER + BAN + HEADER + "\uFEFF" + HEADER.replace(",", " , ") + LICENCE
        + HEADER.replace("\n", ",\n"));
    assertThat(rows).extracting(ExportControlsReaderTest::status).containsExactly(RowStatus.USED, RowStatus.USED);
    assertThat(rows).extracting(r -> getLong(r, RowStatus.LINE)).containsExactly(2L, 5L);
  }
}
