package io.chokepoint.accelerator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query accelerator a run used — Apache DataFusion Comet, configured by the launcher
 * ({@code CHOKEPOINT_ACCELERATOR=comet}, {@code scripts/submit.sh}), never by the code — and what it ran
 * natively: the manifest's {@code accelerator} entry. With Comet's plugin in {@code spark.plugins},
 * {@link #watch} registers a query listener that counts each successful query's executed plan
 * ({@link PlanCensus}); without it, nothing is registered and the entry is {@code {"name": "none"}}.
 * Comet is found by class name only: the product does not depend on it.
 */
public final class Accelerator {
  /** Comet's Spark plugin, as named in {@code spark.plugins}. */
  public static final String COMET_PLUGIN = "org.apache.spark.CometPlugin";
  /** Set by Comet's driver plugin when it starts (Comet's installation guide). */
  static final String COMET_VERSION_CONF = "spark.comet.version";
  /** Comet's own build info in its jar; its version when the conf above is absent. */
  static final String COMET_BUILD_INFO = "comet-git-info.properties";
  /** How many distinct fallback reasons the manifest keeps, and how long each may be. */
  static final int MAX_REASONS = 20;
  static final int MAX_REASON_CHARS = 300;
  /** How long the manifest waits for the listener to see the run's last queries. */
  static final long LISTENER_WAIT_MS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(Accelerator.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Accelerator() {}

  /** {@code {"name": "none"}}: the manifest's entry for a run without an accelerator. */
  public static ObjectNode none() {
    return JSON.createObjectNode().put("name", "none");
  }

  /** True when {@code spark.plugins} names Comet's plugin. */
  public static boolean cometConfigured(SparkConf conf) {
    return Arrays.stream(conf.get("spark.plugins", "").split(",")).map(String::trim).anyMatch(COMET_PLUGIN::equals);
  }

  /**
   * Starts watching {@code spark}'s queries when Comet is configured; close the watch when the run
   * ends (it unregisters the listener). Without Comet, a watch that records {@link #none}.
   */
  public static Watch watch(SparkSession spark) {
    if (!cometConfigured(spark.sparkContext().getConf())) {
      return new Watch(spark, null);
    }
    Listener l = new Listener();
    spark.listenerManager().register(l);
    return new Watch(spark, l);
  }

  /** A run's watch over its queries: {@link #report} is its manifest entry. */
  public static final class Watch implements AutoCloseable {
    private final SparkSession spark;
    private final Listener listener;

    Watch(SparkSession spark, Listener listener) {
      this.spark = spark;
      this.listener = listener;
    }

    /**
     * The manifest entry: for Comet, whether its plugin is configured and its classes loaded, its
     * version, the queries seen, operators in all and native, the native share, operators by name,
     * the distinct fallback reasons (at most {@value #MAX_REASONS}) and {@code ran}: configured,
     * loaded and at least one operator run natively.
     */
    public ObjectNode report() {
      if (listener == null) {
        return none();
      }
      boolean complete = true;
      try { // listener events are delivered on Spark's listener bus, after the query returns
        spark.sparkContext().listenerBus().waitUntilEmpty(LISTENER_WAIT_MS);
      } catch (TimeoutException e) {
        complete = false;
        LOG.warn("accelerator: the listener bus did not drain in {} ms; the operator counts miss the last queries",
            LISTENER_WAIT_MS);
      }
      PlanCensus.Counts c;
      int queries;
      synchronized (listener) {
        c = listener.counts;
        queries = listener.queries;
      }
      String version = version(spark.sparkContext().getConf());
      boolean loaded = version != null;
      ObjectNode n = JSON.createObjectNode().put("name", "comet").put("plugin_configured", true).put("loaded", loaded);
      n.put("version", version);
      n.put("ran", loaded && c.nativeOperators() > 0);
      n.put("queries", queries).put("operators", c.operators()).put("native_operators", c.nativeOperators())
          .put("native_share", Math.round(c.nativeShare() * 10_000) / 10_000.0).put("counts_complete", complete);
      ObjectNode by = n.putObject("operators_by_name");
      c.byOperator().forEach(by::put);
      ArrayNode reasons = n.putArray("fallback_reasons");
      c.fallbackReasons().stream().limit(MAX_REASONS).map(Accelerator::cap).forEach(reasons::add);
      n.put("fallback_reasons_total", c.fallbackReasons().size());
      return n;
    }

    @Override
    public void close() {
      if (listener != null) {
        spark.listenerManager().unregister(listener);
      }
    }
  }

  /** Comet's version: the conf its driver plugin sets, else its jar's build info; null when its classes do not load. */
  static String version(SparkConf conf) {
    ClassLoader cl;
    try {
      cl = Class.forName(COMET_PLUGIN, false, Thread.currentThread().getContextClassLoader()).getClassLoader();
    } catch (ClassNotFoundException e) {
      return null;
    }
    if (conf.contains(COMET_VERSION_CONF)) {
      return conf.get(COMET_VERSION_CONF);
    }
    try (InputStream in = cl.getResourceAsStream(COMET_BUILD_INFO)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("git.build.version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** A fallback reason on one line, cut to its first 300 characters. */
  static String cap(String reason) {
    String oneLine = reason.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, MAX_REASON_CHARS - 1) + "…";
  }

  /** Adds each successful query's plan census; failed queries fail the run, which publishes no manifest. */
  static final class Listener implements QueryExecutionListener {
    private PlanCensus.Counts counts = PlanCensus.Counts.NONE;
    private int queries;

    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      PlanCensus.Counts c = PlanCensus.of(qe.executedPlan());
      synchronized (this) {
        counts = counts.plus(c);
        queries++;
      }
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
  }
}
