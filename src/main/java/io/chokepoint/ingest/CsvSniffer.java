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
 * {@link CsvHeader}. The charset is UTF-8 when the sampled bytes are UTF-8 (with or without a byte
 * order mark) or nearly so — a file whose valid multi-byte sequences outnumber its invalid bytes
 * ten to one is UTF-8 with a few bad bytes, and the records holding them are rejected — else
 * UTF-16 when a UTF-16 byte order mark starts the file, else ISO-8859-1 (Latin-1), unless the spec
 * forces another charset Spark accepts. Compressed files ({@code .gz} …) are read decompressed, as
 * Spark reads them.
 *
 * <p>Refused with an {@link InputException} naming the file: an empty file, a header that repeats
 * a column name, and a header whose sampled data rows all have another field count.
 */
public final class CsvSniffer {
  static final int SAMPLE_BYTES = 8 << 20;
  /** Files up to this size are read whole (multi-line quoted fields are always safe there). */
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
    boolean quotedBreak = hasQuotedLineBreak(text, nl);
    width = dataWidth(file, text, format, width, sample.length < SAMPLE_BYTES);
    return new CsvHeader(file, List.copyOf(names), cs, delim, width,
        quotedBreak || length <= WHOLE_FILE_BYTES || wideCharset(cs));
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
   * The field count every record must have. That is the header's, or more when the sampled data
   * rows all end with empty fields the header lacks (a trailing delimiter on every data row, as
   * Comtrade writes). A header whose sampled data rows all have another count (a column missing
   * from the header shifts every value under the wrong name) stops the file. Rows that merely
   * differ here and there are rejected one by one when read.
   */
  private static int dataWidth(String file, String text, CSVFormat format, int width, boolean wholeFile) {
    int sampled = 0;
    int agreeing = 0;
    int trailingEmpty = 0;
    int wider = -1;
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
        agreeing += r.size() == width ? 1 : 0;
        counts.merge(r.size(), 1, Integer::sum);
        if (r.size() > width && (wider < 0 || wider == r.size()) && emptyFrom(r, width)) {
          wider = r.size();
          trailingEmpty++;
        }
      }
    } catch (IOException | RuntimeException e) {
      return width; // malformed quoting: the records concerned are rejected when read
    }
    if (sampled > 0 && trailingEmpty == sampled) {
      return wider;
    }
    if (sampled >= 3 && agreeing == 0) {
      int usual = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      throw new InputException(file + ": the header has " + width + " fields but its data rows have " + usual
          + " (none of the first " + sampled + " rows matches): a column is missing from the header or extra in the rows");
    }
    return width;
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
   * UTF-8 when the bytes decode as UTF-8, or when valid multi-byte sequences outnumber invalid
   * bytes at least ten to one (a UTF-8 file with a few stray bytes); else Latin-1.
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
      int[] validInvalid = utf8Sequences(sample, offset, end);
      return validInvalid[0] >= 10L * validInvalid[1] ? StandardCharsets.UTF_8 : FALLBACK;
    }
  }

  /** Counts well-formed multi-byte UTF-8 sequences and bytes that start none. */
  static int[] utf8Sequences(byte[] b, int from, int to) {
    int valid = 0;
    int invalid = 0;
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      int n = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
      if (n == 0) {
        i++;
        continue;
      }
      boolean ok = n > 0 && i + n < to + 1;
      for (int k = 1; ok && k <= n; k++) {
        ok = i + k < to && (b[i + k] & 0xC0) == 0x80;
      }
      if (ok) {
        valid++;
        i += n + 1;
      } else {
        invalid++;
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
