package io.chokepoint.ingest;

import io.chokepoint.error.Failures;
import io.chokepoint.error.InputException;
import io.chokepoint.spec.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Reads the start of a CSV file on the driver, once per file per run, and tells its
 * {@link CsvHeader}. The charset is UTF-8 when the file starts with a UTF-8 byte order mark, or
 * when the sampled bytes are UTF-8 or hold valid multi-byte sequences (see {@link #detect}: a few
 * bad bytes cost their records, not the file's charset), else UTF-16 when a UTF-16 byte order mark
 * starts the file, else ISO-8859-1 (Latin-1), unless the spec forces another charset Spark accepts. Compressed files ({@code .gz} …) are read decompressed, as
 * Spark reads them.
 *
 * <p>Refused with an {@link InputException} naming the file: an empty file and a header that
 * repeats a column name. The field counts of the sampled records are recorded for the format to
 * judge ({@link CsvHeader#checkRecordWidths}); nothing about the file's width is inferred here.
 */
public final class CsvSniffer {
  static final int SAMPLE_BYTES = 8 << 20;
  /**
   * Files up to this size whose sample is not the whole file are read whole (multi-line quoted
   * fields are always safe there).
   */
  static final long WHOLE_FILE_BYTES = 128L << 20;
  /** Data rows sampled to tell a header that disagrees with its rows. */
  static final int SAMPLE_RECORDS = 200;
  private static final Charset FALLBACK = StandardCharsets.ISO_8859_1;
  private static final char[] DELIMITERS = {',', '|', ';', '\t'};

  private CsvSniffer() {}

  public static CsvHeader sniff(String file, String forcedEncoding, Configuration conf) {
    Path path = new Path(file);
    byte[] sample;
    long length;
    try (InputStream in = open(path, conf)) {
      length = path.getFileSystem(conf).getFileStatus(path).getLen();
      sample = in.readNBytes(SAMPLE_BYTES);
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + Failures.describe(e) + ")", e);
    }
    Charset cs;
    int offset = 0;
    if (forcedEncoding != null) {
      cs = Charset.forName(forcedEncoding);
    } else if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
      cs = StandardCharsets.UTF_8;
      offset = 3;
    } else if (startsWith(sample, 0xFE, 0xFF) || startsWith(sample, 0xFF, 0xFE)) {
      cs = StandardCharsets.UTF_16; // Java's UTF-16 reads either byte order mark
    } else {
      cs = detect(sample, offset);
    }
    String text = new String(sample, offset, sample.length - offset, cs);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    int nl = firstLineEnd(text);
    if (nl == 0 || text.isBlank()) {
      throw new InputException(file + ": empty file, expected a header line");
    }
    String line = text.substring(0, nl);
    char delim = delimiter(line);
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delim).build();
    List<String> names = new ArrayList<>();
    try (CSVParser p = format.parse(new StringReader(line))) {
      CSVRecord rec = p.iterator().next();
      for (String n : rec) {
        names.add(n.replace("\uFEFF", "").strip());
      }
    } catch (IOException | RuntimeException e) {
      throw new InputException(file + ", line 1: header cannot be parsed as CSV", e);
    }
    int width = names.size();
    while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
      names.remove(names.size() - 1);
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String key = names.get(i).toLowerCase(Locale.ROOT);
      Integer first = key.isEmpty() ? null : seen.putIfAbsent(key, i);
      if (first != null) {
        throw new InputException(file + ", line 1: column name " + Redaction.foreign(names.get(i)) + " appears twice (columns "
            + (first + 1) + " and " + (i + 1) + "); a repeated name would be read twice");
      }
    }
    boolean wholeSample = sample.length < SAMPLE_BYTES;
    boolean quotedBreak = hasQuotedLineBreak(text, nl);
    CsvHeader.RecordWidths widths = recordWidths(text, format, width, wholeSample);
    // Line by line unless a quoted field may span lines: Hadoop's line reader ends a record at \n,
    // \r\n or \r alike, where a whole-file read splits records only at the first line end it sees
    // (a file with mixed line ends would lose records). A sample that is the whole file shows every
    // quoted line break; a larger file that is small enough is read whole to be safe. UTF-16 and
    // UTF-32 are always read whole (Spark's line splitter only knows one-byte line ends).
    boolean multiLine = quotedBreak || !wholeSample && length <= WHOLE_FILE_BYTES || wideCharset(cs);
    return new CsvHeader(file, List.copyOf(names), cs, delim, width, multiLine, false, widths);
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Opens a file as Spark's text readers see it: decompressed when its extension names a Hadoop
   * codec ({@code .gz}, {@code .bz2}, …).
   */
  static InputStream open(Path p, Configuration conf) throws IOException {
    InputStream raw = p.getFileSystem(conf).open(p);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    if (codec == null) {
      return raw;
    }
    try {
      return codec.createInputStream(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * Whether Spark must read files of this charset whole ({@code multiLine}): its line splitter
   * looks for the byte '\n', which in UTF-16 and UTF-32 is only half (or a quarter) of a line break.
   */
  public static boolean wideCharset(Charset cs) {
    return cs.name().startsWith("UTF-16") || cs.name().startsWith("UTF-32");
  }

  /**
   * The field counts of the sampled data records: how many have the header's count, and how many
   * one more with that field empty (a trailing delimiter). Nothing is decided here: whether a
   * trailing delimiter is allowed is the format's to say ({@link CsvHeader#withTrailingDelimiter}),
   * and {@link CsvHeader#checkRecordWidths} refuses a header that no sampled record agrees with.
   */
  private static CsvHeader.RecordWidths recordWidths(String text, CSVFormat format, int width, boolean wholeFile) {
    int sampled = 0;
    int matching = 0;
    int trailing = 0;
    Map<Integer, Integer> counts = new HashMap<>();
    try (CSVParser p = format.parse(new StringReader(text))) {
      var it = p.iterator();
      it.next(); // the header
      while (it.hasNext() && sampled < SAMPLE_RECORDS) {
        CSVRecord r = it.next();
        if (!it.hasNext() && !wholeFile) {
          break; // the sample may end inside this record
        }
        if (r.size() == 1 && r.get(0).isBlank()) {
          continue;
        }
        sampled++;
        matching += r.size() == width ? 1 : 0;
        trailing += r.size() == width + 1 && emptyFrom(r, width) ? 1 : 0;
        counts.merge(r.size(), 1, Integer::sum);
      }
    } catch (IOException | RuntimeException e) {
      return CsvHeader.RecordWidths.NONE; // malformed quoting: the records concerned are rejected when read
    }
    int usual = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
    return new CsvHeader.RecordWidths(sampled, matching, trailing, usual);
  }

  private static boolean emptyFrom(CSVRecord r, int from) {
    for (int i = from; i < r.size(); i++) {
      if (!r.get(i).isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** Whether a quoted field in the sample spans a line break (the file must then be read whole). */
  private static boolean hasQuotedLineBreak(String text, int from) {
    boolean quoted = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (quoted && (c == '\n' || c == '\r')) {
        return true;
      }
    }
    return false;
  }

  /**
   * UTF-8 when the bytes decode as UTF-8, or when they hold valid multi-byte sequences and the
   * lines with invalid bytes do not outnumber the lines that hold valid sequences (and none invalid)
   * ten to one; else Latin-1. A valid multi-byte sequence is strong evidence: in Latin-1 text it
   * takes an accented capital followed by a symbol or control character, where every accented
   * letter followed by plain text is invalid. So a UTF-8 file with a damaged record or a few stays
   * UTF-8 (those records are rejected, {@code invalid UTF-8 bytes in the record}), and a Latin-1
   * file stays Latin-1 even when one of its lines happens to decode.
   */
  static Charset detect(byte[] sample, int offset) {
    int end = sample.length;
    if (sample.length == SAMPLE_BYTES) {
      // The sample may end inside a multi-byte character: step back to a character start.
      while (end > offset && (sample[end - 1] & 0xC0) == 0x80) {
        end--;
      }
      if (end > offset && (sample[end - 1] & 0x80) != 0) {
        end--;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(sample, offset, end - offset));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException e) {
      int[] lines = utf8Lines(sample, offset, end);
      return lines[0] > 0 && lines[1] <= 10L * lines[0] ? StandardCharsets.UTF_8 : FALLBACK;
    }
  }

  /**
   * Counts the lines that hold a well-formed multi-byte UTF-8 sequence and no invalid byte, and the
   * lines that hold a byte which starts no well-formed sequence.
   */
  static int[] utf8Lines(byte[] b, int from, int to) {
    int valid = 0;
    int invalid = 0;
    boolean lineValid = false;
    boolean lineInvalid = false;
    int i = from;
    while (i <= to) {
      int c = i == to ? '\n' : b[i] & 0xff;
      if (c == '\n') {
        valid += lineValid && !lineInvalid ? 1 : 0;
        invalid += lineInvalid ? 1 : 0;
        lineValid = false;
        lineInvalid = false;
        i++;
        continue;
      }
      int n = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
      if (n == 0) {
        i++;
        continue;
      }
      boolean ok = n > 0;
      for (int k = 1; ok && k <= n; k++) {
        ok = i + k < to && (b[i + k] & 0xC0) == 0x80;
      }
      if (ok) {
        lineValid = true;
        i += n + 1;
      } else {
        lineInvalid = true;
        i++;
      }
    }
    return new int[] {valid, invalid};
  }

  private static int firstLineEnd(String text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        return i;
      }
    }
    return text.length();
  }

  private static char delimiter(String line) {
    char best = ',';
    int bestCount = -1;
    for (char d : DELIMITERS) {
      int n = 0;
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && c == d) {
          n++;
        }
      }
      if (n > bestCount) {
        best = d;
        bestCount = n;
      }
    }
    return best;
  }
}
