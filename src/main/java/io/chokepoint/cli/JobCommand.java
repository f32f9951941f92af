package io.chokepoint.cli;

import io.chokepoint.error.ExitCodes;
import io.chokepoint.pipeline.JobRunner;
import io.chokepoint.publish.Manifest;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.Redaction;
import io.chokepoint.spec.SpecLoader;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code run} and {@code validate} (and, through {@link ReportCommand}, {@code report}): the only part of
 * the CLI that touches Spark and Hadoop.
 */
final class JobCommand {
  /**
   * Spark settings the product defaults where the user has set nothing. Spark 4's per-session
   * artifact isolation serves classes added to a session at run time, which a batch job never adds;
   * with it, every task resolves the classes its generated code names through the driver, and a task
   * killed while it compiles (the other tasks of a failed stage) logs a codegen failure with a long
   * trace after the run's one error line (PySpark sets the same default). Spark 3.5 has no such
   * setting and ignores it.
   */
  static final java.util.Map<String, String> DEFAULTS = java.util.Map.of("spark.sql.artifact.isolation.enabled", "false");

  private JobCommand() {}

  static int run(Main.Args a, PrintStream out) {
    if (a.command.equals("report")) {
      return ReportCommand.run(a, out);
    }
    Configuration hadoop = SparkSession.getActiveSession().isDefined()
        ? SparkSession.getActiveSession().get().sparkContext().hadoopConfiguration() : new Configuration();
    JobSpec spec = SpecLoader.load(a.job, a.sets, a.output, hadoop);
    if (a.command.equals("validate")) {
      JobRunner.validate(spec, hadoop).forEach(l -> out.println(Redaction.text(l)));
      out.println("job " + spec.name() + ": valid");
      return ExitCodes.OK;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("chokepoint " + spec.name());
    SparkConf given = new SparkConf(); // what spark-submit, --conf and -Dspark.* set: never overridden
    DEFAULTS.forEach((k, v) -> {
      if (!given.contains(k) && SparkSession.getDefaultSession().isEmpty()) { // a session already there keeps its own
        builder.config(k, v);
      }
    });
    SparkSession spark = builder.getOrCreate();
    Manifest m = JobRunner.run(spark, spec, a.runDate);
    out.println("job " + spec.name() + " published to " + Redaction.text(spec.output().path()) + " (run "
        + m.json().get("run_id").asText() + ")");
    return ExitCodes.OK;
  }

  /** How long a failed run waits for the tasks its jobs still run to end before Spark stops. */
  static final long DRAIN_MILLIS = 10_000;

  /**
   * Stops the session a run started (spark-submit's JVM exits right after). A run that failed may
   * leave tasks of its last stage running (the stage's other tasks, being killed): their jobs are
   * cancelled and the session stops once no task runs (at most {@link #DRAIN_MILLIS}), so a task
   * does not fail noisily against a stopping session after the run's one error line.
   */
  static void stopSpark() {
    SparkSession.getDefaultSession().foreach(s -> {
      var sc = s.sparkContext();
      sc.cancelAllJobs();
      long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
      while (System.currentTimeMillis() < deadline
          && java.util.Arrays.stream(sc.statusTracker().getExecutorInfos()).anyMatch(e -> e.numRunningTasks() > 0)) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      s.stop();
      return null;
    });
  }
}
