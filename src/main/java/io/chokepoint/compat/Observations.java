package io.chokepoint.compat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Observation;

/** Reads {@link Observation} metrics (the same API on every Spark line). */
public final class Observations {
  private static final AtomicLong IDS = new AtomicLong();

  private Observations() {}

  /**
   * A new observation named {@code prefix} plus a number unique in this JVM: one name may be
   * observed only once per query, and a session runs many queries (tests run many jobs in one).
   */
  public static Observation fresh(String prefix) {
    return new Observation(prefix + "_" + IDS.incrementAndGet());
  }

  /**
   * The metrics of an observation once its query has reported them (Spark's listener bus delivers
   * them shortly after the query ends), waiting at most {@code max}; empty when they have not come.
   */
  public static Optional<Map<String, Object>> await(Observation o, Duration max) {
    try {
      scala.concurrent.Await.ready(o.future(), scala.concurrent.duration.Duration.fromNanos(max.toNanos()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) { // TimeoutException: not reported in time
      return Optional.empty();
    }
    return Optional.of(metrics(o));
  }

  /** The metrics of an observation whose query has run (waits for them otherwise). */
  public static Map<String, Object> metrics(Observation o) {
    try {
      return o.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for observed metrics", e);
    }
  }
}
