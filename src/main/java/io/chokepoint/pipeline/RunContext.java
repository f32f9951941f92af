package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chokepoint.ingest.FileLayout;
import io.chokepoint.publish.Manifest;
import io.chokepoint.publish.TableWriter;
import io.chokepoint.quality.Check;
import io.chokepoint.quality.InputCounts;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
  private final java.util.function.Function<String, String> publishedName;
  private final List<Check> checks = new ArrayList<>();

  RunContext(SparkSession spark, JobSpec spec, LocalDate runDate, Reference reference, TableWriter writer,
      Manifest manifest, java.util.function.Function<String, String> publishedName) {
    this.spark = spark;
    this.spec = spec;
    this.runDate = runDate;
    this.reference = reference;
    this.writer = writer;
    this.manifest = manifest;
    this.publishedName = publishedName;
  }

  /** Runs {@code work}, logs and records its rows and seconds under {@code name}. */
  public long stage(String name, Supplier<Long> work) {
    return stage(name, work, Long::longValue);
  }

  /** Runs {@code work}, logs and records its seconds and the rows {@code rows} says it has. */
  public <T> T stage(String name, Supplier<T> work, java.util.function.ToLongFunction<T> rows) {
    long t0 = System.nanoTime();
    LOG.info("stage {}: started", name);
    T result = work.get();
    long n = rows.applyAsLong(result);
    double s = (System.nanoTime() - t0) / 1e9;
    LOG.info("stage {}: {} rows in {} s", name, n, String.format("%.2f", s));
    manifest.stage(name, s, n);
    return result;
  }

  /** Writes an output table into staging and records it with its published path. */
  public long publishTable(String table, Dataset<Row> rows) {
    return stage("write:" + table, () -> {
      long n = writer.write(table, rows);
      manifest.output(table, publishedName.apply(table), n);
      return n;
    });
  }

  /**
   * Lands an input's parsed rows (carrying the {@link RowStatus} columns) in staging with one scan,
   * then records its counts in the manifest, checks the reject ratio and appends its rejects.
   * Returns the landed rows, every status included.
   *
   * <p>An input made only of Parquet files is not landed: typed Parquet is cheaper to read and
   * check again than to copy, so each consumer re-derives the parsed rows from the source.
   */
  public Dataset<Row> ingest(InputSpec in, List<FileLayout> files, Supplier<Dataset<Row>> parsed) {
    boolean land = files.isEmpty() || files.stream().anyMatch(f -> !FileLayout.PARQUET.equals(f.encoding()));
    String work = JobRunner.WORK + "/" + in.name();
    Dataset<Row> landed;
    InputCounts counts;
    if (land) {
      stage("ingest:" + in.name(), () -> writer.writeWork(work, parsed.get()));
      landed = writer.read(work);
      counts = InputCounts.of(in.name(), landed);
    } else {
      landed = parsed.get();
      counts = stage("ingest:" + in.name(), () -> InputCounts.of(in.name(), landed), InputCounts::read);
    }
    List<ObjectNode> fileNodes = new ArrayList<>();
    files.forEach(f -> fileNodes.add(Manifest.file(f.file(), f.format(), f.encoding())));
    manifest.input(in.name(), in.format(), in.paths(), fileNodes, counts);
    check(counts.rejectRatioCheck(spec.maxRejectRatio()));
    check(counts.usedRowsCheck());
    if (counts.rejected() > 0) { // without rejects, the rows need no second look
      stage("rejects:" + in.name(), () -> {
        writer.append(Rejects.TABLE, Rejects.of(in.name(), landed));
        return counts.rejected();
      });
    }
    return landed;
  }

  /** The used rows of landed input rows. */
  public static Dataset<Row> used(Dataset<Row> landed) {
    return landed.where(col(RowStatus.STATUS).equalTo(RowStatus.USED));
  }

  /** An output table this run has already written into staging, if any. */
  public java.util.Optional<Dataset<Row>> written(String table) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(writer.path(table));
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)
          ? java.util.Optional.of(writer.read(table)) : java.util.Optional.empty();
    } catch (java.io.IOException e) {
      return java.util.Optional.empty();
    }
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
