package io.chokepoint.ingest;

import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import java.util.List;
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
 * values trimmed, empty fields null, RFC 4180 quotes, extra trailing fields dropped, plus
 * {@link RowStatus#SOURCE_FILE}. The header line of each file (with or without a byte order mark)
 * is dropped here rather than by Spark's {@code header} option, whose check warns about the
 * positional names.
 */
public final class CsvSource {
  private CsvSource() {}

  public static String column(int i) {
    return "c" + i;
  }

  public static Dataset<Row> read(SparkSession spark, CsvHeader header, List<String> files) {
    StructType schema = new StructType();
    for (int i = 0; i < header.names().size(); i++) {
      schema = schema.add(column(i), DataTypes.StringType, true);
    }
    return spark.read()
        .format("csv")
        .schema(schema)
        .option("header", "false")
        .option("encoding", header.charset().name())
        .option("sep", String.valueOf(header.delimiter()))
        .option("quote", "\"")
        .option("escape", "\"")
        .option("mode", "PERMISSIVE")
        .option("multiLine", String.valueOf(CsvSniffer.wideCharset(header.charset())))
        .option("ignoreLeadingWhiteSpace", "true")
        .option("ignoreTrailingWhiteSpace", "true")
        .load(files.toArray(String[]::new))
        .where(isHeaderLine(header).unary_$bang())
        .withColumn(RowStatus.SOURCE_FILE, functions.col("_metadata.file_path"));
  }

  /** True for a record whose fields are exactly the header's names (the BOM ignored). */
  static Column isHeaderLine(CsvHeader header) {
    Column first = functions.regexp_replace(functions.col(column(0)), "^\uFEFF", "");
    Column same = first.equalTo(functions.lit(header.names().get(0)));
    for (int i = 1; i < header.names().size(); i++) {
      String name = header.names().get(i);
      Column c = functions.col(column(i));
      same = same.and(name.isEmpty() ? c.isNull() : c.equalTo(functions.lit(name)));
    }
    return functions.coalesce(same, functions.lit(false));
  }

  /** The raw record as a struct of its fields (cheap to carry; serialise it for rejects only). */
  public static Column rawStruct(CsvHeader header) {
    Column[] cols = new Column[header.names().size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = functions.col(column(i));
    }
    return functions.struct(cols);
  }

  /** The raw record, re-serialised as one CSV line, for the rejects table. */
  public static Column rawRecord(CsvHeader header) {
    return functions.to_csv(rawStruct(header));
  }
}
