package io.chokepoint.ingest;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The contract of every input format: {@link #layout} at preflight (no data read beyond a file's
 * first bytes), then {@link #read} of files that share a layout into rows that carry the
 * {@link io.chokepoint.schema.RowStatus} columns. {@link Readers} maps each format name to its
 * reader and does what is common (expanding paths, de-duplicating files, grouping and union).
 * Adding a format is one class implementing this (usually through {@link CsvReader}) and one
 * registry line.
 */
public interface Reader {
  /**
   * How {@code file} is read as {@code format}; an {@link io.chokepoint.error.InputException}
   * (exit 3) naming the file when it is not that format.
   *
   * @param encoding a charset the spec forces, or null to detect
   */
  FileLayout layout(String file, String format, String encoding, Configuration conf);

  /**
   * The rows of files that share one {@link FileLayout#groupKey}: the format's columns plus the
   * status columns. Records are counted into {@link ReadContext#records()} as they are read.
   */
  Dataset<Row> read(ReadContext ctx, List<FileLayout> files);
}
