package io.chokepoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Paths;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trade rows keep the HS edition they were reported in (issue #26), in every trade layout. */
class ClassificationsTest extends TradeReaderTestSupport {
  @TempDir Path tmp;

  static Map<String, Long> byClassification(String file, String format) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : read(file, format).where("_reject_reason is null").groupBy("classification").count().collectAsList()) {
      out.put(String.valueOf(r.getString(0)), r.getLong(1));
    }
    return out;
  }

  @Test
  void comtradeCodesH0ToH6AreTheHsEditions() throws Exception {
    String f = Paths.realData("comtrade_api_tha_hs8542_methakanb/TradeData.csv");
    Map<String, Long> expected = new TreeMap<>();
    try (Reader r = new InputStreamReader(new FileInputStream(f), StandardCharsets.ISO_8859_1);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      for (CSVRecord rec : p) {
        String edition = Map.of("H4", "HS2012", "H5", "HS2017", "H6", "HS2022").get(rec.get("classificationCode"));
        expected.merge(edition, 1L, Long::sum);
      }
    }
    assertThat(expected).containsOnlyKeys("HS2012", "HS2017", "HS2022");
    assertThat(byClassification(f, Formats.COMTRADE_PLUS)).isEqualTo(expected);
  }

  @Test
  void legacyComtradeAndTheSampleFiles() {
    assertThat(byClassification(Paths.project("sample-data/trade/comtrade_legacy_rare_earths.csv"),
        Formats.COMTRADE_LEGACY).keySet()).allMatch(c -> c.matches("HS\\d{4}"));
    assertThat(byClassification(Paths.project("sample-data/trade/comtrade_plus_rare_earths.csv"), Formats.COMTRADE_PLUS))
        .containsOnlyKeys("HS2012");
    // Canonical files without the column and BACI files whose name does not say: null, never a guess.
    assertThat(byClassification(Paths.project("sample-data/trade/canonical_rare_earths.csv"), Formats.TRADE_CANONICAL))
        .containsOnlyKeys("null");
  }

  @Test
  void aBaciFileNameGivesItsRevisionOnTheFastAndTheGeneralPath() throws Exception {
    Path f = Files.copy(Path.of(Paths.project("sample-data/trade/baci_rare_earths.csv")),
        tmp.resolve("BACI_HS17_Y2022_V202401.csv"));
    List<FileLayout> layouts = Readers.preflight(new InputSpec("trade_flows", List.of("file:" + f), Formats.BACI, null),
        spark().sparkContext().hadoopConfiguration());
    assertThat(BaciLines.applies(layouts.get(0))).isTrue();
    for (var rows : List.of(TradeReader.readBaci(new ReadContext(spark(), COUNTRIES, 2026, "CHN"), layouts),
        new TradeReader().readGeneral(new ReadContext(spark(), COUNTRIES, 2026, "CHN"), layouts))) {
      assertThat(rows.where("_reject_reason is null").select("classification").distinct().collectAsList())
          .map(r -> r.getString(0)).containsExactly("HS2017");
    }
  }
}
