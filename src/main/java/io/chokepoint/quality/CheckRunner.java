package io.chokepoint.quality;

import io.chokepoint.error.InputException;
import io.chokepoint.spec.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's checks: records each result (log, manifest, the {@code checks} table) and, at each
 * gate, stops the run when an Error-level check has failed — right after ingest for input checks,
 * before publish for output checks.
 */
public final class CheckRunner {
  private static final Logger LOG = LoggerFactory.getLogger("io.chokepoint.progress");
  /**
   * The check results, one row per check (like Deequ's), published as Parquet beside
   * {@code _manifest.json} in the output root.
   */
  public static final String TABLE = "_checks";
  public static final StructType SCHEMA = new StructType()
      .add("name", DataTypes.StringType, false)
      .add("level", DataTypes.StringType, false)
      .add("passed", DataTypes.BooleanType, false)
      .add("observed", DataTypes.StringType, true)
      .add("threshold", DataTypes.StringType, true)
      .add("detail", DataTypes.StringType, true);

  private final List<Check> results = new ArrayList<>();
  private final Consumer<Check> record;

  /** @param record where each result is recorded as it is found (the manifest) */
  public CheckRunner(Consumer<Check> record) {
    this.record = record;
  }

  /**
   * Records a result. Its detail is redacted first ({@link Redaction#text}): it names input files,
   * whose URIs may carry user-info, and quotes values, and it goes to the log, the manifest, the
   * {@code _checks} table and the exit-3 message alike.
   */
  public void add(Check check) {
    Check c = new Check(check.name(), check.level(), check.passed(), check.observed(), check.threshold(),
        Redaction.text(check.detail()));
    results.add(c);
    record.accept(c);
    if (!c.passed()) {
      LOG.warn("check {} ({}) failed: observed {}, expected {} — {}", c.name(), c.level().label(), c.observed(),
          c.threshold(), c.detail());
    }
  }

  public void addAll(List<Check> checks) {
    checks.forEach(this::add);
  }

  /** Throws an {@link InputException} (exit 3) naming the first failed Error check of the run so far. */
  public void gate(String phase) {
    gate(phase, results);
  }

  /** The same, for the first failed Error check among {@code checks}. */
  public void gate(String phase, List<Check> checks) {
    List<Check> failed = checks.stream().filter(Check::failsRun).toList();
    if (!failed.isEmpty()) {
      Check c = failed.get(0);
      throw new InputException("data check " + c.name() + " failed " + phase + " (observed " + c.observed()
          + ", expected " + c.threshold() + "): " + c.detail()
          + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more failed checks)" : ""));
    }
  }

  public List<Check> results() {
    return List.copyOf(results);
  }

  /** The results as the {@code checks} table. */
  public Dataset<Row> table(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Check c : results) {
      rows.add(RowFactory.create(c.name(), c.level().label(), c.passed(), c.observed(), c.threshold(), c.detail()));
    }
    return spark.createDataFrame(rows, SCHEMA).coalesce(1);
  }
}
