package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.DatasetAssert;
import io.chokepoint.testing.Paths;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accelerator (issue 28): the sample pipeline run through {@code Main} in a child JVM with Apache
 * DataFusion Comet on (its jar from the test classpath, the confs of {@code comet.confs} in the build
 * properties, as {@code scripts/run-local.sh} sets them) publishes every table the plain run publishes
 * (that one in this JVM's shared session: the suite's one plain run, {@link SampleRun}): the same rows, doubles within {@value #RELATIVE} relative; and
 * its manifest says Comet ran some operators natively. Skips on a Spark line with no Comet build.
 */
class AcceleratorEndToEndTest extends CliTestSupport {
  static final double RELATIVE = 1e-12;
  static final String JOB = SampleRun.JOB;
  static final String RUN_DATE = SampleRun.RUN_DATE;
  @TempDir static Path tmp;
  static Properties build;

  @BeforeAll
  static void readTheBuildProperties() throws Exception {
    build = new Properties();
    try (InputStream in = AcceleratorEndToEndTest.class.getResourceAsStream("/chokepoint-build.properties")) {
      build.load(in);
    }
  }

  /** In the test, not in {@code @BeforeAll}: so the skip and its reason show in the test report. */
  @BeforeEach
  void onlyWhereCometHasABuild() {
    assumeTrue(!"none".equals(build.getProperty("comet.artifact")), "skipped: the accelerator is 4.1-only: Comet "
        + build.getProperty("comet.version") + " has no build for Spark " + build.getProperty("spark.version")
        + " on Maven Central (docs/accelerator.md)");
    try {
      Class.forName("org.apache.spark.CometPlugin");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Comet (org.apache.datafusion:" + build.getProperty("comet.artifact") + ":"
          + build.getProperty("comet.version") + ") is not on the test classpath: the pom's comet profile is active "
          + "by default and left out when another profile is named; add -Pcomet", e);
    }
  }

  /** Runs the sample pipeline in a child JVM with Comet on; returns its exit code (stderr in {@code tmp}). */
  static int runWithComet(Path out) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
    for (String conf : build.getProperty("comet.confs").trim().split("\\s+")) {
      cmd.add("-D" + conf);
    }
    cmd.addAll(List.of("-Dspark.memory.offHeap.size=1g",
        "-Dspark.master=local[2]", "-Dspark.driver.host=127.0.0.1", "-Dspark.ui.enabled=false",
        "-Dspark.sql.shuffle.partitions=2",
        "-Dlog4j2.configurationFile=" + Paths.project("scripts/log4j2-local.properties"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--job", Paths.project(JOB),
        "--output", out.toString(), "--run-date", RUN_DATE));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(Paths.project())
        .redirectError(tmp.resolve("comet-stderr.txt").toFile()).redirectOutput(tmp.resolve("comet-stdout.txt").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process child = pb.start();
    if (!child.waitFor(900, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new IllegalStateException("the run with Comet took more than 900 s");
    }
    return child.exitValue();
  }

  @Test
  void everyPublishedTableEqualsThePlainRunsAndTheManifestSaysCometRan() throws Exception {
    SampleRun sample = SampleRun.get(); // the plain run, shared with SamplePipelineTest
    Path plain = sample.out;
    Path comet = tmp.resolve("comet");
    assertThat(sample.run.code()).as(sample.run.err()).isZero();
    int code = runWithComet(comet);
    String err = Files.readString(tmp.resolve("comet-stderr.txt"), StandardCharsets.UTF_8);
    assertThat(code).as(err).isZero();

    ObjectMapper json = new ObjectMapper();
    JsonNode offAccel = json.readTree(plain.resolve("_manifest.json").toFile()).path("accelerator");
    JsonNode onAccel = json.readTree(comet.resolve("_manifest.json").toFile()).path("accelerator");
    assertThat(offAccel.path("name").asText()).isEqualTo("none");
    assertThat(onAccel.path("name").asText()).as(onAccel.toString()).isEqualTo("comet");
    assertThat(onAccel.path("ran").asBoolean()).as(onAccel.toString()).isTrue();
    assertThat(onAccel.path("version").asText()).isEqualTo(build.getProperty("comet.version"));
    assertThat(onAccel.path("native_share").asDouble()).as(onAccel.toString()).isGreaterThan(0);

    List<String> tables = tables(plain);
    assertThat(tables).contains("concentration", "supplier_shares", "supply_risk", "rejects").hasSizeGreaterThan(20);
    assertThat(tables(comet)).containsExactlyElementsOf(tables);
    for (String t : tables) {
      DatasetAssert.assertSameRows(t, table(plain, t), table(comet, t), RELATIVE);
    }
  }

  /** The published tables of an output root: its folders but the report and the underscore ones. */
  static List<String> tables(Path root) throws Exception {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("_") && !n.startsWith(".") && !n.equals("report")).sorted().toList();
    }
  }
}
