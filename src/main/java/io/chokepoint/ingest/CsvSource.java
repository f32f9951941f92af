package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.schema.RowStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads CSV files that share one {@link CsvHeader} with Spark: every field a string in a
 * positional column {@code c0 … cN} (so names with dots, spaces or duplicates need no quoting),
 * values trimmed, empty fields null, RFC 4180 quotes, plus {@link RowStatus#SOURCE_FILE} and
 * {@link #REASON}: why the record as a whole cannot be used, or null. That is a field count other
 * than the header's ({@code "5 fields, header has 6"}; Spark still fills the fields it has; one more
 * field, empty, is the header's count for a format that allows a trailing delimiter) or, in a
 * UTF-8 file, a byte that is not UTF-8. Files whose sample has a quoted line break, and files
 * too large to sample whole but small enough, are read whole so multi-line quoted fields stay one
 * record; the rest line by line, which takes LF, CRLF and CR line ends alike, mixed or not. The header line of each file
 * (with or without a byte order mark) is dropped here rather than by Spark's {@code header}
 * option, whose check warns about the positional names.
 */
public final class CsvSource {
  /** Why the record cannot be used whatever its fields say (field count, bad bytes), else null. */
  public static final String REASON = "_csv_reason";
  /** A record's text, for {@link #fromLines}. */
  public static final String TEXT = "_text";
  private static final String CORRUPT = "_corrupt_record";
  /** A quoted field, or an unquoted run up to the delimiter: counts a record's fields for messages. */
  private static final String FIELD = "(?:^|%s)(?:\"(?:[^\"]|\"\")*\"|[^%s\"]*)";

  private CsvSource() {}

  public static String column(int i) {
    return "c" + i;
  }

  public static Dataset<Row> read(SparkSession spark, CsvHeader header, List<String> files) {
    Dataset<Row> raw = spark.read()
        .format("csv")
        .schema(schema(header))
        .options(options(header))
        .option("encoding", header.charset().name())
        .option("multiLine", header.multiLine())
        .load(files.toArray(String[]::new));
    return records(raw.withColumn(RowStatus.SOURCE_FILE, col("_metadata.file_path")), header);
  }

  /**
   * The same records from lines already split ({@link #TEXT}, {@link RowStatus#SOURCE_FILE}; no
   * blank lines, which Spark's CSV reader skips): each line parsed by Spark's CSV parser with the
   * options {@link #read} uses, so a line gives the fields and reason it would give there.
   */
  public static Dataset<Row> fromLines(Dataset<Row> lines, CsvHeader header) {
    Dataset<Row> raw = lines.select(functions.from_csv(col(TEXT), lit(schema(header).toDDL()), options(header)).as("_fields"),
        col(RowStatus.SOURCE_FILE));
    return records(raw.select(col("_fields.*"), col(RowStatus.SOURCE_FILE)), header);
  }

  /** Every field a string (the one a trailing delimiter opens too, when the format allows it), then the corrupt-record column. */
  private static StructType schema(CsvHeader header) {
    StructType schema = new StructType();
    for (int i = 0; i < header.readWidth(); i++) {
      schema = schema.add(column(i), DataTypes.StringType, true);
    }
    return schema.add(CORRUPT, DataTypes.StringType, true);
  }

  /** The parser options both paths share (the file reader adds the charset and multi-line mode). */
  private static Map<String, String> options(CsvHeader header) {
    return Map.of("header", "false", "sep", String.valueOf(header.delimiter()), "quote", "\"", "escape", "\"",
        "mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT, "ignoreLeadingWhiteSpace", "true",
        "ignoreTrailingWhiteSpace", "true");
  }

  /**
   * Header lines dropped, {@link #REASON} added, the corrupt-record column dropped; the fields
   * {@code c0 … c(readWidth - 1)} kept.
   */
  private static Dataset<Row> records(Dataset<Row> parsed, CsvHeader header) {
    Dataset<Row> raw = parsed.where(isHeaderLine(header).unary_$bang());
    String sep = String.valueOf(header.delimiter());
    String d = sep.equals("|") ? "\\|" : sep.equals("\t") ? "\\t" : sep;
    Column fields = functions.size(functions.regexp_extract_all(col(CORRUPT), lit(String.format(FIELD, d, d)), lit(0)));
    Column wrongCount = functions.concat(fields.cast(DataTypes.StringType), lit(" fields, header has " + header.width()));
    Column reason;
    if (header.trailingDelimiter()) {
      // Read as width + 1 fields: Spark marks a record of exactly width fields as short, which is
      // fine; one of width + 1 is fine only when its last field is empty.
      reason = when(col(CORRUPT).isNotNull().and(fields.notEqual(header.width())), wrongCount)
          .when(col(CORRUPT).isNull().and(col(column(header.width())).isNotNull()),
              lit((header.width() + 1) + " fields, header has " + header.width()));
    } else {
      reason = when(col(CORRUPT).isNotNull(), wrongCount);
    }
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < header.readWidth(); i++) {
      out.add(col(column(i)));
    }
    if (header.charset().equals(StandardCharsets.UTF_8)) {
      Column bad = lit(false);
      for (Column c : out) { // a byte search per field: no per-row string is built
        bad = bad.or(c.contains("\uFFFD"));
      }
      reason = reason.when(bad, lit("invalid UTF-8 bytes in the record"));
    }
    out.add(reason.as(REASON));
    out.add(col(RowStatus.SOURCE_FILE));
    return raw.select(out.toArray(Column[]::new));
  }

  /**
   * True for a record whose fields are exactly the header's names, byte order marks ignored: one or
   * more, as U+FEFF or as the three characters a UTF-8 BOM is in Latin-1 (the sniffer skips them
   * however the file is decoded, so the header it names has none).
   */
  static Column isHeaderLine(CsvHeader header) {
    Column c0 = col(column(0));
    String name0 = header.names().get(0);
    Column first = functions.regexp_replace(c0, "^(\uFEFF|\u00EF\u00BB\u00BF)+", "");
    // The regular expressions run only for a first field that can need them (a byte order mark or a
    // replacement character in it): a data row is told apart by one comparison.
    Column unusual = c0.startsWith("\uFEFF").or(c0.startsWith("\u00EF")).or(c0.contains("\uFFFD"));
    Column same = c0.equalTo(lit(name0)).or(unusual.and(replaced(first).equalTo(lit(replaced(name0)))));
    for (int i = 1; i < header.names().size(); i++) {
      String name = header.names().get(i);
      Column c = col(column(i));
      same = same.and(name.isEmpty() ? c.isNull() : replaced(c).equalTo(lit(replaced(name))));
    }
    return functions.coalesce(same, lit(false));
  }

  /**
   * A bad byte sequence decodes to one replacement character or several depending on the decoder
   * (the sniffer's or Spark's): a run of them compares as one, so a header with a bad byte is still
   * the header.
   */
  private static Column replaced(Column c) {
    return functions.regexp_replace(c, "\uFFFD+", "\uFFFD");
  }

  private static String replaced(String s) {
    return s.replaceAll("\uFFFD+", "\uFFFD");
  }

  /** The raw record as a struct of its fields (cheap to carry; serialised for rejects only). */
  public static Column rawStruct(CsvHeader header) {
    Column[] cols = new Column[header.readWidth()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = col(column(i));
    }
    return functions.struct(cols);
  }
}
