package io.chokepoint.ingest;

import io.chokepoint.error.InputException;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Reads trade files (CSV in any trade layout, or canonical Parquet) into the output of
 * {@link TradeRowParser#parse}. A CSV file's layout is recognised from its header
 * ({@link TradeLayouts}); with format {@code trade-auto} any trade layout is taken.
 */
final class TradeReader extends CsvReader {
  @Override
  protected FileLayout layout(String format, CsvHeader h) {
    TradeLayouts.forHeader(format, h);
    return FileLayout.csv(h.file(), TradeLayouts.detect(h), h, "");
  }

  /** Parquet files are canonical trade tables; CSV files go through the header sniffer. */
  @Override
  public FileLayout layout(String file, String format, String encoding, Configuration conf) {
    return SourceFiles.isParquet(file) ? parquetLayout(file, format) : super.layout(file, format, encoding, conf);
  }

  @Override
  public Dataset<Row> read(ReadContext ctx, List<FileLayout> files) {
    return FileLayout.PARQUET.equals(files.get(0).encoding()) ? readParquet(ctx, files) : super.read(ctx, files);
  }

  @Override
  protected Dataset<Row> parse(ReadContext ctx, FileLayout l, Dataset<Row> raw) {
    return TradeRowParser.parse(raw, TradeLayouts.forHeader(l.format(), l.header()),
        ctx.countries().lookupTable(ctx.spark()));
  }

  /** Reads canonical Parquet typed (no text round trip); its row count comes from the file footers. */
  static Dataset<Row> readParquet(ReadContext ctx, List<FileLayout> files) {
    String first = files.get(0).file();
    Dataset<Row> raw = ctx.spark().read().parquet(files.stream().map(FileLayout::file).toArray(String[]::new));
    List<String> cols = List.of(raw.columns());
    List<String> missing = TradeLayouts.CANONICAL_REQUIRED.stream().filter(c -> !cols.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new InputException(first + ": Parquet lacks canonical trade columns " + missing);
    }
    ctx.records().add(raw.count());
    Dataset<Row> withFile = raw.withColumn(RowStatus.SOURCE_FILE, functions.col("_metadata.file_path"));
    return TradeRowParser.parse(withFile, TradeLayouts.canonical(new TradeLayouts.Named(cols)),
        ctx.countries().lookupTable(ctx.spark()));
  }

  static FileLayout parquetLayout(String file, String format) {
    if (!Formats.TRADE_CANONICAL.equals(format) && !Formats.TRADE_AUTO.equals(format)) {
      throw new InputException(file + ": a Parquet file can only be read as " + Formats.TRADE_CANONICAL
          + ", not " + format);
    }
    return new FileLayout(file, Formats.TRADE_CANONICAL, FileLayout.PARQUET);
  }
}
