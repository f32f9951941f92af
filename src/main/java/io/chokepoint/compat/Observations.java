package io.chokepoint.compat;

import java.util.Map;
import org.apache.spark.sql.Observation;

/** Reads {@link Observation} metrics (the same API on every Spark line). */
public final class Observations {
  private Observations() {}

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
