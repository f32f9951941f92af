package io.chokepoint.cli;

import io.chokepoint.error.ChokepointException;
import io.chokepoint.error.ExitCodes;
import io.chokepoint.error.Failures;
import io.chokepoint.error.UsageException;
import io.chokepoint.spec.Redaction;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code chokepoint run|validate --job PATH [--run-date YYYY-MM-DD] [--output PATH] [--set KEY=VALUE]…}, or
 * {@code chokepoint report --from OUTPUT_ROOT} (rebuilds an output root's {@code report/index.html}).
 *
 * <p>Exit codes: 0 success, 2 usage or spec error, 3 input error, 1 anything else. Every non-zero
 * exit prints one line saying what is wrong and where, secrets redacted; a failure the product
 * understands prints nothing more. This class loads neither Spark nor Hadoop (help works from
 * {@code java -jar}); {@link JobCommand} does the work.
 */
public final class Main {
  static final String USAGE = Help.USAGE;
  private static boolean jobStarted;

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (jobStarted) {
      try {
        JobCommand.stopSpark();
      } catch (LinkageError e) {
        // Spark was never there: nothing to stop.
      }
    }
    System.exit(code);
  }

  /** Runs the CLI in this JVM (tests call this) and returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Args a = Args.parse(args);
      if (a.help) {
        out.print(Help.TEXT);
        return ExitCodes.OK;
      }
      jobStarted = true;
      return JobCommand.run(a, out);
    } catch (NoClassDefFoundError e) {
      if (!sparkPresent()) {
        err.println("chokepoint: error: Spark is not on the class path (" + String.valueOf(e.getMessage())
            .replace('/', '.') + " not found): submit the jar with spark-submit, or use scripts/run-local.sh;"
            + " only --help works without Spark");
        return ExitCodes.FAILURE;
      }
      return unexpected(e, err);
    } catch (Exception | Error e) { // Spark throws checked exceptions (SparkException) undeclared
      Optional<ChokepointException> known = Failures.classify(e);
      if (known.isPresent()) {
        err.println("chokepoint: error: " + oneLine(known.get().getMessage()));
        return known.get().exitCode();
      }
      return unexpected(e, err);
    }
  }

  private static boolean sparkPresent() {
    try {
      Class.forName("org.apache.spark.sql.SparkSession", false, Main.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** A failure nobody translated (a bug): one line, then the trace, both redacted. */
  private static int unexpected(Throwable e, PrintStream err) {
    err.println("chokepoint: error: unexpected failure: " + oneLine(e.getClass().getName() + ": "
        + Failures.firstLine(e)));
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    trace.toString().lines().forEach(l -> err.println(Redaction.text(l)));
    return ExitCodes.FAILURE;
  }

  /** A message as one line, secrets redacted. */
  static String oneLine(String msg) {
    String m = msg == null ? "" : msg.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    return Redaction.text(m);
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
      for (String arg : argv) {
        if (arg.equals("--help") || arg.equals("-h")) {
          a.help = true;
          return a;
        }
      }
      if (argv[0].equals("help")) {
        a.help = true;
        return a;
      }
      a.command = argv[i++];
      if (!a.command.equals("run") && !a.command.equals("validate") && !a.command.equals("report")) {
        throw new UsageException("unknown subcommand '" + a.command + "'; " + USAGE + " (--help explains each)");
      }
      while (i < argv.length) {
        String opt = argv[i++];
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
      boolean report = a.command.equals("report");
      if (report != (a.from != null) || report && (a.job != null || a.output != null || !a.sets.isEmpty())) {
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
