package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** The pom's module options (used by Surefire and scripts/run-local.sh) are Spark's own. */
class JavaModuleOptionsTest {
  @Test
  void pomOptionsAreExactlyTheOnesSparkSubmitAdds() throws Exception {
    String pom = java.nio.file.Files.readString(java.nio.file.Path.of(io.chokepoint.testing.Paths.project("pom.xml")));
    String ours = pom.replaceAll("(?s).*<spark.java.opts>(.*?)</spark.java.opts>.*", "$1").trim();
    assertThat(ours.split("\\s+")).containsExactly(JavaModuleOptions.defaultModuleOptionArray());
  }
}
