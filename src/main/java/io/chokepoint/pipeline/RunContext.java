package io.chokepoint.pipeline;

import io.chokepoint.publish.Manifest;
import io.chokepoint.publish.TableWriter;
import io.chokepoint.quality.Check;
import io.chokepoint.spec.JobSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a step needs while a job runs: Spark, the spec, the reference, where to write, what to record. */
public final class RunContext {
  private static final Logger LOG = LoggerFactory.getLogger("io.chokepoint.progress");

  public final SparkSession spark;
  public final JobSpec spec;
  public final LocalDate runDate;
  public final Reference reference;
  public final TableWriter writer;
  public final Manifest manifest;
  private final Path publishedRoot;
  private final List<Check> checks = new ArrayList<>();

  RunContext(SparkSession spark, JobSpec spec, LocalDate runDate, Reference reference, TableWriter writer,
      Manifest manifest, Path publishedRoot) {
    this.spark = spark;
    this.spec = spec;
    this.runDate = runDate;
    this.reference = reference;
    this.writer = writer;
    this.manifest = manifest;
    this.publishedRoot = publishedRoot;
  }

  /** Runs {@code work}, logs and records its rows and seconds under {@code name}. */
  public long stage(String name, Supplier<Long> work) {
    long t0 = System.nanoTime();
    LOG.info("stage {}: started", name);
    long rows = work.get();
    double s = (System.nanoTime() - t0) / 1e9;
    LOG.info("stage {}: {} rows in {} s", name, rows, String.format("%.2f", s));
    manifest.stage(name, s, rows);
    return rows;
  }

  /** Writes an output table into staging and records it with its published path. */
  public long publishTable(String table, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows) {
    return stage("write:" + table, () -> {
      long n = writer.write(table, rows);
      manifest.output(table, new Path(publishedRoot, table).toString(), n);
      return n;
    });
  }

  public void check(Check c) {
    checks.add(c);
    manifest.check(c);
    if (!c.passed()) {
      LOG.warn("check {} ({}) failed: {} — {}", c.name(), c.level(), c.observed(), c.detail());
    }
  }

  public List<Check> checks() {
    return List.copyOf(checks);
  }
}
