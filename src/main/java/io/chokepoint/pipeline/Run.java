package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chokepoint.compat.Observations;
import io.chokepoint.error.Failures;
import io.chokepoint.error.InputException;
import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.Provenance;
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
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
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
  /** Where each input file comes from, for the manifest (the {@code _provenance.json} beside it). */
  private final Provenance.Lookup provenance;
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
    this.provenance = new Provenance.Lookup(spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Runs {@code work}, logs and records its seconds and the rows {@code rows} says it has; with
   * {@code rows} null, its seconds alone (a stage that lands no table).
   */
  <T> T stage(String name, Supplier<T> work, ToLongFunction<T> rows) {
    long t0 = System.nanoTime();
    LOG.info("stage {}: started", name);
    T result = work.get();
    double s = (System.nanoTime() - t0) / 1e9;
    Long n = rows == null ? null : rows.applyAsLong(result);
    LOG.info("stage {}: {} in {} s", name, n == null ? "done" : n + " rows", String.format("%.2f", s));
    manifest.stage(name, s, n);
    return result;
  }

  /**
   * Reads an input, applies its owner step's scope, and lands it as its {@link IngestMode} says;
   * records its counts (rows read counted from the files), checks them and appends its rejects, and
   * puts the used rows in the catalog. An input read in place by its owner alone is counted, recorded
   * and checked later, by the owner's first query over the used rows ({@link #inputRead}), before the
   * owner writes an output table (when the owner reports the read; else after the owner, see
   * {@link #inputsRead}).
   */
  void ingest(String name, InputSpec in, List<FileLayout> files, Step owner, List<Step> readers) {
    ReadContext ctx = readContext();
    Dataset<Row> parsed = owner.scope(name, landAll(name, files, () -> Readers.read(ctx, files)), spec, reference);
    Optional<Step.Landing> landing = owner.landing(name, spec);
    IngestMode mode = IngestMode.of(files.stream().allMatch(f -> FileLayout.PARQUET.equals(f.encoding())),
        readers.equals(List.of(owner)), landing.isPresent(), landing.map(Step.Landing::publish).orElse(false));
    inputFiles.put(name, files.stream().map(FileLayout::file).toList());
    switch (mode) {
      case IN_PLACE_OBSERVED -> {
        Observation statuses = Observations.fresh("statuses_" + name);
        List<String> reasons = landing.get().filterReasons();
        unread.put(name, new Unread(in, files, owner, reasons, statuses, ctx.records().rows(), parsed));
        // The observation stops Spark from pruning the columns its query does not read, so the two
        // that are null on used rows anyway (as on rows landed straight) are dropped before it.
        Dataset<Row> lean = parsed.drop(RowStatus.RAW, RowStatus.SOURCE_FILE);
        catalog.putInput(name, parsed, observeStatuses(lean, statuses, reasons)
            .where(col(RowStatus.STATUS).equalTo(RowStatus.USED))
            .withColumn(RowStatus.RAW, lit(null).cast(DataTypes.StringType))
            .withColumn(RowStatus.SOURCE_FILE, lit(null).cast(DataTypes.StringType)));
      }
      case STRAIGHT_TO_TABLE, STRAIGHT_TO_WORK -> recordInput(name, in, files,
          ingestStraight(name, files, owner, landing.get(), ctx, parsed), () -> rescan(name, files, owner));
      case ALL_TO_WORK -> {
        String work = WORK + "/" + name;
        stage("ingest:" + name, () -> landAll(name, files, () -> writer.writeWork(work, parsed)),
            TableWriter.Written::rows);
        Dataset<Row> landed = writer.read(work);
        landedWithStatuses(name, in, files, landed, InputCounts.of(name, ctx.records().rows(), landed));
      }
      case IN_PLACE_COUNTED -> landedWithStatuses(name, in, files, parsed,
          stage("ingest:" + name, () -> InputCounts.of(name, ctx.records().rows(), parsed), InputCounts::read));
    }
  }

  /** Records and checks an input whose every row, with its status, is {@code landed}; appends its rejects. */
  private void landedWithStatuses(String name, InputSpec in, List<FileLayout> files, Dataset<Row> landed,
      InputCounts counts) {
    recordInput(name, in, files, counts, () -> landed);
    appendRejects(name, counts.rejected(), () -> landed);
    catalog.putInput(name, landed, landed.where(col(RowStatus.STATUS).equalTo(RowStatus.USED)));
  }

  /**
   * Records an input's counts in the manifest and adds its checks; returns them. Examples of
   * rejected rows are looked up, from {@code rows} (every row with its status), only when the
   * reject-ratio check fails.
   */
  private List<Check> recordInput(String name, InputSpec in, List<FileLayout> files, InputCounts counts,
      Supplier<Dataset<Row>> rows) {
    List<ObjectNode> fileNodes = new ArrayList<>();
    files.forEach(f -> fileNodes.add(Manifest.file(f.file(), f.format(), f.encoding(), provenance.of(f.file()))));
    manifest.input(name, in.format(), in.paths(), fileNodes, counts);
    List<String> names = inputFiles.get(name);
    List<Check> added = List.of(counts.accountedCheck(names),
        counts.rejectRatioCheck(spec.maxRejectRatio(), counts.rejectRatio() <= spec.maxRejectRatio() ? null : rows.get()),
        counts.usedRowsCheck(names));
    added.forEach(checks::add);
    return added;
  }

  /** An input read in place whose statuses its owner's first query counts ({@link #ingest}). */
  private record Unread(InputSpec in, List<FileLayout> files, Step owner, List<String> filterReasons,
      Observation statuses, long read, Dataset<Row> parsed) {}

  /** The inputs whose counts are still to come, by name. */
  private final Map<String, Unread> unread = new LinkedHashMap<>();

  /**
   * Counts, records and checks an input its owner has now read ({@link StepContext#inputRead}),
   * from what the owner's query observed; the run stops, as at the ingest gate, when the input's
   * checks fail. The observation is taken only when its statuses add up to the rows the files hold;
   * otherwise the input is counted by a pass of its own, which has the last word on the identity:
   * when the query reported nothing within {@code wait}; when it reported no row (it ran nothing:
   * without Spark's adaptive execution a query's map side runs in its first action, not when it is
   * built; or Spark dropped an empty stage, and its metrics, from the plan); or when it reported too
   * many (a map task that ran twice, speculated or re-run after a lost executor, is counted twice).
   */
  void inputRead(String name, Duration wait) {
    Unread u = unread.remove(name);
    if (u == null) {
      return;
    }
    Optional<Map<String, Object>> observed = Observations.await(u.statuses(), wait)
        .filter(m -> m.containsKey("used") && m.values().stream().mapToLong(v -> ((Number) v).longValue()).sum() == u.read());
    InputCounts counts;
    if (observed.isPresent()) {
      counts = observedCounts(name, u.read(), observed.get(), u.filterReasons(), u::parsed, u.files());
    } else {
      counts = stage("ingest:" + name, () -> InputCounts.of(name, u.read(), u.parsed()), InputCounts::read);
      appendRejects(name, counts.rejected(), u::parsed);
    }
    checks.gate("after ingest", recordInput(name, u.in(), u.files(), counts, u::parsed));
  }

  /**
   * Counts the inputs {@code step} owns that it did not report as read (see {@link #inputRead}),
   * after the step has run: a safety net, whose gate comes after the step's writes (to staging).
   */
  void inputsRead(Step step) {
    for (Map.Entry<String, Unread> e : List.copyOf(unread.entrySet())) {
      if (e.getValue().owner() == step) {
        inputRead(e.getKey(), Duration.ofSeconds(5));
      }
    }
  }

  /** Every row of an input with its status, from a fresh scan of its files (when only used rows were kept). */
  private Dataset<Row> rescan(String name, List<FileLayout> files, Step owner) {
    return owner.scope(name, landAll(name, files, () -> Readers.read(readContext(), files)), spec, reference);
  }

  private ReadContext readContext() {
    return new ReadContext(spark, reference.countries(), runDate.getYear(), spec.params().supply().exporter());
  }

  /**
   * Lands the used rows of {@code parsed} straight in the landing's table, counting every status
   * (and each filter reason) with {@link Dataset#observe} in the same scan; then, only when some
   * rows were rejected, scans the files again for them and appends them to {@code rejects}. The
   * catalog gets the landed table as the input's used rows (scoped again, which only re-attaches the
   * columns the scope derives: every landed row is in scope) and, when published, as a table.
   */
  private InputCounts ingestStraight(String name, List<FileLayout> files, Step owner, Step.Landing l, ReadContext ctx,
      Dataset<Row> parsed) {
    Column status = col(RowStatus.STATUS);
    Observation statuses = Observations.fresh("statuses_" + name);
    Dataset<Row> used = observeStatuses(parsed, statuses, l.filterReasons())
        .where(status.equalTo(RowStatus.USED))
        .select(l.columns().stream().map(c -> col(c)).toArray(Column[]::new));
    String table = l.publish() ? l.table() : WORK + "/" + name;
    TableWriter.Written w = stage("ingest:" + name, () -> landAll(name, files,
        () -> l.publish() ? writer.write(table, used) : writer.writeWork(table, used)), TableWriter.Written::rows);
    InputCounts counts = observedCounts(name, ctx.records().rows(), Observations.metrics(statuses), l.filterReasons(),
        () -> rescan(name, files, owner), files);
    Dataset<Row> landed = l.publish() ? published(table, w, List.of(name)) : writer.read(table);
    if (l.publish()) {
      catalog.put(new Catalog.Table(table, landed, null));
    }
    Dataset<Row> asParsed = landed;
    for (String c : List.of(RowStatus.REJECT_REASON, RowStatus.FILTER_REASON, RowStatus.RAW, RowStatus.SOURCE_FILE)) {
      asParsed = asParsed.withColumn(c, lit(null).cast(DataTypes.StringType));
    }
    catalog.putInput(name, null, owner.scope(name, asParsed, spec, reference).where(status.equalTo(RowStatus.USED)));
    return counts;
  }

  /**
   * {@code parsed} with its statuses counted by {@code statuses} as its rows stream by: {@code used},
   * {@code rejected}, {@code f0}… for each of {@code filterReasons}, and {@code other} for any
   * other filter reason.
   */
  private static Dataset<Row> observeStatuses(Dataset<Row> parsed, Observation statuses, List<String> filterReasons) {
    Column status = col(RowStatus.STATUS);
    Column reason = col(RowStatus.FILTER_REASON);
    List<Column> metrics = new ArrayList<>(List.of(
        count(when(status.equalTo(RowStatus.REJECTED), lit(1))).as("rejected"),
        count(when(status.equalTo(RowStatus.FILTERED).and(reason.isin(filterReasons.toArray()).unary_$bang()),
            lit(1))).as("other")));
    for (int i = 0; i < filterReasons.size(); i++) {
      metrics.add(count(when(status.equalTo(RowStatus.FILTERED).and(reason.equalTo(filterReasons.get(i))),
          lit(1))).as("f" + i));
    }
    return parsed.observe(statuses, count(when(status.equalTo(RowStatus.USED), lit(1))).as("used"),
        metrics.toArray(Column[]::new));
  }

  /**
   * The counts of an input from the metrics of {@link #observeStatuses} and {@code read} (the files'
   * own row count); only when some rows were rejected, appends them to {@code rejects} from a scan
   * of {@code rows} (every row with its status), and counts them there by reason and file.
   */
  private InputCounts observedCounts(String name, long read, Map<String, Object> m, List<String> filterReasons,
      Supplier<Dataset<Row>> rows, List<FileLayout> files) {
    Map<String, Long> filteredBy = new TreeMap<>();
    for (int i = 0; i < filterReasons.size(); i++) {
      filteredBy.put(filterReasons.get(i), ((Number) m.get("f" + i)).longValue());
    }
    filteredBy.put("unlisted filter reason", ((Number) m.get("other")).longValue());
    filteredBy.values().removeIf(n -> n == 0);
    long rejected = ((Number) m.get("rejected")).longValue();
    landAll(name, files, () -> {
      appendRejects(name, rejected, rows);
      return rejected;
    });
    return InputCounts.of(name, read, ((Number) m.get("used")).longValue(), filteredBy,
        rejected == 0 ? null : writer.read(Rejects.TABLE).where(col("input").equalTo(name)));
  }

  /**
   * Appends the rejected rows of {@code rows} (every row of an input with its status), {@code rejected}
   * of them, to {@code rejects} as a stage of its own; without rejects the rows need no second look.
   */
  private void appendRejects(String name, long rejected, Supplier<Dataset<Row>> rows) {
    if (rejected > 0) {
      stage("rejects:" + name, () -> {
        writer.append(Rejects.TABLE, Rejects.of(name, rows.get()));
        return rejected;
      }, Long::longValue);
    }
  }

  /** Runs a scan of an input's files; a read failure names the input's files. */
  private static <T> T landAll(String name, List<FileLayout> files, Supplier<T> scan) {
    try {
      return scan.get();
    } catch (Exception e) { // also Spark's undeclared SparkException
      throw unreadable(name, files, e);
    }
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
    return publishTable(table, rows, fromInputs, List.of()).rows();
  }

  /** The same, also observing {@code metrics} (named aggregates) over the rows while they are written. */
  Staged publishTable(String table, Dataset<Row> rows, List<String> fromInputs, List<Column> metrics) {
    TableWriter.Written w = stage("write:" + table, () -> writer.write(table, rows, metrics),
        TableWriter.Written::rows);
    return new Staged(published(table, w, fromInputs), w.metrics());
  }

  /**
   * A table as staged, and what was observed while it was written.
   *
   * @param rows the staged rows
   * @param metrics the observed aggregates by name
   */
  record Staged(Dataset<Row> rows, Map<String, Object> metrics) {}

  /** Records a table just written to staging: its published location, rows and finite check; returns it as staged. */
  private Dataset<Row> published(String table, TableWriter.Written w, List<String> fromInputs) {
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
