package io.chokepoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Inputs;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of issue #29 where one damaged row decided for a whole file and published wrong
 * numbers: the file's width inferred from a sample, its charset flipped by one bad byte, and keys
 * that do not parse taken as new products. Each is now the damaged record's own reject.
 */
class FileWideDecisionsTest extends SparkTestBase {
  @TempDir Path tmp;

  static Dataset<Row> read(Path f, String format) {
    return Inputs.read(new InputSpec("x", List.of("file:" + f), format, null)).cache();
  }

  static List<String> reasons(Dataset<Row> rows) {
    return rows.where("_reject_reason is not null").select("_reject_reason").as(Encoders.STRING()).collectAsList();
  }

  /** The header and the first {@code n} data lines of a file, as its bytes. */
  static List<String> head(String file, int n) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.ISO_8859_1);
    return new ArrayList<>(lines.subList(0, Math.min(lines.size(), n + 1)));
  }

  static Path write(Path f, List<String> lines) throws Exception {
    return Files.write(f, (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Cuts a line's last {@code fields} fields (a quoted file: each field ends at '",'). */
  static String cutShort(String line, int fields) {
    String s = line;
    for (int i = 0; i < fields; i++) {
      s = s.substring(0, s.lastIndexOf(','));
    }
    return s;
  }

  @Test
  void aComtradePlusFileWithOneRowCutShortRejectsThatRowOnly() throws Exception {
    // Every data row of Comtrade's export ends with a trailing comma (an empty 48th field).
    List<String> lines = head(Paths.realData("comtrade_api_tha_hs8542_methakanb/TradeData.csv"), 40);
    assertThat(lines.get(1)).endsWith(",");
    lines.set(7, cutShort(lines.get(7), 3));
    Dataset<Row> rows = read(write(tmp.resolve("tha.csv"), lines), Formats.COMTRADE_PLUS);
    assertThat(rows.count()).isEqualTo(40);
    assertThat(reasons(rows)).containsExactly("45 fields, header has 47");
    // A row without the trailing comma is as good as one with it; one with a value there is not.
    lines.set(7, lines.get(8).substring(0, lines.get(8).length() - 1));
    lines.set(9, lines.get(9) + "\"x\"");
    Dataset<Row> again = read(write(tmp.resolve("tha2.csv"), lines), Formats.COMTRADE_PLUS);
    assertThat(reasons(again)).containsExactly("48 fields, header has 47");
  }

  @Test
  void theSameHoldsForTheSampleFileInAnyClone() throws Exception {
    List<String> lines = head(Paths.project("sample-data/trade/comtrade_plus_rare_earths.csv"), 40);
    assertThat(lines.get(1)).endsWith(",");
    lines.set(3, cutShort(lines.get(3), 2));
    Dataset<Row> rows = read(write(tmp.resolve("plus.csv"), lines), Formats.COMTRADE_PLUS);
    assertThat(rows.count()).isEqualTo(40);
    assertThat(reasons(rows)).containsExactly("46 fields, header has 47");
  }

  @Test
  void aUsgsFileWhoseHeaderLacksAYearIsNotReadWithItsColumnsShifted() throws Exception {
    // PROD_2023 missing from the header, two rows ending with an empty notes field: these rows have
    // one field more than the header, and USGS files have no trailing delimiter, so they are
    // rejects (the 2023 figure is never published as 2024's).
    Path usgs = Files.writeString(tmp.resolve("mcs.csv"), "SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_EST_ 2024,"
        + "PROD_NOTES\nMCS2025,Tungsten,China,Mine production,metric tons,63000,67000,\n"
        + "MCS2025,Tungsten,Viet Nam,Mine production,metric tons,3500,3400,\n");
    Dataset<Row> rows = read(usgs, Formats.USGS_MCS_WORLD);
    assertThat(rows.where("_status = 'used'").count()).isZero();
    assertThat(reasons(rows)).containsOnly("8 fields, header has 7").hasSize(2);
  }

  @Test
  void oneValidMultiByteCharacterOutweighsABadByteOrThree() throws Exception {
    for (int bad = 1; bad <= 3; bad++) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes(("period,exporter_iso3,destination,product_group,value_usd,quantity_kg\n"
          + "2024-01,CHN,Côte d'Ivoire,Rare Earths,10,1\n").getBytes(StandardCharsets.UTF_8));
      for (int m = 2; m <= 12; m++) {
        b.writeBytes(String.format("2024-%02d,CHN,Japan,Rare Earths,10,1%n", m).getBytes(StandardCharsets.UTF_8));
      }
      for (int i = 0; i < bad; i++) {
        b.writeBytes("2025-01,CHN,Japan,Rare \u00ffEarths,10,1\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      Path f = Files.write(tmp.resolve("ex" + bad + ".csv"), b.toByteArray());
      assertThat(CsvSniffer.sniff("file:" + f, null, new Configuration()).charset()).as(bad + " bad")
          .isEqualTo(StandardCharsets.UTF_8);
      Dataset<Row> rows = read(f, Formats.EXPORT_MONTHLY);
      assertThat(rows.where("_status = 'used' and destination_iso3 = 'CIV'").count()).isEqualTo(1);
      assertThat(rows.where("_status = 'used'").count()).isEqualTo(12);
      assertThat(reasons(rows)).containsOnly("invalid UTF-8 bytes in the record").hasSize(bad);
    }
  }

  @Test
  void aLatin1FileStaysLatin1WhenOneOfItsLinesHappensToDecode() throws Exception {
    StringBuilder sb = new StringBuilder("period,exporter_iso3,destination,product_group,value_usd,quantity_kg\n");
    for (int m = 1; m <= 12; m++) {
      sb.append(String.format("2024-%02d,CHN,Côte d'Ivoire,Rare Earths,10,1%n", m));
    }
    // 'Ã©' in Latin-1 is the UTF-8 encoding of 'é': a line that decodes as UTF-8 by accident.
    sb.append("2024-12,CHN,Japan,Rare Earths Ã©,10,1\n");
    Path f = Files.write(tmp.resolve("latin1.csv"), sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    assertThat(CsvSniffer.sniff("file:" + f, null, new Configuration()).charset())
        .isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(read(f, Formats.EXPORT_MONTHLY).where("_status = 'used' and destination_iso3 = 'CIV'").count())
        .isEqualTo(12);
  }

  @Test
  void aProductCodeThatIsNoCodeIsARejectNotANewProduct() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("t,i,j,k,v,q\n2022,156,392,284690,812.5,41.2\n2022,156,392,28469\u00ff,210.25,9.5\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    b.writeBytes("2022,156,392,2846A0,1,1\n2022,156,392,28469,1,1\n".getBytes(StandardCharsets.ISO_8859_1));
    Dataset<Row> rows = read(Files.write(tmp.resolve("baci.csv"), b.toByteArray()), Formats.BACI);
    assertThat(reasons(rows)).containsExactlyInAnyOrder("unparsable hs_code '28469\u00ff'", "unparsable hs_code '2846A0'");
    assertThat(rows.where("_reject_reason is null and _filter_reason is null").select("hs_code").as(Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("284690", "028469");
  }

  @Test
  void exportControlRowsWithAStrayQuoteOrABadByteAreRejects() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("date,imposing_iso3,target,product_groups,measure,source\n"
        + "2023-08-01,CHN,ALL,gallium_germanium,licence,MOFCOM 23\n"
        + "2025-04-04,CHN,ALL,rare_\"earths,licence,MOFCOM 18\n").getBytes(StandardCharsets.UTF_8));
    b.writeBytes("2025-10-09,CHN,ALL,rare_earths,licence,MOFCOM \u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
    Path f = Files.write(tmp.resolve("ec.csv"), b.toByteArray());
    Dataset<Row> rows = read(f, Formats.EXPORT_CONTROLS);
    assertThat(reasons(rows)).containsExactlyInAnyOrder("invalid UTF-8 bytes in the record",
        "unparsable product_groups 'rare_\"earths' (names of letters, digits and '_', '|'-separated)");
    assertThat(rows.where("_status = 'used'").count()).isEqualTo(1);
  }
}
