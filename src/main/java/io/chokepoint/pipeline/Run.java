package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chokepoint.error.Failures;
import io.chokepoint.error.InputException;
import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.ReadContext;
import io.chokepoint.ingest.Readers;
import io.chokepoint.publish.Manifest;
import io.chokepoint.publish.OutputRoot;
import io.chokepoint.publish.Publisher;
import io.chokepoint.publish.TableWriter;
import io.chokepoint.quality.Check;
import io.chokepoint.quality.CheckRunner;
import io.chokepoint.quality.Examples;
import io.chokepoint.quality.InputCounts;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one run while it goes: where tables are staged, what the manifest records, the
 * checks found so far and the catalog of tables. {@link JobRunner} drives it phase by phase.
 */
final class Run {
  private static final Logger LOG = LoggerFactory.getLogger("io.chokepoint.progress");
  static final String WORK = "_work";

  final SparkSession spark;
  final JobSpec spec;
  final LocalDate runDate;
  final Reference reference;
  final OutputRoot out;
  final Publisher publisher;
  final TableWriter writer;
  final Manifest manifest;
  final CheckRunner checks;
  final Catalog catalog = new Catalog();
  /** Each ingested input's files, to name in the detail of a check that fails. */
  private final Map<String, List<String>> inputFiles = new LinkedHashMap<>();

  Run(SparkSession spark, JobSpec spec, LocalDate runDate, Reference reference, OutputRoot out, Publisher publisher,
      Manifest manifest) {
    this.spark = spark;
    this.spec = spec;
    this.runDate = runDate;
    this.reference = reference;
    this.out = out;
    this.publisher = publisher;
    this.writer = new TableWriter(spark, out.staging());
    this.manifest = manifest;
    this.checks = new CheckRunner(manifest::check);
  }

  /** Runs {@code work}, logs and records its seconds and the rows {@code rows} says it has. */
  <T> T stage(String name, Supplier<T> work, ToLongFunction<T> rows) {
    long t0 = System.nanoTime();
    LOG.info("stage {}: started", name);
    T result = work.get();
    long n = rows.applyAsLong(result);
    double s = (System.nanoTime() - t0) / 1e9;
    LOG.info("stage {}: {} rows in {} s", name, n, String.format("%.2f", s));
    manifest.stage(name, s, n);
    return result;
  }

  /**
   * Reads an input, applies its owner step's scope, and lands the rows (every status) in staging
   * with one scan; records its counts (rows read counted from the files), checks them and appends
   * its rejects. Puts the used rows in the catalog.
   *
   * <p>An input made only of Parquet files is not landed: typed Parquet is cheaper to read and
   * check again than to copy, so each consumer re-derives the parsed rows from the source.
   */
  void ingest(String name, InputSpec in, List<FileLayout> files, Step owner) {
    ReadContext ctx = new ReadContext(spark, reference.countries(), runDate.getYear(),
        spec.params().supply().exporter());
    Dataset<Row> parsed = owner.scope(name, Readers.read(ctx, files), spec, reference);
    boolean land = files.stream().anyMatch(f -> !FileLayout.PARQUET.equals(f.encoding()));
    Dataset<Row> landed;
    InputCounts counts;
    if (land) {
      String work = WORK + "/" + name;
      try {
        stage("ingest:" + name, () -> writer.writeWork(work, parsed), TableWriter.Written::rows);
      } catch (Exception e) { // also Spark's undeclared SparkException
        throw unreadable(name, files, e);
      }
      landed = writer.read(work);
      counts = InputCounts.of(name, ctx.records().rows(), landed);
    } else {
      landed = parsed;
      counts = stage("ingest:" + name, () -> InputCounts.of(name, ctx.records().rows(), parsed), InputCounts::read);
    }
    List<ObjectNode> fileNodes = new ArrayList<>();
    files.forEach(f -> fileNodes.add(Manifest.file(f.file(), f.format(), f.encoding())));
    manifest.input(name, in.format(), in.paths(), fileNodes, counts);
    List<String> names = files.stream().map(FileLayout::file).toList();
    inputFiles.put(name, names);
    checks.add(counts.accountedCheck(names));
    checks.add(counts.rejectRatioCheck(spec.maxRejectRatio(), landed));
    checks.add(counts.usedRowsCheck(names));
    if (counts.rejected() > 0) { // without rejects, the rows need no second look
      stage("rejects:" + name, () -> {
        writer.append(Rejects.TABLE, Rejects.of(name, landed));
        return counts.rejected();
      }, Long::longValue);
    }
    catalog.putInput(name, landed, landed.where(col(RowStatus.STATUS).equalTo(RowStatus.USED)));
  }

  /**
   * A read failure Spark did not tie to a file (some Spark lines name only the write target): the
   * input and its files are named instead; any other failure is returned as it is.
   */
  private static RuntimeException unreadable(String input, List<FileLayout> files, Exception e) {
    java.util.Optional<io.chokepoint.error.ChokepointException> c = Failures.classify(e);
    String unnamed = "an input file";
    if (c.isPresent() && c.get().getMessage().startsWith(unnamed)) {
      List<String> names = files.stream().map(FileLayout::file).limit(3).toList();
      return new InputException("inputs." + input + " (" + String.join(", ", names) + (files.size() > 3 ? ", …" : "")
          + ")" + c.get().getMessage().substring(unnamed.length()), e);
    }
    if (c.isPresent()) {
      return c.get();
    }
    return e instanceof RuntimeException r ? r
        : new io.chokepoint.error.RunException("inputs." + input + ": " + Failures.describe(e), e);
  }

  /**
   * Writes an output table into staging, records it with its published location, checks that no
   * double in it is NaN or infinite, and returns it as staged.
   */
  Dataset<Row> publishTable(String table, Dataset<Row> rows, List<String> fromInputs) {
    TableWriter.Written w = stage("write:" + table, () -> writer.write(table, rows), TableWriter.Written::rows);
    manifest.output(table, publisher.location(out, table), w.rows());
    Dataset<Row> staged = writer.read(table);
    Check c = finiteCheck(table, w.nonFinite());
    if (!c.passed()) { // only a failure pays for naming its inputs and rows
      c = new Check(c.name(), c.level(), c.passed(), c.observed(), c.threshold(), c.detail() + "; from "
          + sources(fromInputs) + "; " + Examples.of(staged, nonFinite(w.nonFinite().keySet()), Examples.keys(staged)));
    }
    checks.add(c);
    return staged;
  }

  /** Rows where any of {@code columns} is NaN or infinite. */
  private static Column nonFinite(Collection<String> columns) {
    Column any = lit(false);
    for (String c : columns) {
      any = any.or(isnan(col(c))).or(col(c).equalTo(lit(Double.POSITIVE_INFINITY)))
          .or(col(c).equalTo(lit(Double.NEGATIVE_INFINITY)));
    }
    return any;
  }

  /** The ingested inputs among {@code inputs} with their files, e.g. {@code inputs.trade_flows (a.csv, b.csv)}. */
  String sources(List<String> inputs) {
    List<String> named = new ArrayList<>();
    for (String in : inputs) {
      List<String> f = inputFiles.get(in);
      if (f != null) {
        named.add("inputs." + in + " " + InputCounts.files(f));
      }
    }
    return named.isEmpty() ? "no input" : String.join(", ", named);
  }

  static Check finiteCheck(String table, Map<String, Long> nonFinite) {
    long n = nonFinite.values().stream().mapToLong(Long::longValue).sum();
    return Check.noneOf(table + ".finite_values", n,
        n == 0 ? "NaN or infinite values in the table's double columns"
            : "NaN or infinite values by column " + nonFinite + ": an input amount too large for its arithmetic");
  }
}
