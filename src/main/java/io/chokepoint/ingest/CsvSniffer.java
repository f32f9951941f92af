package io.chokepoint.ingest;

import io.chokepoint.error.Failures;
import io.chokepoint.error.InputException;
import java.io.IOException;
import java.io.InputStream;
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
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Reads the start of a CSV file on the driver and tells its header, charset and delimiter. The
 * charset is UTF-8 when the sampled bytes decode as UTF-8 (with or without a byte order mark),
 * UTF-16 when a UTF-16 byte order mark starts the file, else ISO-8859-1 (Latin-1), unless the spec
 * forces another that Spark accepts. Compressed files ({@code .gz} …) are read decompressed, as
 * Spark reads them.
 */
public final class CsvSniffer {
  static final int SAMPLE_BYTES = 8 << 20;
  private static final Charset FALLBACK = StandardCharsets.ISO_8859_1;
  private static final char[] DELIMITERS = {',', '|', ';', '\t'};

  private CsvSniffer() {}

  public static CsvHeader sniff(String file, String forcedEncoding, Configuration conf) {
    byte[] sample = readStart(file, conf);
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

  private static byte[] readStart(String file, Configuration conf) {
    try (InputStream in = open(new Path(file), conf)) {
      return in.readNBytes(SAMPLE_BYTES);
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + Failures.describe(e) + ")", e);
    }
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
