package io.chokepoint.ingest;

import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.SparkTestBase;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reads one trade file as the product does, and counts its records independently of Spark. */
abstract class TradeReaderTestSupport extends SparkTestBase {
  static final Countries COUNTRIES = Countries.load(null, new Configuration());

  static Dataset<Row> read(String file, String format) {
    return plan(file, format).cache();
  }

  /** The same rows, not cached: their query plan as the product runs it. */
  static Dataset<Row> plan(String file, String format) {
    return io.chokepoint.testing.Inputs.read(new InputSpec("trade_flows", List.of("file:" + file), format, null));
  }

  static Dataset<Row> rejected(Dataset<Row> parsed) {
    return parsed.where(parsed.col(RowStatus.REJECT_REASON).isNotNull());
  }

  /** Data records in a CSV file, counted with commons-csv (header excluded, blank lines skipped). */
  static long records(String file, Charset cs, char delimiter) throws IOException {
    try (Reader r = new InputStreamReader(new FileInputStream(file), cs);
        CSVParser p = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).build().parse(r)) {
      return p.stream().count() - 1;
    }
  }
}
