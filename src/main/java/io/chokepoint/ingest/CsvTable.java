package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.chokepoint.error.InputException;
import io.chokepoint.schema.RowStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * A CSV layout known by column names: required and optional columns, each with the header names
 * that may stand for it, and names a file's raw columns by the canonical names.
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

  /** Checks a sniffed header against this layout and returns it; an unrecognised header is an {@link InputException}. */
  public CsvHeader check(CsvHeader h) {
    List<String> missing = new ArrayList<>();
    required.forEach((name, aliases) -> {
      if (aliases.stream().noneMatch(h::has)) {
        missing.add(aliases.get(0));
      }
    });
    if (!missing.isEmpty()) {
      throw new InputException(h.file() + ": header not recognised as " + format + "; missing columns " + missing
          + "; header starts " + h.preview());
    }
    return h;
  }

  /**
   * Names the positional columns of raw rows ({@link CsvSource#read}) by this layout's canonical
   * names (absent optional columns are null), keeping {@link RowStatus#RAW} (the record as a
   * struct), {@link CsvSource#REASON} and {@link RowStatus#SOURCE_FILE}.
   */
  public Dataset<Row> name(Dataset<Row> raw, CsvHeader h) {
    List<Column> out = new ArrayList<>();
    Map<String, List<String>> all = new LinkedHashMap<>(required);
    all.putAll(optional);
    all.forEach((name, aliases) -> out.add(aliases.stream().filter(h::has).findFirst()
        .map(a -> col(CsvSource.column(h.index(a).orElseThrow())))
        .orElse(lit(null).cast(DataTypes.StringType)).as(name)));
    out.add(CsvSource.rawStruct(h).as(RowStatus.RAW));
    out.add(col(CsvSource.REASON));
    out.add(col(RowStatus.SOURCE_FILE));
    return raw.select(out.toArray(Column[]::new));
  }
}
