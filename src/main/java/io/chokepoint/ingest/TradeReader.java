package io.chokepoint.ingest;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.error.InputException;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads trade files (CSV in any trade layout, or canonical Parquet) into the output of
 * {@link TradeRowParser#parse}. A CSV file's layout is recognised from its header
 * ({@link TradeLayouts}); with format {@code trade-auto} any trade layout is taken. BACI files
 * that can be read line by line take {@link BaciLines}' fast path for their plain lines.
 */
final class TradeReader extends CsvReader {
  /**
   * The trade formats whose records may end with a delimiter the header lacks: UN Comtrade writes a
   * trailing comma on every data row (the API and UI exports), BACI and our canonical CSV do not.
   */
  static final Set<String> TRAILING_DELIMITER = Set.of(Formats.COMTRADE_PLUS, Formats.COMTRADE_LEGACY);

  @Override
  protected FileLayout layout(String format, CsvHeader h) {
    TradeLayouts.forHeader(format, h);
    String found = TradeLayouts.detect(h);
    return FileLayout.csv(h.file(), found, TRAILING_DELIMITER.contains(found) ? h.withTrailingDelimiter() : h, "");
  }

  /** Parquet files are canonical trade tables; CSV files go through the header sniffer. */
  @Override
  public FileLayout layout(String file, String format, String encoding, Configuration conf) {
    return SourceFiles.isParquet(file) ? parquetLayout(file, format) : super.layout(file, format, encoding, conf);
  }

  @Override
  public Dataset<Row> read(ReadContext ctx, List<FileLayout> files) {
    if (FileLayout.PARQUET.equals(files.get(0).encoding())) {
      return readParquet(ctx, files);
    }
    return BaciLines.applies(files.get(0)) ? readBaci(ctx, files) : super.read(ctx, files);
  }

  /** The general CSV path, whatever the layout: the fast path's test reads a file both ways. */
  Dataset<Row> readGeneral(ReadContext ctx, List<FileLayout> files) {
    return super.read(ctx, files);
  }

  /**
   * Reads BACI files as text lines, once for the plain lines ({@link BaciLines}, parsed straight
   * from their bytes) and once for the rest, which go through the general path; the two parts
   * are unioned. Records are counted in each part before it is parsed.
   */
  static Dataset<Row> readBaci(ReadContext ctx, List<FileLayout> files) {
    FileLayout first = files.get(0);
    BaciLines lines = new BaciLines(first.header(), ctx.countries());
    Dataset<Row> text = ctx.spark().read().text(files.stream().map(FileLayout::file).toArray(String[]::new))
        .select(functions.col("value"), functions.col("_metadata.file_path").as(RowStatus.SOURCE_FILE));
    JavaRDD<InternalRow> in = SparkCompat.internalRows(text).toJavaRDD();
    Dataset<Row> plain = SparkCompat.fromInternalRows(ctx.spark(), in.mapPartitions(lines::plain).rdd(),
        BaciLines.SCHEMA);
    Dataset<Row> others = SparkCompat.fromInternalRows(ctx.spark(), in.mapPartitions(lines::others).rdd(),
        new StructType().add(CsvSource.TEXT, DataTypes.StringType).add(RowStatus.SOURCE_FILE, DataTypes.StringType));
    Dataset<Row> rest = TradeRowParser.parse(ctx.records().observe(CsvSource.fromLines(others, first.header()), 1),
        TradeLayouts.forHeader(first.format(), first.header()), ctx.countries().lookupTable(ctx.spark()));
    return ctx.records().observe(plain, 1).unionByName(rest);
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
