package io.chokepoint.pipeline;

import io.chokepoint.quality.Check;
import io.chokepoint.spec.JobParams;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What one step sees while it runs: Spark, the reference, the job's parsed
 * parameters, the inputs it reads and the tables it needs or uses (nothing else: asking for an
 * undeclared one is a bug), and a way to publish the tables it produces and to add checks.
 */
final class StepContext {
  private final Step step;
  private final Run run;

  StepContext(Step step, Run run) {
    this.step = step;
    this.run = run;
  }

  SparkSession spark() {
    return run.spark;
  }

  Reference reference() {
    return run.reference;
  }

  JobParams params() {
    return run.spec.params();
  }

  /** The used rows of an input the step reads, with their status columns; empty when the spec has none. */
  Optional<Dataset<Row>> input(String name) {
    declared(step.reads().contains(name), "input " + name);
    return run.catalog.input(name);
  }

  /** Every row of an input the step reads, whatever its status (with the status columns). */
  Optional<Dataset<Row>> landed(String name) {
    declared(step.reads().contains(name), "input " + name);
    return run.catalog.landed(name);
  }

  /** A table the step needs (always there) or uses (there when the job produces it). */
  Optional<Catalog.Table> table(String name) {
    declared(step.needs().contains(name) || step.uses().contains(name), "table " + name);
    return run.catalog.table(name);
  }

  /** Whether a table the step produces is published already (landed straight by the ingest, see {@link Step#landing}). */
  boolean published(String table) {
    declared(step.produces().contains(table), "output table " + table);
    return run.catalog.table(table).isPresent();
  }

  /** Publishes a table the step produces; returns it as staged, to derive further tables from. */
  Dataset<Row> publish(String table, Dataset<Row> rows) {
    return publish(table, rows, null);
  }

  /** The same, for a table whose product column is {@code product} (consumers read it from the catalog). */
  Dataset<Row> publish(String table, Dataset<Row> rows, String product) {
    return publish(table, rows, product, List.of()).rows();
  }

  /** The same, also observing {@code metrics} (named aggregates) over the rows while they are written. */
  Run.Staged publish(String table, Dataset<Row> rows, String product, List<Column> metrics) {
    declared(step.produces().contains(table), "output table " + table);
    Run.Staged staged = run.publishTable(table, rows, step.reads(), metrics);
    run.catalog.put(new Catalog.Table(table, staged.rows(), product));
    return staged;
  }

  /** Records a fact about a table the step published beside it in the manifest's {@code outputs}. */
  void note(String table, String key, String value) {
    declared(step.produces().contains(table), "output table " + table);
    run.manifest.note(table, key, value);
  }

  /**
   * Runs {@code work} as a stage of its own: its seconds are logged and recorded in the manifest
   * (without a row count), e.g. building a result whose construction runs Spark jobs.
   */
  <T> T stage(String name, Supplier<T> work) {
    return run.stage(name, work, null);
  }

  /**
   * Tells the run that the step's last stage has read an input's used rows ({@link #input}) in a
   * query of its own: an input read in place is counted from what that query observed, and the run
   * stops there if the input's checks fail (before the step writes anything when that query is a
   * map side, as in the rows exposure pass; after a write to staging when it is one, as in its SQL
   * form; never after publishing).
   */
  void inputRead(String name) {
    declared(step.reads().contains(name), "input " + name);
    run.inputRead(name, INPUT_REPORT_WAIT);
  }

  /** How long a query's observed counts may take to reach the driver once it has ended (normally milliseconds). */
  private static final java.time.Duration INPUT_REPORT_WAIT = java.time.Duration.ofSeconds(60);

  /** The inputs the step reads with their files, for the detail of a check that fails. */
  String sources() {
    return run.sources(step.reads());
  }

  void check(Check c) {
    run.checks.add(c);
  }

  private void declared(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("step " + step.name() + " did not declare " + what);
    }
  }
}
