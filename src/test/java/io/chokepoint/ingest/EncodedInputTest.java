package io.chokepoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Paths;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gzipped or UTF-16 copy of a sample file gives exactly the rows of the plain UTF-8 file. */
class EncodedInputTest extends TradeReaderTestSupport {
  static final String SAMPLE = Paths.project("sample-data/trade/comtrade_plus_rare_earths.csv");

  @TempDir Path tmp;

  /** Every canonical column, the reject reason and the raw record, as sorted strings. */
  static List<String> rows(String file, String encoding) {
    InputSpec in = new InputSpec("trade_flows", List.of("file:" + file), Formats.COMTRADE_PLUS, encoding);
    List<Column> cols = new ArrayList<>();
    TradeColumns.NAMES.forEach(c -> cols.add(functions.col(c)));
    cols.add(functions.col(RowStatus.REJECT_REASON));
    cols.add(functions.col(RowStatus.RAW));
    List<String> out = new ArrayList<>();
    for (Row r : io.chokepoint.testing.Inputs.read(in).select(cols.toArray(Column[]::new))
        .collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  Path copy(String name, Charset cs, boolean gzip) throws Exception {
    Path p = tmp.resolve(name);
    byte[] bytes = Files.readString(Path.of(SAMPLE), StandardCharsets.UTF_8).getBytes(cs);
    try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
      o.write(bytes);
    }
    return p;
  }

  @Test
  void gzipAndUtf16CopiesReadAsThePlainFile() throws Exception {
    List<String> plain = rows(SAMPLE, null);
    assertThat(plain).hasSize(1860);

    Path gz = copy("flows.csv.gz", StandardCharsets.UTF_8, true);
    assertThat(CsvSniffer.sniff(gz.toString(), null, new Configuration()).names()).contains("reporterCode");
    assertThat(rows(gz.toString(), null)).isEqualTo(plain);

    Path utf16 = copy("flows-utf16.csv", StandardCharsets.UTF_16, false); // big-endian, with a byte order mark
    assertThat(rows(utf16.toString(), "UTF-16")).isEqualTo(plain);
    assertThat(rows(utf16.toString(), null)).isEqualTo(plain); // the byte order mark tells

    Path le = copy("flows-utf16le.csv", StandardCharsets.UTF_16LE, false); // no byte order mark: must be forced
    assertThat(rows(le.toString(), "utf-16le")).isEqualTo(plain);
  }
}
