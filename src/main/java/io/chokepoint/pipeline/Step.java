package io.chokepoint.pipeline;

import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One part of a job, declared by what it reads and writes: the {@link Plan} runs it when the spec
 * has one of its {@link #triggers}, ingests the inputs it {@link #reads} before any step runs,
 * orders it after the steps that produce what it {@link #needs} or {@link #uses}, and hands it
 * those tables through its {@link StepContext} — a step never reads another step's files.
 */
interface Step {
  String name();

  /** Spec inputs that make the step run (any one present). */
  List<String> triggers();

  /**
   * Whether the spec asks for the step beyond naming a trigger input: a step a parameter switches on
   * ({@code params.value_chain}, {@code params.blocs}) says so here. Default: always.
   */
  default boolean requested(JobSpec spec) {
    return true;
  }

  /** Spec inputs it reads when the spec has them. */
  List<String> reads();

  /** Tables it publishes (some only when an optional input is present). */
  List<String> produces();

  /** Tables of other steps it cannot run without: validation fails when no step of the job produces one. */
  default List<String> needs() {
    return List.of();
  }

  /** Tables of other steps it uses when the job produces them. */
  default List<String> uses() {
    return List.of();
  }

  /** Spec rules beyond what the spec loader checks (no data read); a violation is a UsageException. */
  default void validate(JobSpec spec) {}

  /**
   * Checks that need the reference tables (no data read), run in preflight: a spec rule broken is a
   * UsageException, a bad reference file an InputException.
   */
  default void preflight(JobSpec spec, Reference ref, Configuration conf) {}

  /** Inputs read by default when the spec names none (e.g. the export-control events in the jar). */
  default Map<String, InputSpec> defaults(JobSpec spec) {
    return Map.of();
  }

  /**
   * The job's scope applied to an input this step reads, while it is ingested: rows out of scope
   * get a filter reason (and are counted), so they never reach any step.
   */
  default Dataset<Row> scope(String input, Dataset<Row> parsed, JobSpec spec, Reference ref) {
    return parsed;
  }

  /**
   * When the step publishes an input's used rows unchanged: the table they are landed in straight
   * by the ingest scan (no work table of every row, no copy), the columns it keeps, and every filter
   * reason the input's reader and {@link #scope} can give (each counted as the rows stream by).
   * Empty: every row is landed with its status in a work table first.
   */
  default Optional<Landing> landing(String input, JobSpec spec) {
    return Optional.empty();
  }

  /**
   * Where an input's used rows land straight.
   *
   * @param table the table's name
   * @param publish whether it is published (else it is a work table of the run)
   * @param columns the columns it keeps
   * @param filterReasons every filter reason rows of the input can have
   */
  record Landing(String table, boolean publish, List<String> columns, List<String> filterReasons) {}

  void run(StepContext ctx);
}
