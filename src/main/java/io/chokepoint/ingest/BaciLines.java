package io.chokepoint.ingest;

import io.chokepoint.reference.Countries;
import io.chokepoint.reference.Country;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.Formats;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * BACI's fast path: the lines of a BACI file ({@code t,i,j,k,v[,q]}, comma-delimited UTF-8, one
 * record per line) that are plain, and so mean exactly one thing, are parsed here straight from
 * their bytes into the rows {@link TradeRowParser} would give them; every other line goes to the
 * general path ({@link CsvSource#fromLines}, then {@link TradeRowParser}), so the reject reasons
 * and texts are the general path's by construction.
 *
 * <p>A line is plain when it has exactly the header's field count, only printable ASCII and no
 * quote (nothing to unquote or decode; spaces around a field are trimmed, as the CSV reader trims
 * them), a year of digits within {@link Parse#YEAR_MIN}–{@link
 * Parse#YEAR_MAX}, exporter and importer codes of digits that the country reference knows, a
 * product code, a value and (when the header has {@code q}) a quantity that are digits with at most
 * one point or {@code NA}, none above {@link Parse#MAX_AMOUNT} once scaled. Such a line is used; no
 * other reason could apply. Numbers are parsed as Spark's cast parses them (the correctly rounded
 * double): exactly, by one division, when the digits fit in 53 bits and the power of ten is exact;
 * else by {@link Double#parseDouble}.
 *
 * <p>Input: internal rows of text lines ({@code value}, {@link RowStatus#SOURCE_FILE}). {@link
 * #plain} gives {@link #SCHEMA} (the canonical columns, null reasons and raw text, the source
 * file) for the plain lines; {@link #others} gives the other non-blank lines ({@link
 * CsvSource#TEXT}, {@link RowStatus#SOURCE_FILE}); blank lines, which Spark's CSV reader skips,
 * go to neither.
 */
final class BaciLines implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The columns {@link TradeRowParser#parse} gives, in its order: the canonical ones, then the status ones. */
  static final StructType SCHEMA = schema();
  /** Where the classification goes in a row of {@link #SCHEMA}. */
  private static final int CLASSIFICATION = SCHEMA.fieldIndex(TradeColumns.CLASSIFICATION);
  /** BACI's value and quantity are in thousands (USD, kg per tonne). */
  private static final double SCALE = 1000;
  private static final double MAX = Parse.MAX_AMOUNT / SCALE;
  private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
      1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  private static final UTF8String IMPORT = UTF8String.fromString(TradeColumns.IMPORT);
  private static final UTF8String KG = UTF8String.fromString("kg");
  private static final UTF8String BACI = UTF8String.fromString(Formats.BACI);
  private static final UTF8String ZERO = UTF8String.fromString("0");
  /** What {@link #parse} returns for a plain line when it is not asked to build the row. */
  private static final Object[] PLAIN = new Object[0];

  private final int width;
  private final int t;
  private final int i;
  private final int j;
  private final int k;
  private final int v;
  /** The index of {@code q}, or -1. */
  private final int q;
  /** By numeric code: ISO3 and partner kind (null where the reference has no such code). */
  private final UTF8String[] iso3;
  private final UTF8String[] kind;

  BaciLines(CsvHeader h, Countries countries) {
    this.width = h.width();
    this.t = h.index("t").orElseThrow();
    this.i = h.index("i").orElseThrow();
    this.j = h.index("j").orElseThrow();
    this.k = h.index("k").orElseThrow();
    this.v = h.index("v").orElseThrow();
    this.q = h.index("q").orElse(-1);
    int max = 0;
    for (int code = 0; code < 100_000; code++) {
      if (countries.byCode(code).isPresent()) {
        max = code;
      }
    }
    this.iso3 = new UTF8String[max + 1];
    this.kind = new UTF8String[max + 1];
    for (int code = 0; code <= max; code++) {
      Country c = countries.byCode(code).orElse(null);
      if (c != null) {
        iso3[code] = UTF8String.fromString(c.iso3());
        kind[code] = UTF8String.fromString(c.kind());
      }
    }
  }

  private static StructType schema() {
    StructType s = new StructType();
    for (StructField f : TradeColumns.SCHEMA.fields()) {
      s = s.add(f.name(), f.dataType()); // nullable, as the parser's output is
    }
    for (String c : List.of(RowStatus.REJECT_REASON, RowStatus.FILTER_REASON, RowStatus.RAW, RowStatus.SOURCE_FILE)) {
      s = s.add(c, DataTypes.StringType);
    }
    return s;
  }

  /** Whether a file of this layout can take the fast path (BACI, comma-delimited UTF-8, one record per line). */
  static boolean applies(FileLayout l) {
    CsvHeader h = l.header();
    return h != null && Formats.BACI.equals(l.format()) && h.charset().equals(StandardCharsets.UTF_8)
        && h.delimiter() == ',' && !h.multiLine();
  }

  /** The plain lines, parsed ({@link #SCHEMA}). */
  Iterator<InternalRow> plain(Iterator<InternalRow> lines) {
    return new Filtered(lines, true);
  }

  /** The lines the general path reads: neither plain nor blank ({@link CsvSource#TEXT}, source file). */
  Iterator<InternalRow> others(Iterator<InternalRow> lines) {
    return new Filtered(lines, false);
  }

  /** The output row of a plain line, or null when the line is not plain. */
  Object[] parse(UTF8String line) {
    return parse(line, true);
  }

  /**
   * The output row of a plain line ({@link #PLAIN} when {@code build} is false: only whether it is
   * plain), or null when it is not plain. Reads the line's bytes where they are.
   */
  private Object[] parse(UTF8String line, boolean build) {
    Object b = line.getBaseObject();
    long base = line.getBaseOffset();
    int n = line.numBytes();
    int[] start = new int[width + 1];
    int field = 0;
    for (int p = 0; p < n; p++) {
      byte c = Platform.getByte(b, base + p);
      if (c == ',') {
        if (++field == width) {
          return null;
        }
        start[field] = p + 1;
      } else if (c < ' ' || c == '"' || c >= 0x7F) { // also every byte of a multi-byte or invalid sequence
        return null;
      }
    }
    if (field != width - 1) {
      return null;
    }
    start[width] = n + 1;
    long year = digits(b, base, start[t], start[t + 1] - 1);
    long partner = digits(b, base, start[i], start[i + 1] - 1);
    long reporter = digits(b, base, start[j], start[j + 1] - 1);
    if (year < Parse.YEAR_MIN || year > Parse.YEAR_MAX || partner < 0 || partner >= iso3.length
        || iso3[(int) partner] == null || reporter < 0 || reporter >= iso3.length || iso3[(int) reporter] == null) {
      return null;
    }
    int k0 = trimStart(b, base, start[k], start[k + 1] - 1);
    int k1 = trimEnd(b, base, k0, start[k + 1] - 1);
    if (!TradeRowParser.isHsCode(b, base, k0, k1)) {
      return null; // the general path says why ("unparsable hs_code '…'")
    }
    double value = amount(b, base, start[v], start[v + 1] - 1);
    if (Double.isNaN(value)) {
      return null;
    }
    Double weight = null;
    if (q >= 0) {
      int q0 = trimStart(b, base, start[q], start[q + 1] - 1);
      int q1 = trimEnd(b, base, q0, start[q + 1] - 1);
      if (!(q1 - q0 == 2 && (Platform.getByte(b, base + q0) | 0x20) == 'n'
          && (Platform.getByte(b, base + q0 + 1) | 0x20) == 'a')) { // BACI's "NA": no quantity, not a reject
        double w = amount(b, base, q0, q1);
        if (Double.isNaN(w)) {
          return null;
        }
        weight = w;
      }
    }
    if (!build) {
      return PLAIN;
    }
    UTF8String hs = line.substring(k0, k1); // bytes are characters: the line is ASCII
    if (k1 - k0 == 5 && digits(b, base, k0, k1) >= 0) { // a code that lost its leading zero
      hs = UTF8String.concat(ZERO, hs);
    }
    Object[] o = new Object[SCHEMA.size()];
    o[0] = (int) year;
    o[2] = iso3[(int) reporter];
    o[3] = iso3[(int) partner];
    o[4] = kind[(int) partner];
    o[5] = IMPORT;
    o[6] = hs;
    o[7] = value;
    o[8] = weight;
    o[9] = weight;
    o[10] = weight == null ? null : KG;
    o[11] = BACI;
    return o; // o[12], the classification, is the file's: set with the file (Filtered)
  }

  /** The digits of bytes {@code [start, end)}, spaces around them trimmed, as a number; -1 when empty, not all digits, or more than nine. */
  private static long digits(Object b, long base, int start, int end) {
    int from = trimStart(b, base, start, end);
    int to = trimEnd(b, base, from, end);
    if (to <= from || to - from > 9) {
      return -1;
    }
    long x = 0;
    for (int p = from; p < to; p++) {
      int d = Platform.getByte(b, base + p) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      x = x * 10 + d;
    }
    return x;
  }

  /**
   * Bytes {@code [start, end)}, spaces around them trimmed, as a non-negative amount in plain decimal
   * notation (digits, at most one point, at least one digit), scaled by {@link #SCALE}, zero without a sign; NaN when it is not
   * one or is above {@link #MAX} before scaling.
   */
  private static double amount(Object b, long base, int start, int end) {
    int from = trimStart(b, base, start, end);
    int to = trimEnd(b, base, from, end);
    long m = 0;
    int digits = 0;
    int point = -1;
    for (int p = from; p < to; p++) {
      byte c = Platform.getByte(b, base + p);
      int d = c - '0';
      if (d >= 0 && d <= 9) {
        if (m < 1L << 53) { // past 53 bits only the slow path below reads the digits
          m = m * 10 + d;
        }
        digits++;
      } else if (c == '.' && point < 0) {
        point = p;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    int decimals = point < 0 ? 0 : to - point - 1;
    double x;
    if (m < 1L << 53 && decimals < POW10.length) {
      x = m / POW10[decimals];
    } else {
      byte[] text = new byte[to - from];
      Platform.copyMemory(b, base + from, text, Platform.BYTE_ARRAY_OFFSET, text.length);
      x = Double.parseDouble(new String(text, StandardCharsets.US_ASCII));
    }
    if (x > MAX) {
      return Double.NaN;
    }
    return x == 0 ? 0.0 : x * SCALE;
  }

  /** The first byte of {@code [from, to)} that is not a space (the CSV reader trims fields), or {@code to}. */
  private static int trimStart(Object b, long base, int from, int to) {
    while (from < to && Platform.getByte(b, base + from) == ' ') {
      from++;
    }
    return from;
  }

  /** The end of {@code [from, to)} without its trailing spaces. */
  private static int trimEnd(Object b, long base, int from, int to) {
    while (to > from && Platform.getByte(b, base + to - 1) == ' ') {
      to--;
    }
    return to;
  }

  /** The plain lines as parsed rows, or the other non-blank lines as they are. */
  private final class Filtered implements Iterator<InternalRow> {
    private final Iterator<InternalRow> lines;
    private final boolean plain;
    private UTF8String file;
    private UTF8String classification;
    private InternalRow next;

    Filtered(Iterator<InternalRow> lines, boolean plain) {
      this.lines = lines;
      this.plain = plain;
    }

    @Override
    public boolean hasNext() {
      while (next == null && lines.hasNext()) {
        InternalRow r = lines.next();
        UTF8String line = r.getUTF8String(0);
        Object[] row = parse(line, plain);
        if (plain && row != null) {
          row[SCHEMA.size() - 1] = file(r.getUTF8String(1));
          row[CLASSIFICATION] = classification;
          next = new GenericInternalRow(row);
        } else if (!plain && row == null && !blank(line)) {
          next = new GenericInternalRow(new Object[] {line.copy(), file(r.getUTF8String(1))});
        }
      }
      return next != null;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      InternalRow r = next;
      next = null;
      return r;
    }

    /** The source file, copied once per file rather than once per row (its classification with it). */
    private UTF8String file(UTF8String f) {
      if (file == null || !file.equals(f)) {
        file = f.copy();
        String c = Classifications.ofBaciPath(file.toString());
        classification = c == null ? null : UTF8String.fromString(c);
      }
      return file;
    }
  }

  /** Spark's CSV reader skips a line that is empty once trimmed (every character at most a space). */
  private static boolean blank(UTF8String line) {
    for (int p = 0; p < line.numBytes(); p++) {
      if ((Platform.getByte(line.getBaseObject(), line.getBaseOffset() + p) & 0xFF) > ' ') {
        return false;
      }
    }
    return true;
  }
}
