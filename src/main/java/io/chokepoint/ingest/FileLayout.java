package io.chokepoint.ingest;

/** What one input file was read as: for {@code validate} and the manifest. */
public record FileLayout(String file, String format, String encoding) {
  /** The encoding recorded for Parquet files. */
  public static final String PARQUET = "parquet";

  /** One line for {@code validate}: {@code input: file — format, encoding}. */
  public String describe(String input) {
    return input + ": " + file + " — " + format + ", " + encoding;
  }
}
