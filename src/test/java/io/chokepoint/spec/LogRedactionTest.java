package io.chokepoint.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.testing.Paths;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark's and Hadoop's own log lines (which we do not build, so {@link Redaction} never sees them)
 * are redacted by the log4j2 layout we ship: a real log4j2 logger and console appender configured
 * from each shipped file (local runs and submit: {@code scripts/log4j2-local.properties}; the tests:
 * {@code log4j2-test.properties}), its output captured.
 */
class LogRedactionTest {
  static final String LOCAL = "scripts/log4j2-local.properties";
  static final String TEST = "src/test/resources/log4j2-test.properties";

  /**
   * What the console appender configured from {@code file} writes while {@code logs} runs: its
   * layout, as configured, writes into a buffer instead of stderr (which log4j shares between
   * contexts, so it cannot be captured by swapping System.err), for every logger of the file.
   */
  static String logged(String file, Consumer<LoggerContext> logs) throws IOException {
    File f = new File(Paths.project(file));
    LoggerContext ctx = new LoggerContext("log-redaction-" + f.getName());
    StringWriter captured = new StringWriter();
    try (InputStream in = new FileInputStream(f)) {
      Configuration cfg = new PropertiesConfigurationFactory().getConfiguration(ctx, new ConfigurationSource(in, f));
      ctx.start(cfg);
      Appender console = cfg.getAppender("console");
      Appender capture = WriterAppender.createAppender((StringLayout) console.getLayout(), null, captured,
          "capture", false, true);
      capture.start();
      cfg.addAppender(capture);
      List<LoggerConfig> loggers = new ArrayList<>(cfg.getLoggers().values());
      loggers.add(cfg.getRootLogger());
      for (LoggerConfig lc : loggers) {
        if (lc.getAppenders().containsKey("console")) {
          lc.removeAppender("console");
          lc.addAppender(capture, null, null);
        }
      }
      ctx.updateLoggers();
      logs.accept(ctx);
    } finally {
      ctx.stop();
    }
    return captured.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {LOCAL, TEST})
  void sparkAndHadoopLinesNeverShowAPasswordOrSecret(String file) throws IOException {
    String out = logged(file, ctx -> {
      Logger spark = ctx.getLogger("org.apache.spark.sql.execution.datasources.FileFormatWriter");
      spark.warn("Aborting job for hdfs://user:PASSWORD@namenode:8020/out/_staging-1");
      spark.error("Job aborted.", new IOException(
          "Mkdirs failed to create s3a://AKIAEXAMPLE:wJalrXUtn/FkeyPASSWORD@bucket/out (exists=false)"));
      Logger hadoop = ctx.getLogger("org.apache.hadoop.fs.FileSystem");
      hadoop.warn("Failed to initialize filesystem: fs.s3a.secret.key=PASSWORD, fs.s3a.access.key=AKIAEXAMPLE");
      hadoop.warn("options {\"secret_key\": \"PASS\\\"WORD\", \"password\":\"PASSWORD\"}");
      hadoop.warn("GET https://host/x?token=PASSWORD&b=1");
    });
    assertThat(out).doesNotContain("PASSWORD").doesNotContain("wJalr").doesNotContain("WORD")
        .doesNotContain("AKIAEXAMPLE")
        .contains("hdfs://***@namenode:8020/out/_staging-1")
        .contains("java.io.IOException: Mkdirs failed to create s3a://***@bucket/out (exists=false)")
        .contains("\tat io.chokepoint.spec.LogRedactionTest")
        .contains("fs.s3a.secret.key=***, fs.s3a.access.key=***")
        .contains("https://host/x?token=***&b=1");
    assertThat(out.lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d WARN .*"))).hasSize(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {LOCAL, TEST})
  void plainPathsAndMessagesAreLeftAsTheyAre(String file) throws IOException {
    String out = logged(file, ctx -> ctx.getLogger("org.apache.spark.SparkContext")
        .warn("reading hdfs://nn:8020/plain/path and file:/tmp/a@b: 3 rows rejected"));
    assertThat(out).endsWith("WARN SparkContext: reading hdfs://nn:8020/plain/path and file:/tmp/a@b: 3 rows rejected"
        + System.lineSeparator());
  }

  /** One layout for local runs, submit and the tests, and it is the one this test JVM logs with. */
  @ParameterizedTest
  @ValueSource(strings = {TEST})
  void theTestsLogThroughTheSameRedactingLayout(String file) throws IOException {
    assertThat(pattern(file)).isEqualTo(pattern(LOCAL)).contains("%replace{");
    LoggerContext current = (LoggerContext) LogManager.getContext(false);
    PatternLayout active = (PatternLayout) current.getConfiguration().getAppender("console").getLayout();
    assertThat(active.getConversionPattern()).isEqualTo(pattern(LOCAL));
  }

  static String pattern(String file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = new FileInputStream(Paths.project(file))) {
      p.load(in);
    }
    return p.getProperty("appender.console.layout.pattern");
  }
}
