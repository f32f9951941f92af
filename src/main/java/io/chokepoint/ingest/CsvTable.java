package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.chokepoint.error.InputException;
import io.chokepoint.schema.RowStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * A CSV layout known by column names: required and optional columns, each with the header names
 * that may stand for it. Reads a file into string columns named by the canonical names, plus
 * {@link RowStatus#RAW} (every row; callers keep it for rejects only) and {@link RowStatus#SOURCE_FILE}.
 */
public final class CsvTable {
  private final String format;
  private final Map<String, List<String>> required = new LinkedHashMap<>();
  private final Map<String, List<String>> optional = new LinkedHashMap<>();

  public CsvTable(String format) {
    this.format = format;
  }

  public CsvTable require(String name, String... headerNames) {
    required.put(name, headerNames.length == 0 ? List.of(name) : List.of(headerNames));
    return this;
  }

  public CsvTable optional(String name, String... headerNames) {
    optional.put(name, headerNames.length == 0 ? List.of(name) : List.of(headerNames));
    return this;
  }

  /** Sniffs {@code file} and checks its header; an unrecognised header is an {@link InputException}. */
  public CsvHeader header(String file, String encoding, Configuration conf) {
    return check(CsvSniffer.sniff(file, encoding, conf));
  }

  /** Checks an already sniffed header against this layout and returns it. */
  public CsvHeader check(CsvHeader h) {
    String file = h.file();
    List<String> missing = new ArrayList<>();
    required.forEach((name, aliases) -> {
      if (aliases.stream().noneMatch(h::has)) {
        missing.add(aliases.get(0));
      }
    });
    if (!missing.isEmpty()) {
      throw new InputException(file + ": header not recognised as " + format + "; missing columns " + missing
          + "; header starts " + h.preview());
    }
    return h;
  }

  public FileLayout layout(String file, CsvHeader h) {
    return new FileLayout(file, format, h.charset().name());
  }

  public Dataset<Row> read(SparkSession spark, CsvHeader h, List<String> files) {
    Dataset<Row> raw = CsvSource.read(spark, h, files);
    List<Column> out = new ArrayList<>();
    Map<String, List<String>> all = new LinkedHashMap<>(required);
    all.putAll(optional);
    all.forEach((name, aliases) -> out.add(aliases.stream().filter(h::has).findFirst()
        .map(a -> col(CsvSource.column(h.index(a).orElseThrow())))
        .orElse(lit(null).cast(DataTypes.StringType)).as(name)));
    out.add(CsvSource.rawRecord(h).as(RowStatus.RAW));
    out.add(col(RowStatus.SOURCE_FILE));
    return raw.select(out.toArray(Column[]::new));
  }
}
