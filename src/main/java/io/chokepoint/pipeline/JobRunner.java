package io.chokepoint.pipeline;

import io.chokepoint.error.InputException;
import io.chokepoint.error.UsageException;
import io.chokepoint.publish.IcebergPublisher;
import io.chokepoint.publish.Manifest;
import io.chokepoint.publish.OutputRoot;
import io.chokepoint.publish.TableWriter;
import io.chokepoint.quality.Check;
import io.chokepoint.report.RunReport;
import io.chokepoint.spec.Formats;
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
 * Runs a job: preflight (no data read), lock the output root, run each step into staging, check,
 * write the manifest, publish. Any failure leaves the published output as it was.
 */
public final class JobRunner {
  static final String WORK = "_work";

  private JobRunner() {}

  /** The steps a spec asks for, in the order they run. */
  static List<Step> steps(JobSpec spec) {
    List<Step> all = List.of(new TradeExposureStep(), new SupplyStep(), new GrowthStep(), new SensitivityStep());
    List<Step> active = all.stream().filter(s -> s.applies(spec)).toList();
    if (active.isEmpty()) {
      throw new UsageException("inputs: none of them feeds a step; nothing to run");
    }
    return active;
  }

  /** {@code validate}: everything that can be checked without reading data or writing output. */
  public static List<String> validate(JobSpec spec, Configuration conf) {
    Reference ref = Reference.load(spec, conf);
    List<String> lines = new ArrayList<>();
    for (Step s : steps(spec)) {
      lines.add("step " + s.name());
      s.preflight(spec, ref, conf).forEach(l -> lines.add("  " + l));
    }
    OutputRoot.checkWritable(spec.output().path(), conf);
    lines.add("output " + spec.output().path() + " (" + spec.output().format() + ") is writable");
    return lines;
  }

  public static Manifest run(SparkSession spark, JobSpec spec, LocalDate runDate) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Reference ref = Reference.load(spec, conf);
    List<Step> steps = steps(spec);
    for (Step s : steps) {
      s.preflight(spec, ref, conf);
    }
    OutputRoot.checkWritable(spec.output().path(), conf);
    String runId = newRunId();
    Manifest manifest = new Manifest(runId, spec.name(), runDate.toString(), spec.resolved(), versions(spark));
    try (OutputRoot out = OutputRoot.open(spec.output().path(), runId, conf)) {
      try {
        TableWriter writer = new TableWriter(spark, out.staging());
        boolean iceberg = spec.output().format().equals(Formats.OUTPUT_ICEBERG);
        java.util.function.Function<String, String> published = t -> iceberg
            ? IcebergPublisher.tableName(spec.output(), t) : new Path(out.root(), t).toString();
        RunContext ctx = new RunContext(spark, spec, runDate, ref, writer, manifest, published);
        for (Step s : steps) {
          s.run(ctx);
        }
        if (!out.fs().exists(new Path(writer.path(Rejects.TABLE)))) {
          writer.write(Rejects.TABLE, spark.createDataFrame(List.of(), Rejects.SCHEMA));
        }
        manifest.output(Rejects.TABLE, published.apply(Rejects.TABLE), writer.count(Rejects.TABLE));
        List<Check> failed = ctx.checks().stream().filter(Check::failsRun).toList();
        if (!failed.isEmpty()) {
          Check c = failed.get(0);
          throw new InputException("data check " + c.name() + " failed (observed " + c.observed() + "): " + c.detail()
              + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more failed checks)" : ""));
        }
        out.fs().delete(new Path(out.staging(), WORK), true);
        manifest.finish("succeeded");
        if (iceberg) {
          IcebergPublisher.publish(spark, spec.output(), out.staging(), tablesIn(out), manifest.json().get("run_id")
              .asText());
          out.fs().mkdirs(out.root());
          manifest.write(out.fs(), out.root());
          RunReport.write(out.fs(), manifest.json(), RunReport.parquetTables(spark, out.fs(), out.staging()),
              out.root());
          out.discardStaging();
        } else {
          manifest.write(out.fs(), out.staging());
          RunReport.write(out.fs(), manifest.json(), RunReport.parquetTables(spark, out.fs(), out.staging()),
              out.staging());
          out.publish();
        }
        return manifest;
      } catch (IOException e) {
        out.discardStaging();
        throw new io.chokepoint.error.RunException("output " + out.root() + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        out.discardStaging();
        throw e;
      }
    }
  }

  /** The table folders of a staging folder, in name order. */
  private static List<String> tablesIn(OutputRoot out) throws IOException {
    List<String> tables = new ArrayList<>();
    for (var st : out.fs().listStatus(out.staging())) {
      if (st.isDirectory() && !st.getPath().getName().startsWith("_")) {
        tables.add(st.getPath().getName());
      }
    }
    tables.sort(null);
    return tables;
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
