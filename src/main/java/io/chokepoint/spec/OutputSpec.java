package io.chokepoint.spec;

/**
 * Where and how a job publishes.
 *
 * @param path the fully qualified output root
 * @param format {@code parquet} (folders of Parquet under the root)
 */
public record OutputSpec(String path, String format) {}
