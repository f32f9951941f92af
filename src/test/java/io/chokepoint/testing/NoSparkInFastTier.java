package io.chokepoint.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the fast tier ({@link SparkTestBase#FAST_TIER}), fails a test after which a SparkSession exists,
 * however it was started (a test that builds its own, or runs a job through {@code Main}): such a test
 * belongs to the full suite. Registered for every test through JUnit's extension auto-detection
 * ({@code META-INF/services}), which only the fast tier turns on (the pom's {@code fast} profile).
 */
public final class NoSparkInFastTier implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    if (Boolean.getBoolean(SparkTestBase.FAST_TIER)
        && (SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined())) {
      SparkSession.active().stop(); // so the tests after it are not failed for it
      throw new AssertionError(context.getRequiredTestClass().getName() + " started Spark in the fast tier: "
          + "extend SparkTestBase (tagged " + SparkTestBase.TAG + ") so it runs in the full suite only");
    }
  }
}
