package io.chokepoint.spec;

/**
 * Where and how a job publishes.
 *
 * @param path the fully qualified output root (for iceberg: the warehouse of the default catalog)
 * @param format {@code parquet} (folders of Parquet under the root) or {@code iceberg}
 * @param catalog for iceberg: the Spark catalog name (default {@code chokepoint}); one configured
 *     with {@code --conf spark.sql.catalog.<name>=…} is used as it is
 * @param namespace for iceberg: the namespace of the tables (default: the job name, '-' as '_')
 */
public record OutputSpec(String path, String format, String catalog, String namespace) {}
