package io.chokepoint.ingest;

/** What one input file was read as: for {@code validate} and the manifest. */
public record FileLayout(String file, String format, String encoding) {}
