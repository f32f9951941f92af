package io.chokepoint.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what Spark and Hadoop throw into the product's one-line failures. Works on class names and
 * messages only, so it loads without Spark or Hadoop on the class path.
 */
public final class Failures {
  /** The library each Hadoop file system scheme needs on the class path. */
  static final Map<String, String> SCHEME_LIBRARIES = Map.of(
      "s3a", "hadoop-aws", "s3", "hadoop-aws", "s3n", "hadoop-aws",
      "gs", "gcs-connector",
      "abfs", "hadoop-azure", "abfss", "hadoop-azure", "wasb", "hadoop-azure", "wasbs", "hadoop-azure",
      "oss", "hadoop-aliyun");
  private static final Map<String, String> FILE_SYSTEM_CLASSES = Map.of(
      "org.apache.hadoop.fs.s3a.S3AFileSystem", "s3a",
      "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem", "gs",
      "org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem", "abfs",
      "org.apache.hadoop.fs.azurebfs.SecureAzureBlobFileSystem", "abfss",
      "org.apache.hadoop.fs.azure.NativeAzureFileSystem", "wasb",
      "org.apache.hadoop.fs.aliyun.oss.AliyunOSSFileSystem", "oss");
  private static final Pattern NO_FS = Pattern.compile("No FileSystem for scheme:? \"?([A-Za-z0-9+.-]+)\"?");
  private static final Pattern CNF = Pattern.compile("Class ([\\w.$]+) not found");
  private static final Pattern CONNECT = Pattern.compile("to ([^\\s]+:\\d+) failed on connection exception");
  /** Where Spark (3.5 and 4.x) names the file a read failed on. */
  private static final Pattern READ_FILE = Pattern.compile(
      "(?:while reading file|footer for file:?|Could not read footer for file)\\s+(\\S+?)\\.?(?:\\s|$)");
  private static final String NOT_PARQUET = " is not a Parquet file";
  /** parquet-mr's message for a footer whose metadata does not decode (the file's bytes are damaged). */
  private static final String BAD_FOOTER = "can not read FileMetaData";
  private static final Pattern INDEX_OUT = Pattern.compile("Index (\\d+) out of bounds for length (\\d+)");
  /** Messages are cut to this before any pattern looks at them: Spark may quote a whole record. */
  private static final int MESSAGE_CHARS = 4000;
  private static final Pattern MAX_COLUMNS = Pattern.compile("exceeded limit of (\\d+) columns");
  private static final Pattern MAX_CHARS = Pattern.compile("exceeded the maximum number of characters \\((\\d+)\\)");

  private Failures() {}

  /**
   * The product failure that {@code t} stands for: a {@link ChokepointException} anywhere in its
   * causes, a Spark read failure (an {@link InputException} naming the file), a missing file
   * system library or an unreachable host (a {@link RunException}); empty for anything else.
   */
  public static Optional<ChokepointException> classify(Throwable t) {
    List<Throwable> chain = chain(t);
    for (Throwable c : chain) {
      if (c instanceof ChokepointException ce) {
        return Optional.of(ce);
      }
    }
    Optional<String> env = environment(chain);
    if (env.isPresent()) {
      return Optional.of(new RunException(env.get(), t));
    }
    return sparkRead(chain).map(msg -> new InputException(msg, t));
  }

  /**
   * One clause for an I/O failure, in the words a user can act on: "no file system for scheme s3a
   * (add hadoop-aws)", "cannot connect to nn:8020 (connection refused)", "permission denied";
   * else the first line of its message.
   */
  public static String describe(Throwable t) {
    List<Throwable> chain = chain(t);
    return environment(chain).orElseGet(() -> firstLine(chain.get(0)));
  }

  /** "no file system for scheme s3a (add hadoop-aws)" when {@code t} says a file system's library is missing. */
  public static Optional<String> missingFileSystem(Throwable t) {
    return missingFileSystem(chain(t));
  }

  private static Optional<String> missingFileSystem(List<Throwable> chain) {
    for (Throwable c : chain) {
      String msg = message(c);
      Matcher m = NO_FS.matcher(msg);
      if (m.find()) {
        return Optional.of(noFileSystem(m.group(1)));
      }
      Matcher cnf = CNF.matcher(msg);
      if ((c instanceof ClassNotFoundException || c.getCause() instanceof ClassNotFoundException) && cnf.find()
          && FILE_SYSTEM_CLASSES.containsKey(cnf.group(1))) {
        return Optional.of(noFileSystem(FILE_SYSTEM_CLASSES.get(cnf.group(1))));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> environment(List<Throwable> chain) {
    Optional<String> library = missingFileSystem(chain);
    if (library.isPresent()) {
      return library;
    }
    for (Throwable c : chain) {
      String name = c.getClass().getName();
      String msg = message(c);
      if (name.equals("java.net.ConnectException") || msg.contains("failed on connection exception")) {
        Matcher m = CONNECT.matcher(msg);
        return Optional.of("cannot connect" + (m.find() ? " to " + m.group(1) : "") + " (connection refused)");
      }
      if (name.equals("java.net.UnknownHostException")) {
        return Optional.of("unknown host " + firstLine(c).replaceFirst("^.*UnknownHostException:\\s*", ""));
      }
      if (name.equals("java.net.SocketTimeoutException") || name.equals("org.apache.hadoop.net.ConnectTimeoutException")) {
        return Optional.of("connection timed out");
      }
      if (name.equals("java.nio.file.AccessDeniedException") || name.endsWith(".AccessControlException")
          || msg.toLowerCase(Locale.ROOT).contains("permission denied")) {
        return Optional.of("permission denied");
      }
    }
    return Optional.empty();
  }

  private static String noFileSystem(String scheme) {
    String lib = SCHEME_LIBRARIES.get(scheme.toLowerCase(Locale.ROOT));
    return "no file system for scheme " + scheme + (lib == null ? "" : " (add " + lib + ")");
  }

  private static Optional<String> sparkRead(List<Throwable> chain) {
    String file = null;
    boolean sparkRead = false;
    for (Throwable c : chain) {
      String msg = message(c);
      Matcher m = READ_FILE.matcher(msg);
      int notParquet = msg.indexOf(NOT_PARQUET);
      if (m.find()) {
        file = file == null ? m.group(1) : file;
        sparkRead = true;
      } else if (notParquet > 0) {
        String before = msg.substring(0, notParquet);
        file = file == null ? before.substring(before.lastIndexOf(' ') + 1) : file;
        sparkRead = true;
      } else if (c.getClass().getName().endsWith("TextParsingException")
          || c.getClass().getName().endsWith("ParquetDecodingException") || msg.contains(BAD_FOOTER)) {
        sparkRead = true;
      }
    }
    if (!sparkRead) {
      return Optional.empty();
    }
    return Optional.of((file == null ? "an input file" : file) + ": cannot be read (" + readReason(chain) + ")");
  }

  private static String readReason(List<Throwable> chain) {
    for (Throwable c : chain) {
      String msg = message(c);
      Matcher cols = MAX_COLUMNS.matcher(msg);
      if (cols.find()) {
        return "a record has more than " + String.format(Locale.ROOT, "%,d", Long.parseLong(cols.group(1)))
            + " fields";
      }
      Matcher chars = MAX_CHARS.matcher(msg);
      if (chars.find()) {
        return "a field is longer than " + String.format(Locale.ROOT, "%,d", Long.parseLong(chars.group(1)))
            + " characters";
      }
      Matcher index = INDEX_OUT.matcher(msg);
      if (c instanceof ArrayIndexOutOfBoundsException && index.find() && fromCsvParser(c)) {
        return "a record has more than " + String.format(Locale.ROOT, "%,d", Long.parseLong(index.group(2)))
            + " fields, the most Spark's CSV reader takes";
      }
      if (msg.contains(NOT_PARQUET) || msg.contains("CANNOT_READ_FILE_FOOTER")
          || msg.contains("Could not read footer") || msg.contains(BAD_FOOTER)) {
        return "not a readable Parquet file: its footer is missing or corrupt; is it truncated?";
      }
    }
    return "Spark could not read it: " + firstLine(chain.get(chain.size() - 1));
  }

  private static boolean fromCsvParser(Throwable t) {
    for (StackTraceElement f : t.getStackTrace()) {
      if (f.getClassName().startsWith("com.univocity.parsers")) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null ? "" : m.length() > MESSAGE_CHARS ? m.substring(0, MESSAGE_CHARS) : m;
  }

  /** {@code t} and its causes, outermost first, without cycles. */
  static List<Throwable> chain(Throwable t) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
      out.add(c);
    }
    return out;
  }

  /** The class and first line of the message, without Spark's error-class prefix and SQLSTATE. */
  public static String firstLine(Throwable e) {
    String msg = message(e).strip().lines().findFirst().orElse("");
    msg = msg.replaceFirst("\\s*SQLSTATE: \\w+\\s*$", "");
    return msg.isEmpty() ? e.getClass().getName() : msg;
  }
}
