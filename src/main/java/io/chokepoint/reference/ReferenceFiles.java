package io.chokepoint.reference;

import io.chokepoint.error.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Reads a small reference CSV (UTF-8, header row) from a Hadoop path or from the jar. */
final class ReferenceFiles {
  private ReferenceFiles() {}

  /**
   * @param path a Hadoop path, or null for {@code /reference/<bundled>} inside the jar
   * @param required header names that must be present
   */
  static List<CSVRecord> read(String path, String bundled, List<String> required, Configuration conf) {
    String where = path == null ? "jar:/reference/" + bundled : path;
    try (InputStream in = open(path, bundled, conf);
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(r)) {
      for (String h : required) {
        if (!p.getHeaderMap().containsKey(h)) {
          throw new InputException(where + ": header has no column '" + h + "' (found " + p.getHeaderNames() + ")");
        }
      }
      List<CSVRecord> rows = new ArrayList<>();
      for (CSVRecord rec : p) {
        if (rec.size() == 1 && rec.get(0).isEmpty()) {
          continue;
        }
        rows.add(rec);
      }
      return rows;
    } catch (IOException | RuntimeException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      throw new InputException(where + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static InputStream open(String path, String bundled, Configuration conf) throws IOException {
    if (path == null) {
      InputStream in = ReferenceFiles.class.getResourceAsStream("/reference/" + bundled);
      if (in == null) {
        throw new IOException("missing from the jar");
      }
      return in;
    }
    Path p = new Path(path);
    return p.getFileSystem(conf).open(p);
  }

  static InputException bad(String path, String bundled, CSVRecord rec, String what) {
    String where = path == null ? "jar:/reference/" + bundled : path;
    return new InputException(where + ", line " + (rec.getRecordNumber() + 1) + ": " + what);
  }
}
