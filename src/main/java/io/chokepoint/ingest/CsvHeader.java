package io.chokepoint.ingest;

import io.chokepoint.error.InputException;
import io.chokepoint.spec.Redaction;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a CSV file's first line and bytes tell: column names (trimmed, BOM removed, trailing empty
 * names dropped), the charset, the delimiter, the header's field count as written ({@code width},
 * trailing empty names included: every record must have as many fields), whether records must
 * be read whole-file ({@code multiLine}: its sample has a quoted line break, or is not the whole of
 * a file small enough to read whole) and the field counts of the sampled records ({@code sample}).
 * Columns are looked up by name, case-insensitively; names are unique (the sniffer refuses a header
 * that repeats one).
 *
 * <p>{@code trailingDelimiter} is a property of the format, never of the file: a format whose
 * records may end with a delimiter the header lacks (Comtrade's trailing comma) says so through
 * {@link #withTrailingDelimiter} when its reader names the layout. Each record is then judged
 * alone: {@code width} fields, or {@code width + 1} with the last one empty. One damaged record
 * costs that record, never the file's width.
 */
public record CsvHeader(String file, List<String> names, Charset charset, char delimiter, int width,
    boolean multiLine, boolean trailingDelimiter, RecordWidths sample) {

  public CsvHeader(String file, List<String> names, Charset charset, char delimiter) {
    this(file, names, charset, delimiter, names.size(), false, false, RecordWidths.NONE);
  }

  /**
   * The field counts of the data records the sniffer sampled.
   *
   * @param sampled records sampled (blank lines not counted)
   * @param matching records with exactly the header's field count
   * @param trailing records with one field more than the header, that field empty
   * @param usual the most common field count (0 when nothing was sampled)
   */
  public record RecordWidths(int sampled, int matching, int trailing, int usual) {
    static final RecordWidths NONE = new RecordWidths(0, 0, 0, 0);
  }

  /** The same header for a format whose records may end with one empty field the header lacks. */
  public CsvHeader withTrailingDelimiter() {
    return new CsvHeader(file, names, charset, delimiter, width, multiLine, true, sample);
  }

  /** The fields a record is read into: the header's, plus the one a trailing delimiter opens. */
  public int readWidth() {
    return width + (trailingDelimiter ? 1 : 0);
  }

  /**
   * Stops the file (exit 3) when at least three records were sampled and none has a field count the
   * format allows: a column missing from the header (or extra in the rows) would put every value
   * under the wrong name. Records that merely differ here and there are rejected one by one.
   */
  public void checkRecordWidths() {
    int allowed = sample.matching() + (trailingDelimiter ? sample.trailing() : 0);
    if (sample.sampled() >= 3 && allowed == 0) {
      throw new InputException(file + ": the header has " + width + " fields but its data rows have "
          + sample.usual() + " (none of the first " + sample.sampled()
          + " rows matches): a column is missing from the header or extra in the rows");
    }
  }

  public Optional<Integer> index(String name) {
    return Optional.ofNullable(lowerIndex().get(name.toLowerCase(Locale.ROOT)));
  }

  public boolean has(String name) {
    return index(name).isPresent();
  }

  public boolean hasAll(List<String> required) {
    return required.stream().allMatch(this::has);
  }

  public List<String> missing(List<String> required) {
    return required.stream().filter(n -> !has(n)).toList();
  }

  private Map<String, Integer> lowerIndex() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.putIfAbsent(names.get(i).toLowerCase(Locale.ROOT), i);
    }
    return m;
  }

  /**
   * The header for a message about a file that matched no layout: a short prefix, printable
   * ASCII only ({@link Redaction#foreign}), since the file may be anything (a private or binary file).
   */
  public String preview() {
    return Redaction.foreign(String.join(",", names));
  }

  /**
   * Same layout: the same names, width, trailing-delimiter rule, charset and delimiter, so the files
   * can be read together.
   */
  public String layoutKey() {
    return charset.name() + "|" + delimiter + "|" + width + "|" + trailingDelimiter + "|" + String.join("\u0001", names);
  }
}
