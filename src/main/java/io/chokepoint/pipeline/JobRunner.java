package io.chokepoint.pipeline;

import io.chokepoint.accelerator.Accelerator;
import io.chokepoint.metrics.Exposure;
import io.chokepoint.error.Failures;
import io.chokepoint.error.RunException;
import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.Readers;
import io.chokepoint.publish.Manifest;
import io.chokepoint.publish.OutputRoot;
import io.chokepoint.publish.Publisher;
import io.chokepoint.quality.CheckRunner;
import io.chokepoint.report.RunReport;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a job in phases: preflight (the output apart from every input, the plan, each file's
 * layout, the output writable — no data read), lock the output root, ingest every input (then the
 * input checks' gate: a bad input stops the run before any step pays for it; Parquet read in place
 * by one step is checked after that step's first pass over it, before it writes an output table),
 * run the steps in
 * plan order into staging, the output checks' gate, write the manifest, publish. Any failure
 * leaves the published output as it was.
 */
public final class JobRunner {
  private JobRunner() {}

  /** What preflight found: the plan and every input file's layout. */
  private record Preflight(Plan plan, Reference reference, Map<String, List<FileLayout>> files) {}

  private static Preflight preflight(JobSpec spec, Configuration conf) {
    OutputRoot.checkApartFromInputs(spec.output().path(), spec.readPaths());
    Plan plan = Plan.of(spec);
    Reference ref = Reference.load(spec, conf);
    plan.steps().forEach(s -> s.preflight(spec, ref, conf));
    Map<String, List<FileLayout>> files = new LinkedHashMap<>();
    plan.inputs().forEach((name, in) -> files.put(name, Readers.preflight(in, conf)));
    OutputRoot.checkWritable(spec.output().path(), conf);
    return new Preflight(plan, ref, files);
  }

  /** {@code validate}: the plan and everything that can be checked without reading data or writing output. */
  public static List<String> validate(JobSpec spec, Configuration conf) {
    Preflight p = preflight(spec, conf);
    List<String> lines = new ArrayList<>(p.plan().describe());
    p.files().forEach((name, files) -> files.forEach(f -> lines.add("  " + f.describe(name))));
    lines.add("output " + spec.output().path() + " (" + spec.output().format() + ") is writable");
    return lines;
  }

  public static Manifest run(SparkSession spark, JobSpec spec, LocalDate runDate) {
    Preflight p = preflight(spec, spark.sparkContext().hadoopConfiguration());
    Exposure.aggregatesPass(spark); // a bad spark.chokepoint.exposurePass is exit 2 before any data is read
    String runId = newRunId();
    Manifest manifest = new Manifest(runId, spec.name(), runDate.toString(), spec.resolved(), versions(spark));
    Publisher publisher = Publisher.forOutput(spec.output());
    try (OutputRoot out = OutputRoot.open(spec.output().path(), runId, spark.sparkContext().hadoopConfiguration());
        Accelerator.Watch accelerator = Accelerator.watch(spark)) {
      try {
        Run run = new Run(spark, spec, runDate, p.reference(), out, publisher, manifest);
        for (Map.Entry<String, InputSpec> in : p.plan().inputs().entrySet()) {
          run.ingest(in.getKey(), in.getValue(), p.files().get(in.getKey()), p.plan().scopeOwners().get(in.getKey()),
              p.plan().readers(in.getKey()));
        }
        run.checks.gate("after ingest");
        for (Step s : p.plan().steps()) {
          s.run(new StepContext(s, run));
          run.inputsRead(s);
        }
        List<String> tables = new ArrayList<>(run.catalog.names());
        if (!out.fs().exists(new Path(run.writer.path(Rejects.TABLE)))) {
          run.writer.write(Rejects.TABLE, spark.createDataFrame(List.of(), Rejects.SCHEMA));
        }
        manifest.output(Rejects.TABLE, publisher.location(out, Rejects.TABLE), run.writer.count(Rejects.TABLE));
        tables.add(Rejects.TABLE);
        run.checks.gate("before publish");
        // The checks travel beside the manifest (a folder starting with '_', like it, so readers of the
        // output root's tables skip it), whatever the output format.
        run.writer.write(CheckRunner.TABLE, run.checks.table(spark));
        out.fs().delete(new Path(out.staging(), Run.WORK), true);
        manifest.accelerator(accelerator.report()); // the run's queries up to _checks; not the report's
        manifest.finish("succeeded");
        // The report is staged with the tables: the Parquet publish renames it into place with them (all or
        // nothing); the Iceberg publisher moves it beside _manifest.json after the commits.
        RunReport.write(out.fs(), manifest.json(), RunReport.parquetTables(spark, out.fs(), out.staging()),
            out.staging());
        publisher.publish(spark, out, tables, manifest);
        return manifest;
      } catch (IOException e) {
        out.discardStaging();
        throw new RunException("output " + out.root() + ": " + Failures.describe(e), e);
      } catch (Exception e) { // also Spark's undeclared SparkException: staging must not outlive the run
        out.discardStaging();
        throw e;
      }
    }
  }

  static String newRunId() {
    String ts = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    return ts + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }

  static Map<String, String> versions(SparkSession spark) {
    Map<String, String> v = new LinkedHashMap<>();
    String app = JobRunner.class.getPackage().getImplementationVersion();
    v.put("app", app == null ? "dev" : app);
    v.put("spark", spark.version());
    v.put("scala", scala.util.Properties.versionNumberString());
    v.put("java", System.getProperty("java.version"));
    return v;
  }
}
