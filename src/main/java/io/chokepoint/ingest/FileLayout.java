package io.chokepoint.ingest;

/**
 * How one input file is read, decided once at preflight from its first bytes: the format, the
 * encoding, the sniffed header (null for Parquet and driver-side files) and, for formats with
 * several layouts, which one. For {@code validate}, the manifest and the reader.
 */
public record FileLayout(String file, String format, String encoding, CsvHeader header, String variant) {
  /** The encoding recorded for Parquet files. */
  public static final String PARQUET = "parquet";

  public FileLayout(String file, String format, String encoding) {
    this(file, format, encoding, null, "");
  }

  /** A CSV file read with {@code header}. */
  public static FileLayout csv(String file, String format, CsvHeader header, String variant) {
    return new FileLayout(file, format, header.charset().name(), header, variant);
  }

  /** Files with equal keys are read together by one scan. */
  public String groupKey() {
    return format + "|" + variant + "|" + encoding + "|" + (header == null ? "" : header.layoutKey());
  }

  /** One line for {@code validate}: {@code input: file — format, encoding}. */
  public String describe(String input) {
    return input + ": " + file + " — " + format + (variant.isEmpty() ? "" : " (" + variant + ")") + ", " + encoding;
  }
}
