package io.chokepoint.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every WARN or ERROR line logged in this JVM (ours, Spark's, Hadoop's, any thread) while it is
 * open, as {@code LEVEL logger: message}: an appender on the root logger of the log4j2 context the
 * application logs to, so a logger the configuration silences stays silent here too.
 */
public final class WarnCapture implements AutoCloseable {
  private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final AbstractAppender appender = new AbstractAppender("warn-capture", null, null, true,
      Property.EMPTY_ARRAY) {
    @Override
    public void append(LogEvent e) {
      lines.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getMessage().getFormattedMessage());
    }
  };

  public WarnCapture() {
    Configuration cfg = ctx.getConfiguration();
    appender.start();
    cfg.addAppender(appender);
    cfg.getRootLogger().addAppender(appender, Level.WARN, null);
    ctx.updateLoggers();
  }

  /** The lines captured so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    Configuration cfg = ctx.getConfiguration();
    cfg.getRootLogger().removeAppender(appender.getName());
    ctx.updateLoggers();
    appender.stop();
  }
}
