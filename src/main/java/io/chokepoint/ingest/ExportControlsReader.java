package io.chokepoint.ingest;

import io.chokepoint.error.InputException;
import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.SupplyColumns;
import io.chokepoint.spec.Formats;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** Reads the header line only: the rows are checked (and rejected with their line) when read. */
  @Override
  public FileLayout layout(String file, String format, String encoding, Configuration conf) {
    try (InputStream in = open(file, conf);
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(r)) {
      List<String> missing = HEADER.stream().filter(h -> !p.getHeaderMap().containsKey(h)).toList();
      if (!missing.isEmpty()) {
        throw new InputException(file + ": header not recognised as " + Formats.EXPORT_CONTROLS + "; missing columns "
            + missing);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
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

  static List<Row> parse(String file, Configuration conf, Countries countries) {
    List<Row> out = new ArrayList<>();
    try (InputStream in = open(file, conf);
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(r)) {
      List<String> missing = HEADER.stream().filter(h -> !p.getHeaderMap().containsKey(h)).toList();
      if (!missing.isEmpty()) {
        throw new InputException(file + ": header not recognised as " + Formats.EXPORT_CONTROLS + "; missing columns "
            + missing);
      }
      for (CSVRecord rec : p) {
        String reason = null;
        Date date = null;
        try {
          LocalDate d = LocalDate.parse(rec.get("date"));
          if (d.getYear() < Parse.YEAR_MIN || d.getYear() > Parse.YEAR_MAX) {
            throw new DateTimeParseException("year out of range", rec.get("date"), 0);
          }
          date = Date.valueOf(d);
        } catch (DateTimeParseException e) {
          reason = "unparsable date '" + rec.get("date") + "'";
        }
        String imposing = rec.get("imposing_iso3").toUpperCase(Locale.ROOT);
        String target = rec.get("target").toUpperCase(Locale.ROOT);
        List<String> groups = Arrays.stream(rec.get("product_groups").split("\\|")).map(String::trim)
            .filter(s -> !s.isEmpty()).toList();
        String measure = rec.get("measure").toLowerCase(Locale.ROOT);
        if (reason == null && countries.byAlpha(imposing).isEmpty()) {
          reason = "unknown imposing country '" + imposing + "'";
        } else if (reason == null && !target.equals(SupplyColumns.ALL_TARGETS) && countries.byAlpha(target).isEmpty()) {
          reason = "unknown target '" + target + "'";
        } else if (reason == null && groups.isEmpty()) {
          reason = "missing product_groups";
        } else if (reason == null && !MEASURES.contains(measure)) {
          reason = "unknown measure '" + measure + "' (expected one of " + MEASURES + ")";
        }
        boolean ok = reason == null;
        out.add(RowFactory.create(date, ok ? countries.byAlpha(imposing).get().iso3() : imposing,
            ok && !target.equals(SupplyColumns.ALL_TARGETS) ? countries.byAlpha(target).get().iso3() : target,
            groups.toArray(String[]::new), measure, rec.get("source"), reason, null,
            ok ? null : String.join(",", rec.toList()), file, ok ? RowStatus.USED : RowStatus.REJECTED,
            rec.getRecordNumber() + 1));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    return out;
  }

  private static InputStream open(String file, Configuration conf) throws IOException {
    if (file.equals(BUNDLED)) {
      InputStream in = ExportControlsReader.class.getResourceAsStream("/reference/export-controls.csv");
      if (in == null) {
        throw new IOException("missing from the jar");
      }
      return in;
    }
    Path p = new Path(file);
    return p.getFileSystem(conf).open(p);
  }
}
