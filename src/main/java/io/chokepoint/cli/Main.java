package io.chokepoint.cli;

import io.chokepoint.error.ChokepointException;
import io.chokepoint.error.ExitCodes;
import io.chokepoint.error.UsageException;
import io.chokepoint.pipeline.JobRunner;
import io.chokepoint.publish.Manifest;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.SpecLoader;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * {@code chokepoint run|validate --job PATH [--run-date YYYY-MM-DD] [--output PATH] [--set KEY=VALUE]…}, or
 * {@code chokepoint report --from OUTPUT_ROOT} (rebuilds an output root's {@code report/index.html}).
 *
 * <p>Exit codes: 0 success, 2 usage or spec error, 3 input error, 1 anything else. Every non-zero
 * exit prints one line saying what is wrong and where, before any stack trace.
 */
public final class Main {
  static final String USAGE = "usage: chokepoint run|validate --job PATH [--run-date YYYY-MM-DD] [--output PATH]"
      + " [--set KEY=VALUE]... | report --from OUTPUT_ROOT";

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    SparkSession.getDefaultSession().foreach(s -> {
      s.stop();
      return null;
    });
    System.exit(code);
  }

  /** Runs the CLI in this JVM (tests call this) and returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Args a = Args.parse(args);
      if (a.help) {
        out.println(USAGE);
        return ExitCodes.OK;
      }
      if (a.command.equals("report")) {
        SparkSession spark = SparkSession.builder().appName("chokepoint report").getOrCreate();
        out.println("report written to " + io.chokepoint.report.ReportCommand.run(spark, a.from));
        return ExitCodes.OK;
      }
      Configuration hadoop = SparkSession.getActiveSession().isDefined()
          ? SparkSession.getActiveSession().get().sparkContext().hadoopConfiguration() : new Configuration();
      JobSpec spec = SpecLoader.load(a.job, a.sets, a.output, hadoop);
      if (a.command.equals("validate")) {
        JobRunner.validate(spec, hadoop).forEach(out::println);
        out.println("job " + spec.name() + ": valid");
        return ExitCodes.OK;
      }
      SparkSession spark = SparkSession.builder().appName("chokepoint " + spec.name()).getOrCreate();
      Manifest m = JobRunner.run(spark, spec, a.runDate);
      out.println("job " + spec.name() + " published to " + spec.output().path() + " (run "
          + m.json().get("run_id").asText() + ")");
      return ExitCodes.OK;
    } catch (ChokepointException e) {
      err.println("chokepoint: error: " + e.getMessage());
      if (e.exitCode() == ExitCodes.FAILURE && e.getCause() != null) {
        e.printStackTrace(err);
      }
      return e.exitCode();
    } catch (RuntimeException | Error e) {
      err.println("chokepoint: error: unexpected failure: " + oneLine(e));
      e.printStackTrace(err);
      return ExitCodes.FAILURE;
    }
  }

  private static String oneLine(Throwable e) {
    String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return e.getClass().getName() + (msg.isEmpty() ? "" : ": " + msg);
  }

  /** Parsed command line. */
  static final class Args {
    String command;
    String job;
    String output;
    String from;
    LocalDate runDate = LocalDate.now(ZoneOffset.UTC);
    final List<String> sets = new ArrayList<>();
    boolean help;

    static Args parse(String[] argv) {
      Args a = new Args();
      if (argv.length == 0) {
        throw new UsageException("missing subcommand; " + USAGE);
      }
      int i = 0;
      if (argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
        a.help = true;
        return a;
      }
      a.command = argv[i++];
      if (!a.command.equals("run") && !a.command.equals("validate") && !a.command.equals("report")) {
        throw new UsageException("unknown subcommand '" + a.command + "'; " + USAGE);
      }
      while (i < argv.length) {
        String opt = argv[i++];
        if (opt.equals("--help") || opt.equals("-h")) {
          a.help = true;
          return a;
        }
        if (i >= argv.length) {
          throw new UsageException(opt + " needs a value; " + USAGE);
        }
        String v = argv[i++];
        switch (opt) {
          case "--job" -> a.job = v;
          case "--from" -> a.from = v;
          case "--output" -> a.output = v;
          case "--set" -> a.sets.add(v);
          case "--run-date" -> {
            try {
              a.runDate = LocalDate.parse(v);
            } catch (DateTimeParseException e) {
              throw new UsageException("--run-date '" + v + "': expected YYYY-MM-DD");
            }
          }
          default -> throw new UsageException("unknown option '" + opt + "'; " + USAGE);
        }
      }
      if (a.command.equals("report") != (a.from != null) || a.command.equals("report") && a.job != null) {
        throw new UsageException("report takes --from OUTPUT_ROOT (and nothing else), run and validate take --job; "
            + USAGE);
      }
      if (a.job == null && !a.command.equals("report")) {
        throw new UsageException("missing --job PATH; " + USAGE);
      }
      return a;
    }
  }
}
