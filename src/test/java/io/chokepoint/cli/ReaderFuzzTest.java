package io.chokepoint.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.error.ChokepointException;
import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.ReadContext;
import io.chokepoint.ingest.Readers;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.FormatSamples;
import io.chokepoint.testing.Inputs;
import io.chokepoint.testing.Paths;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz test of issue #13: seeded mutations (truncation, stray bytes, fields added or dropped,
 * quotes, huge numbers, impossible dates, byte order marks, line ends, repeated column names,
 * blank lines) of every reader's sample file. For each mutated copy, read as a run reads it:
 * either the file is refused with an input error (exit 3) in one line, or it is read and
 *
 * <ul>
 *   <li>the rows read the product counts from the file equal an independent count: the file's
 *       records as commons-csv parses the mutated bytes in the charset the product reports (blank
 *       lines and repeated header lines are not records), times the rows a record becomes;
 *   <li>every row is used, rejected or filtered once;
 *   <li>no double it yields is NaN or infinite.
 * </ul>
 *
 * A seeded subset also runs end to end through {@link Main#run} into one output root: exit 0 or 3
 * (never 1), no stack trace, a one-line {@code chokepoint: error:} on failure and the previous
 * output byte for byte unchanged, or on success the manifest's rows_read equal to the independent
 * count and no NaN/Inf in any published double. Reproduce with {@code -Dchokepoint.fuzz.seed=…};
 * {@code -Dchokepoint.fuzz.perFormat} and {@code -Dchokepoint.fuzz.endToEnd} scale it, and
 * {@code -Dchokepoint.fuzz.keep=DIR} keeps the files a failure names.
 *
 * <p>Not compared with a count: files that are not RFC 4180 (an unbalanced quote) and files where a
 * mutation made a quoted field span lines. Spark reads such a file whole (univocity), which can
 * split records after that field differently from RFC 4180 (seen: a quote opened mid-file and
 * closed on the last line gave 5 records where RFC 4180 gives 2). Their rows are still checked to
 * be used, rejected or filtered once, and finite.
 */
class ReaderFuzzTest extends CliTestSupport {
  static final long SEED = Long.getLong("chokepoint.fuzz.seed", 13L);
  static final int PER_FORMAT = Integer.getInteger("chokepoint.fuzz.perFormat", 100);
  static final int END_TO_END = Integer.getInteger("chokepoint.fuzz.endToEnd", 4);
  /** Mutated files read by one Spark job (one union), to keep a few thousand reads within CI time. */
  static final int BATCH = 250;
  /** Data records kept of the larger sample files: damage needs no more to show, and time is short. */
  static final int MAX_RECORDS = 40;

  @TempDir Path tmp;

  /** A sample file of one format, and the job input a run reads it as. */
  record Base(String name, String format, String input, byte[] bytes) {}

  /** One mutated copy. */
  record Mutant(int id, Base base, List<String> kinds, Path file, byte[] bytes) {
    String describe() {
      return "#" + id + " " + base.name + " " + kinds + " (" + file.getFileName() + ")";
    }
  }

  enum Kind {
    TRUNCATE, INSERT_BYTES, ADD_FIELD, DROP_FIELD, STRAY_QUOTE, UNBALANCED_QUOTE, HUGE_NUMBER, ODD_NUMBER,
    IMPOSSIBLE_DATE, BOM, LINE_ENDS, DUPLICATE_HEADER_NAME, BLANK_LINES, REPEATED_HEADER_LINE
  }

  @Test
  void everyReaderSurvivesMutatedCopiesOfItsSampleWithCountsThatMatchTheFile() throws Exception {
    long t0 = System.nanoTime();
    spark();
    List<Base> bases = bases();
    Random rnd = new Random(SEED);
    List<Mutant> mutants = new ArrayList<>();
    for (Base b : bases) {
      for (int i = 0; i < PER_FORMAT; i++) {
        mutants.add(mutate(mutants.size(), b, rnd));
      }
    }
    List<String> failures = new ArrayList<>();
    Map<String, int[]> outcomes = new TreeMap<>(); // format -> {refused, read}
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Base b : bases) {
      long tb = System.nanoTime();
      List<Pending> batch = new ArrayList<>();
      for (Mutant m : mutants) {
        if (m.base == b) {
          Pending p = preflight(m, failures, outcomes);
          if (p != null) {
            batch.add(p);
          }
        }
        if (batch.size() == BATCH) {
          readTogether(batch, failures);
          batch.clear();
        }
      }
      readTogether(batch, failures);
      seconds.put(b.name, Math.round((System.nanoTime() - tb) / 1e8) / 10.0);
    }
    double readerSeconds = (System.nanoTime() - t0) / 1e9;

    long t1 = System.nanoTime();
    List<Mutant> endToEnd = endToEndSubset(mutants, new Random(SEED + 1));
    endToEnd(endToEnd, failures);
    double e2eSeconds = (System.nanoTime() - t1) / 1e9;

    System.out.printf(Locale.ROOT, "fuzz (seed %d): %d mutated files of %d formats read in %.1f s %s"
            + " (refused / read / read but not RFC 4180, so checked without a record count); %d of them end to end in %.1f s; %d failures%n", SEED, mutants.size(), bases.size(),
        readerSeconds, outcomesText(outcomes) + " seconds " + seconds, endToEnd.size(), e2eSeconds, failures.size());
    assertThat(failures).as("seed " + SEED).isEmpty();
  }

  /**
   * One list of formats: the reader registry, the formats the job spec accepts and every formats
   * table of the documentation (each table headed {@code | format |} in README.md or docs/) name the
   * same formats, and the fuzz test has a sample of each.
   */
  @Test
  void theRegistryTheSpecAndTheFormatsTablesNameTheSameFormats() throws IOException {
    java.util.Set<String> registry = new java.util.TreeSet<>(Readers.formats());
    assertThat(io.chokepoint.spec.InputNames.allFormats()).as("formats the spec accepts").isEqualTo(registry);
    Map<String, java.util.Set<String>> tables = documentedFormats();
    assertThat(tables).as("formats tables in README.md and docs/").isNotEmpty();
    tables.forEach((where, formats) -> assertThat(formats).as("the formats table of " + where).isEqualTo(registry));
    assertThat(FormatSamples.missingFormats()).as("registered formats without a sample file").isEmpty();
  }

  /** The formats of each table headed {@code | format |}, by file. */
  static Map<String, java.util.Set<String>> documentedFormats() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(Path.of(Paths.project("README.md"))));
    Path dir = Path.of(Paths.project("docs"));
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
      }
    }
    Pattern row = Pattern.compile("^\\| `([a-z0-9-]+)` \\|");
    Map<String, java.util.Set<String>> out = new TreeMap<>();
    for (Path d : docs) {
      List<String> lines = Files.readAllLines(d);
      for (int at = 0; at < lines.size(); at++) {
        if (lines.get(at).startsWith("| format |")) {
          java.util.Set<String> formats = new java.util.TreeSet<>();
          for (String l : lines.subList(at + 2, lines.size())) {
            Matcher m = row.matcher(l);
            if (!m.find()) {
              break;
            }
            formats.add(m.group(1));
          }
          out.put(Paths.project().toPath().relativize(d) + ":" + (at + 1), formats);
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Reader level

  /** A mutant its reader accepted at preflight, and the rows the file holds by the independent count. */
  record Pending(Mutant mutant, List<FileLayout> layouts, long expected) {}

  /** Preflight of one mutant (driver only): a refusal is checked here, an accepted file is returned. */
  private static Pending preflight(Mutant m, List<String> failures, Map<String, int[]> outcomes) {
    try {
      List<FileLayout> layouts = Readers.preflight(spec(m), spark().sparkContext().hadoopConfiguration());
      long expected = independentRows(m.bytes, layouts.get(0));
      int[] o = outcomes.computeIfAbsent(m.base.format, k -> new int[3]);
      o[1]++;
      o[2] += expected < 0 ? 1 : 0;
      return new Pending(m, layouts, expected);
    } catch (ChokepointException e) {
      outcomes.computeIfAbsent(m.base.format, k -> new int[3])[0]++;
      checkRefusal(m, e, failures);
    } catch (RuntimeException e) {
      failures.add(m.describe() + ": preflight failed with " + e + " (exit 1)");
    }
    return null;
  }

  static InputSpec spec(Mutant m) {
    return new InputSpec(m.base.input, List.of("file:" + m.file), m.base.format, null);
  }

  private static void checkRefusal(Mutant m, ChokepointException e, List<String> failures) {
    if (e.exitCode() != 3) {
      failures.add(m.describe() + ": refused with exit " + e.exitCode() + ": " + e.getMessage());
    } else if (e.getMessage() == null || e.getMessage().contains("\n") || e.getMessage().contains("\r")) {
      failures.add(m.describe() + ": message is not one line: " + e.getMessage());
    }
  }

  /**
   * Reads mutants of one format as one input (one scan per layout, as a run reads an input of many
   * files) and checks each file's rows by {@code _source_file}, and the rows the product counted
   * from the files against the sum of the independent counts. When that sum differs, or the read
   * fails, each file is read alone to name the one at fault.
   */
  private static void readTogether(List<Pending> batch, List<String> failures) {
    if (batch.isEmpty()) {
      return;
    }
    List<String> found = new ArrayList<>();
    long read;
    Map<Integer, Row> byId = new LinkedHashMap<>();
    try {
      ReadContext ctx = new ReadContext(spark(), Inputs.COUNTRIES, 2026, "CHN");
      List<FileLayout> layouts = new ArrayList<>();
      batch.forEach(p -> layouts.addAll(p.layouts));
      for (Row r : summarise(Readers.read(ctx, layouts)).collectAsList()) {
        byId.put(r.getInt(0), r);
      }
      read = ctx.records().rows();
    } catch (RuntimeException e) {
      if (batch.size() > 1) {
        readAlone(batch, failures);
      } else if (e instanceof ChokepointException ce) {
        checkRefusal(batch.get(0).mutant, ce, failures);
      } else {
        failures.add(batch.get(0).mutant.describe() + ": reading failed with "
            + e.toString().lines().findFirst().orElse("") + " (exit 1)");
      }
      return;
    }
    long expected = 0;
    boolean defined = true;
    for (Pending p : batch) {
      check(p.mutant, byId.get(p.mutant.id), p.expected, found);
      expected += p.expected;
      defined &= p.expected >= 0;
    }
    if (!defined) {
      expected = rows(byId); // files without a defined count: their rows as read, each checked above
    }
    if (read != expected && found.isEmpty()) {
      // The files' rows match but the product's own count of them does not: find the file.
      if (batch.size() > 1) {
        readAlone(batch, failures);
        return;
      }
      found.add(batch.get(0).mutant.describe() + ": rows read " + read + ", the file holds " + expected);
    }
    failures.addAll(found);
    found.forEach(f -> keep(batch, f));
  }

  private static long rows(Map<Integer, Row> byId) {
    return byId.values().stream().mapToLong(r -> r.getLong(1)).sum();
  }

  /** Halves a batch until the file at fault is alone. */
  private static void readAlone(List<Pending> batch, List<String> failures) {
    int half = batch.size() / 2;
    readTogether(batch.subList(0, half), failures);
    readTogether(batch.subList(half, batch.size()), failures);
  }

  /** With -Dchokepoint.fuzz.keep=DIR, the mutated files a failure names are copied there. */
  static void keep(List<Pending> batch, String failure) {
    String dir = System.getProperty("chokepoint.fuzz.keep");
    if (dir == null) {
      return;
    }
    for (Pending p : batch) {
      if (failure.contains(p.mutant.file.getFileName().toString())) {
        try {
          Files.createDirectories(Path.of(dir));
          Files.copy(p.mutant.file, Path.of(dir).resolve(p.mutant.file.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** A file's rows: as many as it holds, each used, rejected or filtered, none NaN or infinite. */
  private static void check(Mutant m, Row r, long expected, List<String> failures) {
    long rows = r == null ? 0 : r.getLong(1);
    long accounted = r == null ? 0 : r.getLong(2) + r.getLong(3) + r.getLong(4);
    long nonFinite = r == null ? 0 : r.getLong(5);
    if (expected >= 0 && rows != expected) {
      failures.add(m.describe() + ": " + rows + " rows read from the file, the file holds " + expected);
    }
    if (accounted != rows) {
      failures.add(m.describe() + ": " + rows + " rows, " + accounted + " used + rejected + filtered");
    }
    if (nonFinite > 0) {
      failures.add(m.describe() + ": " + nonFinite + " NaN/Inf doubles in the rows read");
    }
  }

  static final Pattern MUTANT_FILE = Pattern.compile("m([0-9]{5})-[^/]*$");

  /** Per mutant (told by its file name): rows, used, rejected, filtered, NaN/Inf doubles. */
  private static Dataset<Row> summarise(Dataset<Row> rows) {
    Column status = List.of(rows.columns()).contains(RowStatus.STATUS) ? col(RowStatus.STATUS) : RowStatus.derive();
    Dataset<Row> s = rows.select(
        org.apache.spark.sql.functions.regexp_extract(col(RowStatus.SOURCE_FILE), MUTANT_FILE.pattern(), 1)
            .cast("int").as("_id"), status.as("_st"), nonFinite(rows).as("_nf"));
    return s.groupBy("_id").agg(count(lit(1)),
        count(when(col("_st").equalTo(RowStatus.USED), 1)),
        count(when(col("_st").equalTo(RowStatus.REJECTED), 1)),
        count(when(col("_st").equalTo(RowStatus.FILTERED), 1)),
        sum(col("_nf")).cast("long"));
  }

  /** How many of a row's top-level double columns are NaN or infinite. */
  static Column nonFinite(Dataset<Row> rows) {
    Column n = lit(0);
    for (StructField f : rows.schema().fields()) {
      if (f.dataType() instanceof DoubleType) {
        Column c = col(f.name());
        n = n.plus(when(isnan(c).or(c.equalTo(Double.POSITIVE_INFINITY)).or(c.equalTo(Double.NEGATIVE_INFINITY)), 1)
            .otherwise(0));
      }
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // The independent count

  static final Pattern WGI_YEAR = Pattern.compile("^\\d{4} \\[YR\\d{4}\\]$");
  static final Pattern MCS_YEAR = Pattern.compile("(?i)^(PROD|RESERVES)(_EST)?_\\s*\\d{4}$");

  /**
   * The rows a file holds, counted without the product: its bytes decoded in the charset the
   * product reports, parsed as RFC 4180 CSV by commons-csv; the first record is the header; empty or
   * whitespace-only lines and records that repeat the header are not data. A wide format multiplies by its value
   * columns (USGS: PROD/RESERVES year columns; FRED: series columns). -1 when the bytes are not
   * CSV that commons-csv can parse even leniently (an unbalanced quote): no count is defined then.
   */
  static long independentRows(byte[] bytes, FileLayout layout) {
    Charset cs = Charset.forName(layout.encoding());
    String text = new String(bytes, cs);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    char delimiter = layout.header() == null ? ',' : layout.header().delimiter();
    List<CSVRecord> records;
    try {
      records = parse(text, CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).build());
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return -1; // not RFC 4180 (an unbalanced quote): parsers may split it differently, no count is defined
    }
    if (records.isEmpty()) {
      return 0;
    }
    List<String> header = records.get(0).stream().map(f -> f.replace("\uFEFF", "").strip()).toList();
    long n = 0;
    for (CSVRecord r : records.subList(1, records.size())) {
      if (r.stream().anyMatch(f -> f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0)) {
        // A quoted field the mutation made span lines: Spark's whole-file parser and RFC 4180 can
        // split what follows differently (see the class comment); no count is defined.
        return -1;
      }
      List<String> fields = r.stream().map(ReaderFuzzTest::clean).toList();
      boolean blankLine = fields.size() == 1 && fields.get(0).isEmpty(); // "   ": nothing but spaces
      if (!blankLine && !sameAsHeader(fields, header)) {
        n++;
      }
    }
    return n * rowsPerRecord(layout.format(), header);
  }

  private static List<CSVRecord> parse(String text, CSVFormat f) throws IOException {
    try (CSVParser p = f.parse(new StringReader(text))) {
      return p.getRecords();
    }
  }

  private static String clean(String s) {
    return s.strip();
  }

  private static boolean sameAsHeader(List<String> fields, List<String> header) {
    List<String> h = new ArrayList<>(header);
    List<String> f = new ArrayList<>(fields);
    if (!f.isEmpty()) {
      f.set(0, f.get(0).replace("\uFEFF", "")); // a copied header line keeps the file's BOM
    }
    while (!h.isEmpty() && h.get(h.size() - 1).isEmpty()) {
      h.remove(h.size() - 1);
    }
    while (!f.isEmpty() && f.get(f.size() - 1).isEmpty()) {
      f.remove(f.size() - 1);
    }
    return f.equals(h);
  }

  private static long rowsPerRecord(String format, List<String> header) {
    List<String> names = new ArrayList<>(header);
    while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
      names.remove(names.size() - 1);
    }
    return switch (format) {
      case Formats.USGS_MCS_WORLD -> names.stream().filter(n -> MCS_YEAR.matcher(n).matches()).count();
      case Formats.FRED -> names.size() - 1L;
      // the DataBank export: a value per year column; the long layout: a value per record
      case Formats.WGI -> Math.max(1, names.stream().filter(n -> WGI_YEAR.matcher(n).matches()).count());
      // results: an extraction and a processing row per record; trade parameters: one
      case Formats.EU_CRM -> names.contains("country_name") && names.contains("parameter") ? 1 : 2;
      default -> 1;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // End to end

  /** One mutant per format, for a seeded choice of formats. */
  static List<Mutant> endToEndSubset(List<Mutant> mutants, Random rnd) {
    Map<String, List<Mutant>> byBase = new LinkedHashMap<>();
    mutants.forEach(m -> byBase.computeIfAbsent(m.base.name, k -> new ArrayList<>()).add(m));
    List<String> names = new ArrayList<>(byBase.keySet());
    java.util.Collections.shuffle(names, rnd);
    List<Mutant> out = new ArrayList<>();
    for (String n : names.subList(0, Math.min(END_TO_END, names.size()))) {
      List<Mutant> ms = byBase.get(n);
      out.add(ms.get(rnd.nextInt(ms.size())));
    }
    return out;
  }

  private void endToEnd(List<Mutant> subset, List<String> failures) throws Exception {
    Path root = tmp.resolve("out");
    // An earlier output (it has a manifest) that every failed run must leave as it is.
    Files.createDirectories(root.resolve("earlier"));
    Files.writeString(root.resolve("_manifest.json"), "{\"run_id\": \"earlier\"}");
    Files.writeString(root.resolve("earlier/part-0.txt"), "published before the fuzz runs");
    Path exports = tmp.resolve("exports.csv");
    Files.write(exports, head(Files.readAllBytes(Path.of(Paths.project("sample-data/supply/china_exports_monthly.csv")))));
    for (Mutant m : subset) {
      String inputs = "\"%s\": {\"path\": \"%s\", \"format\": \"%s\"}".formatted(m.base.input, m.file, m.base.format);
      if (m.base.format.equals(Formats.EXPORT_CONTROLS)) {
        inputs += ", \"rare_earth_exports\": {\"path\": \"%s\", \"format\": \"export-monthly\"}".formatted(exports);
      }
      if (m.base.format.equals(Formats.WGI) || m.base.format.equals(Formats.EU_CRM)) { // the rest of a supply-risk job
        inputs += ", \"production\": {\"path\": \"%s\", \"format\": \"bgs-wms\"}"
            .formatted(Paths.project("sample-data/supply/bgs_risk_sample.csv"));
        inputs += m.base.format.equals(Formats.WGI)
            ? ", \"risk_parameters\": {\"path\": \"%s\", \"format\": \"eu-crm\"}"
                .formatted(Paths.project("sample-data/reference/eu-crm2023-results-seed.csv"))
            : ", \"governance\": {\"path\": \"%s\", \"format\": \"wgi\"}"
                .formatted(Paths.project("sample-data/governance/wgi_long_sample.csv"));
      }
      Path job = tmp.resolve("job-" + m.id + ".json");
      Files.writeString(job, "{\"name\": \"fuzz\", \"inputs\": {" + inputs + "}, \"output\": {\"path\": \"" + root
          + "\"}, \"quality\": {\"max_reject_ratio\": 0.5}}");
      String before = digest(root);
      Result r = cli("run", "--job", job.toString(), "--run-date", "2026-11-29");
      String what = m.describe() + " end to end";
      if (r.code() != 0 && r.code() != 3) {
        failures.add(what + ": exit " + r.code() + ": " + r.firstErrLine());
      }
      if (r.err().contains("\tat ") || r.err().contains("Exception:") && r.code() == 0) {
        failures.add(what + ": stack trace on stderr: " + r.err().lines().limit(3).toList());
      }
      if (r.code() != 0) {
        if (!r.firstErrLine().startsWith("chokepoint: error: ") || r.err().lines().count() != 1) {
          failures.add(what + ": expected one 'chokepoint: error:' line, got " + r.err().lines().limit(3).toList());
        }
        if (!digest(root).equals(before)) {
          failures.add(what + ": failed with exit " + r.code() + " but changed the output root");
        }
        continue;
      }
      JsonNode manifest = new ObjectMapper().readTree(Files.readString(root.resolve("_manifest.json")));
      JsonNode in = manifest.get("inputs").get(m.base.input);
      JsonNode files = in.get("files");
      String encoding = files.get(0).get("encoding").asText();
      FileLayout layout = Readers.preflight(new InputSpec(m.base.input, List.of("file:" + m.file), m.base.format, null),
          spark().sparkContext().hadoopConfiguration()).get(0);
      assertThat(layout.encoding()).as(what).isEqualTo(encoding);
      long expected = independentRows(m.bytes, layout);
      if (expected >= 0 && in.get("rows_read").asLong() != expected) {
        failures.add(what + ": manifest rows_read " + in.get("rows_read") + ", the file holds " + expected);
      }
      // Every published table, as the manifest lists them (the report folder beside them is no table).
      List<Path> published = new ArrayList<>();
      manifest.get("outputs").fieldNames().forEachRemaining(t -> published.add(root.resolve(t)));
      try (Stream<Path> tables = published.stream()) {
        for (Path t : tables.toList()) {
          Dataset<Row> d = spark().read().parquet(t.toString());
          long bad = d.where(nonFinite(d).gt(0)).count();
          if (bad > 0) {
            failures.add(what + ": " + bad + " rows of " + t.getFileName() + " hold NaN/Inf");
          }
        }
      }
    }
  }

  /** Every file under {@code root} (hidden lock and staging folders beside it excluded) and its bytes. */
  static String digest(Path root) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    if (Files.exists(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted().toList()) {
          md.update(root.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
          if (Files.isRegularFile(p)) {
            md.update(Files.readAllBytes(p));
          }
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  // ---------------------------------------------------------------------------------------------
  // Sample files and mutations

  /**
   * A sample file of every format of the reader registry ({@link FormatSamples}), plus the export
   * sample in the qennis layout.
   */
  List<Base> bases() throws IOException {
    assertThat(FormatSamples.missingFormats()).as("registered formats without a sample file").isEmpty();
    List<Base> out = new ArrayList<>();
    for (FormatSamples.Sample s : FormatSamples.sampleData()) {
      Base b = new Base(s.name(), s.format(), s.input(), head(Files.readAllBytes(Path.of(s.path()))));
      out.add(b);
      if (s.path().endsWith("china_exports_monthly.csv")) {
        out.add(new Base("export-monthly-qennis", Formats.EXPORT_MONTHLY, "rare_earth_exports", qennis(b.bytes)));
      }
    }
    return out;
  }

  /** The header and the first {@link #MAX_RECORDS} lines (the samples hold no multi-line records). */
  static byte[] head(byte[] file) {
    int lines = 0;
    for (int i = 0; i < file.length; i++) {
      if (file[i] == '\n' && ++lines > MAX_RECORDS) {
        return java.util.Arrays.copyOf(file, i + 1);
      }
    }
    return file;
  }

  /** The canonical export sample in the qennis layout (period_dt, val, qty, uv, hhi, broad_group, partner_name). */
  static byte[] qennis(byte[] canonical) throws IOException {
    StringBuilder sb = new StringBuilder("period_dt,val,qty,uv,hhi,broad_group,partner_name\n");
    List<CSVRecord> rows = parse(new String(canonical, StandardCharsets.UTF_8), CSVFormat.RFC4180);
    for (CSVRecord r : rows.subList(1, rows.size())) {
      double v = Double.parseDouble(r.get(4));
      double q = r.get(5).isEmpty() ? 0 : Double.parseDouble(r.get(5));
      sb.append(r.get(0)).append("-01,").append(r.get(4)).append(',').append(r.get(5)).append(',')
          .append(q == 0 ? "" : String.format(Locale.ROOT, "%.3f", v / q)).append(",0.25,").append(r.get(3)).append(',')
          .append(r.get(2).contains(",") ? "\"" + r.get(2) + "\"" : r.get(2)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Mutation kinds a format is fuzzed with: every kind, for every format. */
  static List<Kind> kinds(Base b) {
    return List.of(Kind.values());
  }

  Mutant mutate(int id, Base b, Random rnd) throws IOException {
    List<Kind> allowed = kinds(b);
    int n = 1 + rnd.nextInt(3);
    List<String> applied = new ArrayList<>();
    byte[] bytes = b.bytes;
    for (int i = 0; i < n; i++) {
      Kind k = allowed.get(rnd.nextInt(allowed.size()));
      bytes = apply(k, bytes, rnd);
      applied.add(k.name().toLowerCase(Locale.ROOT));
    }
    Path file = tmp.resolve(String.format(Locale.ROOT, "m%05d-%s.csv", id, b.name.replaceAll("[^A-Za-z0-9-]+", "_")));
    Files.write(file, bytes);
    return new Mutant(id, b, applied, file, bytes);
  }

  static byte[] apply(Kind k, byte[] in, Random rnd) {
    // Latin-1 maps bytes to chars one to one, so text edits keep every other byte as it was.
    String s = new String(in, StandardCharsets.ISO_8859_1);
    String out = switch (k) {
      case TRUNCATE -> s.substring(0, rnd.nextInt(s.length() + 1));
      case INSERT_BYTES -> {
        StringBuilder sb = new StringBuilder(s);
        int at = rnd.nextInt(s.length() + 1);
        int len = 1 + rnd.nextInt(8);
        for (int i = 0; i < len; i++) {
          sb.insert(at, (char) rnd.nextInt(256));
        }
        yield sb.toString();
      }
      case ADD_FIELD -> onDataLine(s, rnd, line -> {
        int at = fieldBoundary(line, rnd);
        return line.substring(0, at) + "," + token(rnd) + line.substring(at);
      });
      case DROP_FIELD -> onDataLine(s, rnd, line -> {
        int comma = line.indexOf(',', rnd.nextInt(Math.max(1, line.length())));
        if (comma < 0) {
          return line;
        }
        int next = line.indexOf(',', comma + 1);
        return line.substring(0, comma) + (next < 0 ? "" : line.substring(next));
      });
      case STRAY_QUOTE -> {
        int at = rnd.nextInt(s.length() + 1);
        yield s.substring(0, at) + "\"" + s.substring(at);
      }
      case UNBALANCED_QUOTE -> onDataLine(s, rnd, line -> {
        int at = fieldBoundary(line, rnd);
        return line.substring(0, at) + (at == 0 ? "\"" : ",\"") + line.substring(at == 0 ? 0 : at + 1);
      });
      case HUGE_NUMBER -> replaceToken(s, rnd, "-?[0-9]+(\\.[0-9]+)?",
          List.of("1.797e308", "1e400", "99999999999999999999", "-1e300", "1e16", "4.9e-324", "123456789012345678"));
      case ODD_NUMBER -> replaceToken(s, rnd, "-?[0-9]+(\\.[0-9]+)?",
          List.of("NaN", "Infinity", "-Infinity", "0x1p4", "12d", "-0", "1,234.5", "1e", "--5", ".", "NA", "W", ">9"));
      case IMPOSSIBLE_DATE -> replaceToken(s, rnd, "(19|20)[0-9]{2}(-[0-9]{2}(-[0-9]{2})?)?",
          List.of("9999-12-01", "0000-00-00", "99999", "-2024", "2024-13-45", "1899", "2101", "0000-01-01", "2024-02-30"));
      case BOM -> switch (rnd.nextInt(3)) {
        case 0 -> "\u00EF\u00BB\u00BF" + s;
        case 1 -> "\u00EF\u00BB\u00BF\u00EF\u00BB\u00BF" + s;
        default -> onDataLine(s, rnd, line -> "\u00EF\u00BB\u00BF" + line);
      };
      case LINE_ENDS -> switch (rnd.nextInt(3)) {
        case 0 -> s.replace("\r\n", "\n").replace("\n", "\r\n");
        case 1 -> s.replace("\r\n", "\n");
        default -> s.replace("\r\n", "\n").replace("\n", "\r");
      };
      case DUPLICATE_HEADER_NAME -> {
        int nl = s.indexOf('\n') < 0 ? s.length() : s.indexOf('\n');
        String[] names = s.substring(0, nl).split(",", -1);
        if (names.length < 2) {
          yield s;
        }
        int a = rnd.nextInt(names.length);
        int b = rnd.nextInt(names.length);
        names[b] = names[a];
        yield String.join(",", names) + s.substring(nl);
      }
      case BLANK_LINES -> {
        String[] blanks = {"\n", "\n\n", "\r\n", "   \n", ",,,\n"};
        int at = lineStart(s, rnd);
        yield s.substring(0, at) + blanks[rnd.nextInt(blanks.length)] + s.substring(at);
      }
      case REPEATED_HEADER_LINE -> {
        int nl = s.indexOf('\n');
        if (nl < 0) {
          yield s;
        }
        int at = lineStart(s, rnd);
        yield s.substring(0, at) + s.substring(0, nl + 1) + s.substring(at);
      }
    };
    return out.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String token(Random rnd) {
    String[] t = {"", "x", "42", "\"a,b\"", "1e308", "CHN"};
    return t[rnd.nextInt(t.length)];
  }

  /** The start of a random line after the header (or the end of the text). */
  private static int lineStart(String s, Random rnd) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n' && i + 1 <= s.length()) {
        starts.add(i + 1);
      }
    }
    return starts.isEmpty() ? s.length() : starts.get(rnd.nextInt(starts.size()));
  }

  private static int fieldBoundary(String line, Random rnd) {
    List<Integer> commas = new ArrayList<>(List.of(0));
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == ',') {
        commas.add(i);
      }
    }
    return commas.get(rnd.nextInt(commas.size()));
  }

  /** Applies {@code edit} to one random line after the header. */
  private static String onDataLine(String s, Random rnd, java.util.function.UnaryOperator<String> edit) {
    String[] lines = s.split("\n", -1);
    if (lines.length < 2) {
      return s;
    }
    int i = 1 + rnd.nextInt(lines.length - 1);
    lines[i] = edit.apply(lines[i]);
    return String.join("\n", lines);
  }

  /** Replaces one random match of {@code regex} (outside the header) with one of {@code values}. */
  private static String replaceToken(String s, Random rnd, String regex, List<String> values) {
    int nl = Math.max(0, s.indexOf('\n'));
    Matcher m = Pattern.compile("(?<![0-9A-Za-z.])" + regex + "(?![0-9A-Za-z.])").matcher(s);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      if (m.start() > nl) {
        spans.add(new int[] {m.start(), m.end()});
      }
    }
    if (spans.isEmpty()) {
      return s;
    }
    int[] sp = spans.get(rnd.nextInt(spans.size()));
    return s.substring(0, sp[0]) + values.get(rnd.nextInt(values.size())) + s.substring(sp[1]);
  }

  private static String outcomesText(Map<String, int[]> outcomes) {
    StringBuilder sb = new StringBuilder();
    outcomes.forEach((f, c) -> sb.append(sb.length() == 0 ? "" : ", ").append(f).append(' ').append(c[0]).append('/')
        .append(c[1]).append('/').append(c[2]));
    return "{" + sb + "}";
  }
}
