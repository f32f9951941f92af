package io.chokepoint.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The job's tables as the run produces them: each ingested input's used rows, and each table a
 * step published (read back from staging, as it will be published). Steps reach tables only
 * through their {@link StepContext}, which holds them to their declarations.
 */
final class Catalog {
  /**
   * A published table.
   *
   * @param name the table's name
   * @param rows its rows
   * @param product the name of its product column ({@code commodity_group} or {@code hs_code}), or
   *     null when it has none
   */
  record Table(String name, Dataset<Row> rows, String product) {}

  private final Map<String, Dataset<Row>> inputs = new LinkedHashMap<>();
  private final Map<String, Dataset<Row>> landed = new LinkedHashMap<>();
  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** An ingested input: every row with its status, and the used rows. */
  void putInput(String name, Dataset<Row> all, Dataset<Row> used) {
    landed.put(name, all);
    inputs.put(name, used);
  }

  Optional<Dataset<Row>> landed(String name) {
    return Optional.ofNullable(landed.get(name));
  }

  Optional<Dataset<Row>> input(String name) {
    return Optional.ofNullable(inputs.get(name));
  }

  void put(Table t) {
    if (tables.putIfAbsent(t.name(), t) != null) {
      throw new IllegalStateException("table " + t.name() + " is published twice");
    }
  }

  Optional<Table> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** The published table names, in the order they were published. */
  java.util.List<String> names() {
    return java.util.List.copyOf(tables.keySet());
  }
}
