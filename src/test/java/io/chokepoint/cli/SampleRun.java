package io.chokepoint.cli;

import io.chokepoint.cli.CliTestSupport.Result;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.WarnCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample pipeline ({@code jobs/full-pipeline.json}) validated and run once through {@code Main} in
 * the suite's JVM, for every test that reads that plain run ({@link SamplePipelineTest}, and
 * {@link AcceleratorEndToEndTest} as the run without the accelerator): one run of about a minute
 * instead of one per class. Its output lives in a temporary folder deleted when the JVM exits.
 */
final class SampleRun {
  static final String JOB = "jobs/full-pipeline.json";
  static final String RUN_DATE = "2026-01-06";
  private static SampleRun once;

  /** The output root, the results of {@code validate} and {@code run}, and the WARN lines logged during the run. */
  final Path out;
  final Result validate;
  final Result run;
  final List<String> warnings;

  private SampleRun(Path out, Result validate, Result run, List<String> warnings) {
    this.out = out;
    this.validate = validate;
    this.run = run;
    this.warnings = warnings;
  }

  /** The run, made on the first call. */
  static synchronized SampleRun get() {
    if (once == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("chokepoint-sample-run");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      Path out = dir.resolve("out");
      Result validate = CliTestSupport.cli("validate", "--job", Paths.project(JOB), "--output", out.toString());
      try (WarnCapture log = new WarnCapture()) {
        Result run = CliTestSupport.cli("run", "--job", Paths.project(JOB), "--output", out.toString(), "--run-date",
            RUN_DATE);
        once = new SampleRun(out, validate, run, log.lines());
      }
    }
    return once;
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind at exit: nothing to report to
    }
  }
}
