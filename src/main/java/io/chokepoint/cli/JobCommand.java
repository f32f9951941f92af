package io.chokepoint.cli;

import io.chokepoint.error.ExitCodes;
import io.chokepoint.pipeline.JobRunner;
import io.chokepoint.publish.Manifest;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.Redaction;
import io.chokepoint.spec.SpecLoader;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * {@code run} and {@code validate} (and, through {@link ReportCommand}, {@code report}): the only part of
 * the CLI that touches Spark and Hadoop.
 */
final class JobCommand {
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
    SparkSession spark = SparkSession.builder().appName("chokepoint " + spec.name()).getOrCreate();
    Manifest m = JobRunner.run(spark, spec, a.runDate);
    out.println("job " + spec.name() + " published to " + Redaction.text(spec.output().path()) + " (run "
        + m.json().get("run_id").asText() + ")");
    return ExitCodes.OK;
  }

  /** Stops the session a run started (spark-submit's JVM exits right after). */
  static void stopSpark() {
    SparkSession.getDefaultSession().foreach(s -> {
      s.stop();
      return null;
    });
  }
}
