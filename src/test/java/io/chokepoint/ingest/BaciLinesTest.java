package io.chokepoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BACI's fast path ({@link BaciLines}) against the general CSV path it stands in for: the same
 * file read both ways gives the same rows, every column compared exactly (doubles by their
 * text, so a last-bit or sign-of-zero difference shows), and the same record count. The file mixes
 * hand-picked edge cases with seeded near-BACI lines (fields drawn from valid and broken values,
 * fields dropped or added, quotes, spaces, non-ASCII and invalid bytes, blank lines, CRLF, header
 * lines again), so both paths are exercised; the test also asserts that most lines took the fast
 * path.
 */
class BaciLinesTest extends TradeReaderTestSupport {
  private static final String[] YEARS = {"2013", "2022", "1900", "2100", "1899", "2101", "20x3", "", " 2020", "02020",
      "2022.0", "2020\t"};
  private static final String[] CODES = {"156", "392", "842", "36", "036", "0", "999", "abc", "", "4",
      "1234567890123", "156.0", "+156"};
  private static final String[] PRODUCTS = {"284690", "28469", "2846", "ABC123", "", "\"284690\"", "284690 ",
      "85051", "8505110"};
  private static final String[] AMOUNTS = {"10.5", "0", "0.000", "-0", "-3", ".5", "5.", "1e3", "0x1p4", "12d",
      "NaN", "Infinity", "1e13", "999999999999.999", "1000000000000.001", "1000000000000", "12345678901234567890.5",
      "0.1234567890123456789012345", "9007199254740993", "", "1.2.3", ".", "0.768", "3.663", "19.476",
      "\u0661\u0662", "1,5", "  0.768", " 3.663 ", "1 000"};
  private static final String[] QUANTITIES = {"NA", "na", "nA", " NA", "N/A", "0.188", "", "5.127", "-1", "1e14",
      "        NA", "  5.127", " "};

  @Test
  void fastAndGeneralPathsGiveTheSameRowsAndCounts(@TempDir Path tmp) throws Exception {
    Random rnd = new Random(14);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("t,i,j,k,v,q\n".getBytes(StandardCharsets.UTF_8));
    List<String> fixed = List.of("2022,156,392,284690,10.5,2.25", "2022,156,392,28469,10.5,NA",
        "2022,156,392,284690,0,0", "2022,156,392,284690,\"10.5\",2", "2022, 156,392,284690,10.5,2",
        "2022,156,392,284690,10.5", "2022,156,392,284690,10.5,2,", "t,i,j,k,v,q", "", "   ", "\t",
        "2022,156,392,284690,1e3,2", "2022,156,392,caf\u00e9,10.5,2");
    for (String l : fixed) {
      out.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes("2022,156,392,2846\u00ff0,10.5,2\n".getBytes(StandardCharsets.ISO_8859_1)); // invalid UTF-8
    out.writeBytes("2022,156,392,284690,10.5,2\r\n".getBytes(StandardCharsets.UTF_8));
    int lines = 4000;
    for (int n = 0; n < lines; n++) {
      boolean clean = rnd.nextInt(3) > 0;
      List<String> f = new ArrayList<>(List.of(
          clean ? YEARS[rnd.nextInt(4)] : pick(rnd, YEARS),
          clean ? CODES[rnd.nextInt(5)] : pick(rnd, CODES),
          clean ? CODES[rnd.nextInt(5)] : pick(rnd, CODES),
          clean ? PRODUCTS[rnd.nextInt(2)] : pick(rnd, PRODUCTS),
          clean ? AMOUNTS[22 + rnd.nextInt(3)] : pick(rnd, AMOUNTS),
          clean ? QUANTITIES[rnd.nextInt(2) == 0 ? 0 : 5] : pick(rnd, QUANTITIES)));
      if (!clean && rnd.nextInt(20) == 0) {
        f.remove(rnd.nextInt(f.size()));
      }
      if (!clean && rnd.nextInt(20) == 0) {
        f.add(rnd.nextInt(f.size() + 1), "7");
      }
      out.writeBytes(String.join(",", f).getBytes(StandardCharsets.UTF_8));
      out.writeBytes(rnd.nextInt(10) == 0 ? "\r\n".getBytes(StandardCharsets.UTF_8) : "\n".getBytes(StandardCharsets.UTF_8));
    }
    Path file = tmp.resolve("baci.csv");
    Files.write(file, out.toByteArray());

    List<FileLayout> layouts = Readers.preflight(new InputSpec("trade_flows", List.of("file:" + file), Formats.BACI,
        null), spark().sparkContext().hadoopConfiguration());
    assertThat(BaciLines.applies(layouts.get(0))).isTrue();
    ReadContext fastCtx = new ReadContext(spark(), COUNTRIES, 2026, "CHN");
    ReadContext generalCtx = new ReadContext(spark(), COUNTRIES, 2026, "CHN");
    List<String> fast = texts(TradeReader.readBaci(fastCtx, layouts));
    List<String> general = texts(new TradeReader().readGeneral(generalCtx, layouts));

    assertThat(fast).hasSize(general.size()).isEqualTo(general);
    // commons-csv also counts the repeated header line and the two lines of only white space, which
    // are not records to Spark's CSV reader.
    assertThat(fastCtx.records().rows()).isEqualTo(generalCtx.records().rows())
        .isEqualTo(records(file.toString(), StandardCharsets.UTF_8, ',') - 3);
    // Most lines are plain, and the rest are many different rejects: both paths were exercised.
    BaciLines parser = new BaciLines(layouts.get(0).header(), COUNTRIES);
    long plain = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
        .filter(l -> parser.parse(UTF8String.fromBytes(l.getBytes(StandardCharsets.ISO_8859_1))) != null).count();
    assertThat(plain).isGreaterThan(lines / 2);
    assertThat(general.stream().filter(r -> !r.contains("_reject_reason=null|")).count()).isGreaterThan(lines / 10);
  }

  private static String pick(Random rnd, String[] values) {
    return values[rnd.nextInt(values.length)];
  }

  /** Every row as text, columns by name (doubles by {@code Double.toString}: exact), rows sorted. */
  private static List<String> texts(Dataset<Row> d) {
    List<String> names = new ArrayList<>(List.of(d.columns()));
    names.sort(null);
    List<String> out = new ArrayList<>();
    for (Row r : d.select(cols(names)).collectAsList()) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        s.append(names.get(i)).append('=').append(r.get(i)).append('|');
      }
      out.add(s.toString());
    }
    out.sort(null);
    return out;
  }
}
