package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The module options this build passes to Surefire and that scripts/run-local.sh reads (the pom's
 * spark.java.opts, per Spark line, recorded in chokepoint-build.properties) are exactly the ones
 * the Spark on the classpath adds in spark-submit.
 */
class JavaModuleOptionsTest {
  @Test
  void buildOptionsAreExactlyTheOnesSparkSubmitAdds() throws Exception {
    Properties build = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/chokepoint-build.properties")) {
      build.load(in);
    }
    assertThat(build.getProperty("spark.version")).isEqualTo(org.apache.spark.package$.MODULE$.SPARK_VERSION());
    assertThat(build.getProperty("spark.java.opts").trim().split("\\s+"))
        .containsExactly(JavaModuleOptions.defaultModuleOptions().trim().split("\\s+"));
  }
}
