package io.chokepoint.ingest;

import io.chokepoint.error.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Reads the start of a CSV file on the driver and tells its header, charset and delimiter. The
 * charset is UTF-8 when the sampled bytes decode as UTF-8 (with or without a byte order mark),
 * else ISO-8859-1 (Latin-1), unless the spec forces another that Spark accepts.
 */
public final class CsvSniffer {
  static final int SAMPLE_BYTES = 8 << 20;
  private static final Charset FALLBACK = StandardCharsets.ISO_8859_1;
  private static final char[] DELIMITERS = {',', '|', ';', '\t'};

  private CsvSniffer() {}

  public static CsvHeader sniff(String file, String forcedEncoding, Configuration conf) {
    byte[] sample = readStart(file, conf);
    int offset = 0;
    if (sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
      offset = 3;
    } else if (sample.length >= 2 && ((sample[0] & 0xff) == 0xFE || (sample[0] & 0xff) == 0xFF)
        && ((sample[1] & 0xff) == 0xFE || (sample[1] & 0xff) == 0xFF)) {
      throw new InputException(file + ": UTF-16 text is not supported; save it as UTF-8");
    }
    Charset cs = forcedEncoding != null ? Charset.forName(forcedEncoding) : detect(sample, offset);
    String text = new String(sample, offset, sample.length - offset, cs);
    int nl = firstLineEnd(text);
    if (nl == 0 || text.isBlank()) {
      throw new InputException(file + ": empty file, expected a header line");
    }
    String line = text.substring(0, nl);
    char delim = delimiter(line);
    List<String> names = new ArrayList<>();
    try (CSVParser p = CSVFormat.RFC4180.builder().setDelimiter(delim).build().parse(new StringReader(line))) {
      CSVRecord rec = p.iterator().next();
      for (String n : rec) {
        names.add(n.replace("\uFEFF", "").strip());
      }
    } catch (IOException | RuntimeException e) {
      throw new InputException(file + ", line 1: header cannot be parsed as CSV (" + e.getMessage() + ")", e);
    }
    while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
      names.remove(names.size() - 1);
    }
    return new CsvHeader(file, List.copyOf(names), cs, delim);
  }

  private static byte[] readStart(String file, Configuration conf) {
    Path p = new Path(file);
    try (FSDataInputStream in = p.getFileSystem(conf).open(p)) {
      return in.readNBytes(SAMPLE_BYTES);
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

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
      return FALLBACK;
    }
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
