package io.chokepoint.ingest;

import io.chokepoint.error.Failures;
import io.chokepoint.error.InputException;
import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.SupplyColumns;
import io.chokepoint.spec.Formats;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the export-control events table (small; read on the driver, so rejects carry their line):
 * {@code date, imposing_iso3, target (ISO3 or ALL), product_groups ('|'-separated), measure (ban,
 * licence or quota), source}. Output: event_date, imposing_iso3, target, product_groups (array),
 * measure, source, plus the {@link RowStatus} columns and {@link RowStatus#LINE}. Without an
 * {@code export_controls} input the table shipped in the jar is used.
 */
public final class ExportControlsReader implements io.chokepoint.ingest.Reader {
  public static final String BUNDLED = "jar:/reference/export-controls.csv";
  static final List<String> HEADER = List.of("date", "imposing_iso3", "target", "product_groups", "measure", "source");
  static final List<String> MEASURES = List.of("ban", "licence", "quota");
  /** A product group is a name like the commodity reference's ({@code rare_earths}): a key, not free text. */
  static final java.util.regex.Pattern GROUP = java.util.regex.Pattern.compile("[A-Za-z0-9_]+");
  static final StructType SCHEMA = new StructType()
      .add(SupplyColumns.EVENT_DATE, DataTypes.DateType)
      .add(SupplyColumns.IMPOSING, DataTypes.StringType)
      .add(SupplyColumns.TARGET, DataTypes.StringType)
      .add("product_groups", DataTypes.createArrayType(DataTypes.StringType))
      .add(SupplyColumns.MEASURE, DataTypes.StringType)
      .add(SupplyColumns.SOURCE, DataTypes.StringType)
      .add(RowStatus.REJECT_REASON, DataTypes.StringType)
      .add(RowStatus.FILTER_REASON, DataTypes.StringType)
      .add(RowStatus.RAW, DataTypes.StringType)
      .add(RowStatus.SOURCE_FILE, DataTypes.StringType)
      .add(RowStatus.STATUS, DataTypes.StringType)
      .add(RowStatus.LINE, DataTypes.LongType);

  /**
   * Checks the header and that the file splits into records (a quote left open stops it, naming the
   * line); the rows themselves are checked, and rejected with their line, when read.
   */
  @Override
  public FileLayout layout(String file, String format, String encoding, Configuration conf) {
    long line = 1;
    try (InputStream in = open(file, conf);
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setTrim(true).build().parse(r)) {
      Iterator<CSVRecord> it = p.iterator();
      List<String> names = it.hasNext() ? it.next().toList().stream().map(h -> h.replace("\uFEFF", "").strip()).toList()
          : List.of();
      List<String> missing = HEADER.stream().filter(h -> !names.contains(h)).toList();
      if (!missing.isEmpty()) {
        throw new InputException(file + ": header not recognised as " + Formats.EXPORT_CONTROLS + "; missing columns "
            + missing);
      }
      line = p.getCurrentLineNumber() + 1;
      while (it.hasNext()) {
        it.next();
        line = p.getCurrentLineNumber() + 1;
      }
    } catch (UncheckedIOException e) {
      throw new InputException(file + ", line " + line + ": a quoted field is never closed (unbalanced '\"'), so the"
          + " records after it cannot be told apart", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(file + ": cannot be read (" + Failures.describe(e) + ")", e);
    }
    return new FileLayout(file, Formats.EXPORT_CONTROLS, "UTF-8");
  }

  @Override
  public Dataset<Row> read(ReadContext ctx, List<FileLayout> files) {
    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    List<Row> rows = new ArrayList<>();
    for (FileLayout f : files) {
      rows.addAll(parse(f.file(), conf, ctx.countries()));
    }
    ctx.records().add(rows.size());
    return ctx.spark().createDataFrame(rows, SCHEMA);
  }

  /**
   * Parses one events file. Blank lines, and lines that repeat the header (files concatenated with
   * their headers), are skipped as the CSV readers skip them: neither is a record, so rows read =
   * used + rejected + filtered still holds. A row whose field count differs from the
   * header's is a reject with its line; a quote left open (the rest of the file cannot be split into
   * records) stops the file with the line it opened on.
   */
  static List<Row> parse(String file, Configuration conf, Countries countries) {
    List<Row> out = new ArrayList<>();
    long line = 1; // the line the next record starts on
    try (InputStream in = open(file, conf);
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setTrim(true).setIgnoreEmptyLines(false).build().parse(r)) {
      Iterator<CSVRecord> it = p.iterator();
      List<String> header = null;
      while (header == null && it.hasNext()) {
        CSVRecord rec = it.next();
        line = p.getCurrentLineNumber() + 1;
        if (!blank(rec)) {
          header = rec.toList().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
        }
      }
      List<String> names = header == null ? List.of() : header;
      List<String> missing = HEADER.stream().filter(h -> !names.contains(h)).toList();
      if (!missing.isEmpty()) {
        throw new InputException(file + ": header not recognised as " + Formats.EXPORT_CONTROLS + "; missing columns "
            + missing);
      }
      int[] at = HEADER.stream().mapToInt(names::indexOf).toArray();
      while (it.hasNext()) {
        long start = line;
        CSVRecord rec = it.next();
        line = p.getCurrentLineNumber() + 1;
        if (!blank(rec) && !sameAsHeader(rec, names)) {
          out.add(row(file, start, rec, names.size(), at, countries));
        }
      }
    } catch (UncheckedIOException e) {
      throw new InputException(file + ", line " + line + ": a quoted field is never closed (unbalanced '\"'), so the"
          + " records after it cannot be told apart", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(file + ": cannot be read (" + Failures.describe(e) + ")", e);
    }
    return out;
  }

  /** A line with nothing on it (spaces aside), skipped as Spark's CSV reader skips it; ",,," is a record. */
  private static boolean blank(CSVRecord rec) {
    return rec.size() == 1 && rec.get(0).isEmpty();
  }

  /**
   * A record whose fields are the header's names (byte order marks and surrounding spaces aside,
   * trailing empty fields ignored on both sides), as {@link CsvSource#isHeaderLine} tells a
   * repeated header line in the CSV readers.
   */
  private static boolean sameAsHeader(CSVRecord rec, List<String> header) {
    List<String> fields = new ArrayList<>(rec.toList().stream().map(f -> f.replace("\uFEFF", "").strip()).toList());
    List<String> names = new ArrayList<>(header);
    dropTrailingEmpty(fields);
    dropTrailingEmpty(names);
    return fields.equals(names);
  }

  private static void dropTrailingEmpty(List<String> l) {
    while (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
      l.remove(l.size() - 1);
    }
  }

  /** One event row, or a reject: {@code at} holds the index of each {@link #HEADER} column. */
  private static Row row(String file, long line, CSVRecord rec, int width, int[] at, Countries countries) {
    String raw = String.join(",", rec.toList());
    if (rec.size() != width) {
      return RowFactory.create(null, null, null, new String[0], null, null,
          rec.size() + " fields, header has " + width, null, raw, file, RowStatus.REJECTED, line);
    }
    String reason = raw.indexOf('\uFFFD') >= 0 ? "invalid UTF-8 bytes in the record" : null;
    Date date = null;
    String dateText = rec.get(at[0]);
    try {
      LocalDate d = LocalDate.parse(dateText);
      if (d.getYear() < Parse.YEAR_MIN || d.getYear() > Parse.YEAR_MAX) {
        throw new DateTimeParseException("year out of range", dateText, 0);
      }
      date = Date.valueOf(d);
    } catch (DateTimeParseException e) {
      reason = reason == null ? "unparsable date '" + dateText + "'" : reason;
    }
    String imposing = rec.get(at[1]).toUpperCase(Locale.ROOT);
    String target = rec.get(at[2]).toUpperCase(Locale.ROOT);
    List<String> groups = Arrays.stream(rec.get(at[3]).split("\\|")).map(String::trim)
        .filter(g -> !g.isEmpty()).toList();
    String measure = rec.get(at[4]).toLowerCase(Locale.ROOT);
    if (reason == null && countries.byAlpha(imposing).isEmpty()) {
      reason = "unknown imposing country '" + imposing + "'";
    } else if (reason == null && !target.equals(SupplyColumns.ALL_TARGETS) && countries.byAlpha(target).isEmpty()) {
      reason = "unknown target '" + target + "'";
    } else if (reason == null && groups.isEmpty()) {
      reason = "missing product_groups";
    } else if (reason == null && groups.stream().anyMatch(g -> !GROUP.matcher(g).matches())) {
      reason = "unparsable product_groups '" + rec.get(at[3]) + "' (names of letters, digits and '_', '|'-separated)";
    } else if (reason == null && !MEASURES.contains(measure)) {
      reason = "unknown measure '" + measure + "' (expected one of " + MEASURES + ")";
    }
    boolean ok = reason == null;
    return RowFactory.create(date, ok ? countries.byAlpha(imposing).get().iso3() : imposing,
        ok && !target.equals(SupplyColumns.ALL_TARGETS) ? countries.byAlpha(target).get().iso3() : target,
        groups.toArray(String[]::new), measure, rec.get(at[5]), reason, null, ok ? null : raw, file,
        ok ? RowStatus.USED : RowStatus.REJECTED, line);
  }

  private static InputStream open(String file, Configuration conf) throws IOException {
    if (file.equals(BUNDLED)) {
      InputStream in = ExportControlsReader.class.getResourceAsStream("/reference/export-controls.csv");
      if (in == null) {
        throw new IOException("missing from the jar");
      }
      return in;
    }
    return CsvSniffer.open(new Path(file), conf);
  }
}
