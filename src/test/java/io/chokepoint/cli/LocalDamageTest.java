package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.error.ChokepointException;
import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.ReadContext;
import io.chokepoint.ingest.Readers;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.FormatSamples;
import io.chokepoint.testing.Inputs;
import io.chokepoint.testing.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz test's local rule (issue #29): damage at most a few records of a good file and the rest
 * are read exactly as from the undamaged file. One damaged record costs that record, never a
 * file-wide decision: the file's width (a trailing delimiter is a property of the format, judged per
 * record), its charset (valid multi-byte sequences are evidence of UTF-8 that one bad byte does not
 * outweigh) or its columns.
 *
 * <p>For every format of the reader registry, its sample files and the real files of
 * {@code ../shared/realdata} that are present (the header, the first {@value #RECORDS} records and
 * up to {@value #NON_ASCII} more that hold non-ASCII bytes, so each file keeps its charset's
 * evidence), and for each damage kind, 1 or 3 records are damaged. Each copy must pass preflight,
 * and the rows it gives (every column but the source file) must equal the good file's rows but for
 * at most the damaged records' own rows. A record damaged by a stray byte in every field
 * ({@link Damage#BYTE_IN_EVERY_FIELD}: its keys no longer parse as codes, dates or numbers) must
 * give no used row that the good file does not have.
 */
class LocalDamageTest extends SparkTestBase {
  static final long SEED = Long.getLong("chokepoint.fuzz.seed", 29L);
  static final int RECORDS = 40;
  static final int NON_ASCII = 5;

  @TempDir Path tmp;

  enum Damage {
    /** The record's last field is cut off (one field fewer). */
    CUT_SHORT,
    /** The record is cut in the middle of a field. */
    CUT_MID_FIELD,
    /** One more field at the end. */
    EXTRA_FIELD,
    /** One byte that is not UTF-8 (0xFF) inside a field. */
    BAD_BYTE,
    /** A quote inside an unquoted field. */
    STRAY_QUOTE,
    /** A byte 0xFF inside every field: codes, dates and numbers no longer parse. */
    BYTE_IN_EVERY_FIELD
  }

  record Copy(String name, Path file, Damage damage, int records) {}

  /** A good file and its damaged copies. */
  record Sampled(FormatSamples.Sample sample, Path good, List<Copy> damaged) {}

  @Test
  void aFewDamagedRecordsCostThemselvesAndNothingElse() throws Exception {
    spark();
    List<FormatSamples.Sample> samples = new ArrayList<>(FormatSamples.sampleData());
    samples.addAll(FormatSamples.realData());
    Random rnd = new Random(SEED);
    List<String> failures = new ArrayList<>();
    Map<String, List<Sampled>> byFormat = new LinkedHashMap<>();
    int copies = 0;
    for (FormatSamples.Sample s : samples) {
      byte[] good = window(Files.readAllBytes(Path.of(s.path())));
      String tag = s.name().replaceAll("[^A-Za-z0-9]+", "_");
      Path goodFile = Files.write(tmp.resolve(tag + "-good.csv"), good);
      List<Copy> damaged = new ArrayList<>();
      for (Damage d : Damage.values()) {
        for (int k : new int[] {1, 3}) {
          byte[] bytes = damage(good, d, k, rnd);
          if (bytes != null) {
            Path f = Files.write(tmp.resolve(tag + "-" + d.name().toLowerCase(Locale.ROOT) + "-" + k + ".csv"), bytes);
            damaged.add(new Copy(s.name() + " " + d + " x" + k, f, d, k));
          }
        }
      }
      copies += damaged.size();
      byFormat.computeIfAbsent(s.format(), f -> new ArrayList<>()).add(new Sampled(s, goodFile, damaged));
    }
    for (List<Sampled> sampled : byFormat.values()) {
      check(sampled, failures);
    }
    System.out.printf(Locale.ROOT, "local damage (seed %d): %d damaged copies of %d files, %d failures%n", SEED, copies,
        samples.size(), failures.size());
    assertThat(failures).as("seed " + SEED).isEmpty();
  }

  /**
   * Reads the good files of one format and their damaged copies as one input (one Spark job) and
   * compares each copy's rows with its good file's.
   */
  private static void check(List<Sampled> sampled, List<String> failures) {
    List<FileLayout> layouts = new ArrayList<>();
    for (Sampled s : sampled) {
      layouts.addAll(preflight(s.sample(), s.good()));
      for (Copy c : s.damaged()) {
        try {
          layouts.addAll(preflight(s.sample(), c.file()));
        } catch (ChokepointException e) {
          failures.add(c.name() + ": the whole file was refused: " + e.getMessage());
        }
      }
    }
    ReadContext ctx = new ReadContext(spark(), Inputs.COUNTRIES, 2026, "CHN");
    Dataset<Row> rows = Readers.read(ctx, layouts);
    List<String> cols = new ArrayList<>(List.of(rows.columns()));
    cols.remove(RowStatus.SOURCE_FILE);
    org.apache.spark.sql.Column status = cols.contains(RowStatus.STATUS) ? functions.col(RowStatus.STATUS)
        : RowStatus.derive();
    Dataset<Row> text = rows.select(functions.col(RowStatus.SOURCE_FILE), status,
        functions.concat_ws("\u0001", cols.stream().map(c -> functions.coalesce(functions.col(c).cast("string"),
            functions.lit("<null>"))).toArray(org.apache.spark.sql.Column[]::new)));
    Map<String, List<String>> byFile = new HashMap<>();
    Map<String, List<String>> usedByFile = new HashMap<>();
    for (Row r : text.collectAsList()) {
      String file = Path.of(java.net.URI.create(r.getString(0).replace(" ", "%20"))).getFileName().toString();
      byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(r.getString(2));
      if (RowStatus.USED.equals(r.getString(1))) {
        usedByFile.computeIfAbsent(file, f -> new ArrayList<>()).add(r.getString(2));
      }
    }
    for (Sampled s : sampled) {
      compare(s, byFile, usedByFile, failures);
    }
  }

  /** Each damaged copy's rows against its good file's: only the damaged records' own rows may differ. */
  private static void compare(Sampled s, Map<String, List<String>> byFile, Map<String, List<String>> usedByFile,
      List<String> failures) {
    List<String> goodRows = byFile.getOrDefault(s.good().getFileName().toString(), List.of());
    if (goodRows.isEmpty()) {
      failures.add(s.sample().name() + ": the good file gave no rows");
      return;
    }
    long records = dataLines(readLines(s.good())).size();
    long perRecord = Math.max(1, Math.round((double) goodRows.size() / records));
    List<String> goodUsed = usedByFile.getOrDefault(s.good().getFileName().toString(), List.of());
    for (Copy c : s.damaged()) {
      List<String> rowsOfCopy = byFile.getOrDefault(c.file().getFileName().toString(), List.of());
      List<String> missing = minus(goodRows, rowsOfCopy);
      List<String> extra = minus(rowsOfCopy, goodRows);
      long allowed = c.records() * perRecord;
      if (missing.size() > allowed || extra.size() > allowed) {
        failures.add(c.name() + ": " + missing.size() + " rows of the good file changed or lost and " + extra.size()
            + " new (at most " + allowed + " expected); e.g. lost " + missing.stream().limit(2).toList() + ", new "
            + extra.stream().limit(2).toList());
      }
      if (c.damage() == Damage.BYTE_IN_EVERY_FIELD) {
        List<String> newUsed = minus(usedByFile.getOrDefault(c.file().getFileName().toString(), List.of()), goodUsed);
        if (!newUsed.isEmpty()) {
          failures.add(c.name() + ": a record whose every field holds a stray byte was used: " + newUsed.get(0));
        }
      }
    }
  }

  private static List<FileLayout> preflight(FormatSamples.Sample s, Path file) {
    return Readers.preflight(new InputSpec(s.input(), List.of("file:" + file), s.format(), null),
        spark().sparkContext().hadoopConfiguration());
  }

  /** {@code a} minus {@code b}, as multisets. */
  static List<String> minus(List<String> a, List<String> b) {
    Map<String, Long> left = b.stream().collect(Collectors.groupingBy(x -> x, Collectors.counting()));
    List<String> out = new ArrayList<>();
    for (String x : a) {
      Long n = left.get(x);
      if (n == null || n == 0) {
        out.add(x);
      } else {
        left.put(x, n - 1);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Files and damage. Bytes are handled as Latin-1 text, which maps each byte to one char.

  /** The lines of a file with their line ends, as Latin-1 text. */
  static List<String> readLines(Path f) {
    try {
      return lines(Files.readAllBytes(f));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> lines(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        out.add(s.substring(from, i + 1));
        from = i + 1;
      }
    }
    if (from < s.length()) {
      out.add(s.substring(from));
    }
    return out;
  }

  /** Indices of the data lines: after the header, not blank. */
  static List<Integer> dataLines(List<String> lines) {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        out.add(i);
      }
    }
    return out;
  }

  /** The header, the first {@link #RECORDS} data lines and up to {@link #NON_ASCII} later lines holding non-ASCII bytes. */
  static byte[] window(byte[] file) {
    List<String> all = lines(file);
    StringBuilder sb = new StringBuilder();
    int nonAscii = 0;
    for (int i = 0; i < all.size(); i++) {
      String l = all.get(i);
      boolean keep = i <= RECORDS || nonAscii < NON_ASCII && l.chars().anyMatch(c -> c >= 0x80) && nonAscii++ >= 0;
      if (keep) {
        sb.append(l);
      }
    }
    String out = sb.toString();
    return (out.endsWith("\n") ? out : out + "\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A copy with {@code k} data records damaged by {@code d}, or null when the file has too few. */
  static byte[] damage(byte[] good, Damage d, int k, Random rnd) {
    List<String> lines = new ArrayList<>(lines(good));
    List<Integer> data = new ArrayList<>(dataLines(lines));
    if (data.size() < k + 5) {
      return null;
    }
    char delim = delimiter(lines.get(0));
    java.util.Collections.shuffle(data, rnd);
    for (int i : data.subList(0, k)) {
      String line = lines.get(i);
      String end = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
      String body = line.substring(0, line.length() - end.length());
      lines.set(i, apply(d, body, delim, rnd) + end);
    }
    return String.join("", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  static String apply(Damage d, String body, char delim, Random rnd) {
    List<int[]> fields = fields(body, delim);
    int[] f = fields.get(rnd.nextInt(fields.size()));
    return switch (d) {
      case CUT_SHORT -> fields.size() < 2 ? body : body.substring(0, fields.get(fields.size() - 1)[0] - 1);
      case CUT_MID_FIELD -> {
        int[] g = fields.get(fields.size() / 2);
        yield body.substring(0, g[0] + (g[1] - g[0]) / 2);
      }
      case EXTRA_FIELD -> body + delim + "x";
      case BAD_BYTE -> {
        int at = f[0] + rnd.nextInt(f[1] - f[0] + 1);
        yield body.substring(0, at) + '\u00FF' + body.substring(at);
      }
      case STRAY_QUOTE -> {
        List<int[]> unquoted = fields.stream().filter(g -> g[1] - g[0] >= 2 && body.charAt(g[0]) != '"').toList();
        if (unquoted.isEmpty()) {
          yield body + delim + "x"; // every field quoted: the copy still differs by one record
        }
        int[] g = unquoted.get(rnd.nextInt(unquoted.size()));
        int at = g[0] + 1 + rnd.nextInt(g[1] - g[0] - 1);
        yield body.substring(0, at) + '"' + body.substring(at);
      }
      case BYTE_IN_EVERY_FIELD -> {
        StringBuilder sb = new StringBuilder(body);
        for (int j = fields.size() - 1; j >= 0; j--) {
          int[] g = fields.get(j);
          boolean quoted = g[1] - g[0] >= 2 && body.charAt(g[0]) == '"';
          sb.insert(quoted ? g[0] + 1 : g[0] + (g[1] - g[0]) / 2, '\u00FF');
        }
        yield sb.toString();
      }
    };
  }

  /** The [start, end) of each field of a line, quotes respected. */
  static List<int[]> fields(String line, char delim) {
    List<int[]> out = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == delim && !quoted) {
        out.add(new int[] {start, i});
        start = i + 1;
      }
    }
    out.add(new int[] {start, line.length()});
    return out;
  }

  static char delimiter(String header) {
    Map<Character, Long> n = new LinkedHashMap<>();
    for (char c : new char[] {',', '|', ';', '\t'}) {
      n.put(c, header.chars().filter(x -> x == c).count());
    }
    return n.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
