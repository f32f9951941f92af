package io.chokepoint.ingest;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A {@link Reader} of a CSV format recognised by header: the header is sniffed once per file
 * ({@link CsvSniffer}), the files of one layout are scanned once ({@link CsvSource}, every field a
 * string) and their records counted as they stream by, and the format's {@link #parse} types them.
 */
public abstract class CsvReader implements Reader {
  /**
   * Sniffs the file, lets the format name its layout, then refuses a header that none of the
   * sampled records agrees with under the format's rules ({@link CsvHeader#checkRecordWidths}).
   */
  @Override
  public FileLayout layout(String file, String format, String encoding, Configuration conf) {
    FileLayout layout = layout(format, CsvSniffer.sniff(file, encoding, conf));
    layout.header().checkRecordWidths();
    return layout;
  }

  /**
   * Checks a sniffed header against the format (exit 3 naming what is missing) and names the layout;
   * a format whose records may end with a delimiter the header lacks puts
   * {@link CsvHeader#withTrailingDelimiter} in it.
   */
  protected abstract FileLayout layout(String format, CsvHeader header);

  @Override
  public Dataset<Row> read(ReadContext ctx, List<FileLayout> files) {
    FileLayout first = files.get(0);
    Dataset<Row> raw = CsvSource.read(ctx.spark(), first.header(), files.stream().map(FileLayout::file).toList());
    return parse(ctx, first, ctx.records().observe(raw, rowsPerRecord(first)));
  }

  /** How many rows one record becomes (wide layouts give one row per value column). */
  protected long rowsPerRecord(FileLayout layout) {
    return 1;
  }

  /**
   * Types the raw rows ({@code c0 … cN}, {@link CsvSource#REASON}, {@code _source_file}) of one
   * layout: usually ends with {@link Parse#finish}.
   */
  protected abstract Dataset<Row> parse(ReadContext ctx, FileLayout layout, Dataset<Row> raw);
}
