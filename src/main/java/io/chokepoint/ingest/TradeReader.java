package io.chokepoint.ingest;

import io.chokepoint.error.InputException;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Reads a trade input (any number of CSV or Parquet files) into the output of
 * {@link TradeRowParser#parse}. Each CSV file's header is sniffed on the driver; files that share
 * a layout are read by one Spark scan with an explicit all-string schema, never inferSchema.
 */
public final class TradeReader {
  private TradeReader() {}

  /** Checks every file's header without reading data: the files and the layout each was taken as. */
  public static List<FileLayout> preflight(InputSpec in, Configuration conf) {
    List<FileLayout> out = new ArrayList<>();
    for (String f : SourceFiles.expand(in.name(), in.paths(), conf)) {
      if (SourceFiles.isParquet(f)) {
        requireCanonical(in, f);
        out.add(new FileLayout(f, Formats.TRADE_CANONICAL, FileLayout.PARQUET));
      } else {
        CsvHeader h = CsvSniffer.sniff(f, in.encoding(), conf);
        TradeLayouts.forHeader(in.format(), h);
        out.add(new FileLayout(f, TradeLayouts.detect(h), h.charset().name()));
      }
    }
    return out;
  }

  public static Dataset<Row> read(SparkSession spark, InputSpec in, Dataset<Row> countryLookup) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> files = SourceFiles.expand(in.name(), in.paths(), conf);
    Map<String, List<String>> csvGroups = new LinkedHashMap<>();
    Map<String, CsvHeader> headers = new LinkedHashMap<>();
    List<String> parquet = new ArrayList<>();
    for (String f : files) {
      if (SourceFiles.isParquet(f)) {
        requireCanonical(in, f);
        parquet.add(f);
      } else {
        CsvHeader h = CsvSniffer.sniff(f, in.encoding(), conf);
        TradeLayouts.forHeader(in.format(), h);
        headers.putIfAbsent(h.layoutKey(), h);
        csvGroups.computeIfAbsent(h.layoutKey(), k -> new ArrayList<>()).add(f);
      }
    }
    List<Dataset<Row>> parts = new ArrayList<>();
    for (var e : csvGroups.entrySet()) {
      CsvHeader h = headers.get(e.getKey());
      parts.add(TradeRowParser.parse(CsvSource.read(spark, h, e.getValue()), TradeLayouts.forHeader(in.format(), h),
          countryLookup));
    }
    if (!parquet.isEmpty()) {
      Dataset<Row> raw = spark.read().parquet(parquet.toArray(String[]::new));
      List<String> missing = TradeLayouts.CANONICAL_REQUIRED.stream().filter(c -> !List.of(raw.columns()).contains(c)).toList();
      if (!missing.isEmpty()) {
        throw new InputException("inputs." + in.name() + ": Parquet " + parquet.get(0) + " lacks canonical columns " + missing);
      }
      List<String> cols = List.of(raw.columns());
      Dataset<Row> withFile = raw.withColumn(RowStatus.SOURCE_FILE, functions.col("_metadata.file_path"));
      parts.add(TradeRowParser.parse(withFile, TradeLayouts.canonical(new TradeLayouts.Named(cols)), countryLookup));
    }
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return all;
  }

  private static void requireCanonical(InputSpec in, String file) {
    if (!Formats.TRADE_CANONICAL.equals(in.format()) && !Formats.TRADE_AUTO.equals(in.format())) {
      throw new InputException(file + ": a Parquet file can only be read as " + Formats.TRADE_CANONICAL
          + ", not " + in.format());
    }
  }
}
