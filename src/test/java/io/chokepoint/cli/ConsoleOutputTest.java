package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees on the console when a file cannot be read (issue #29): the real entry point in a
 * JVM of its own, logging through the configuration {@code scripts/run-local.sh} uses, prints one
 * {@code chokepoint: error:} line, and none of the executor's stack traces or the scheduler's
 * task-failure lines that Spark logs on its way there.
 */
class ConsoleOutputTest extends SparkTestBase {
  @TempDir Path tmp;

  /** Runs a job in a child JVM as run-local.sh does; returns {exit code, stderr}. */
  Object[] runChild(String job) throws Exception {
    Path jobFile = Files.writeString(tmp.resolve("job-" + System.nanoTime() + ".json"), job);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
    cmd.addAll(List.of("-Dspark.master=local[2]", "-Dspark.driver.host=127.0.0.1", "-Dspark.ui.enabled=false",
        "-Dspark.sql.shuffle.partitions=2",
        "-Dlog4j2.configurationFile=" + Paths.project("scripts/log4j2-local.properties"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--job", jobFile.toString()));
    Path err = tmp.resolve("stderr-" + System.nanoTime() + ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(tmp.resolve("out.txt").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("CHOKEPOINT_TASK_FAILURES");
    Process child = pb.start();
    assertThat(child.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Object[] {child.exitValue(), Files.readString(err, StandardCharsets.UTF_8)};
  }

  /** The console's lines other than the JVM's own note and our progress lines. */
  static List<String> reported(String stderr) {
    try (Stream<String> lines = stderr.lines()) {
      return lines.filter(l -> !l.startsWith("WARNING: Using incubator modules"))
          .filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d INFO progress: .*")).toList();
    }
  }

  @Test
  void aFileSparkCannotParseEndsWithOneLineAndNoStackTrace() throws Exception {
    Path wide = tmp.resolve("wide.csv");
    StringBuilder sb = new StringBuilder("t,i,j,k,v,q\n2020,156,392,284690,100,1\n");
    sb.append("1,".repeat(25_000)).append("1\n"); // more fields than Spark's CSV parser takes
    Files.writeString(wide, sb);
    Object[] r = runChild("{\"name\": \"wide\", \"inputs\": {\"trade_flows\": {\"path\": \"" + wide
        + "\", \"format\": \"baci\"}}, \"output\": {\"path\": \"" + tmp.resolve("out1") + "\"}}");
    assertThat(r[0]).isEqualTo(3);
    assertThat(reported((String) r[1])).as((String) r[1]).singleElement().asString()
        .startsWith("chokepoint: error: inputs.trade_flows (file:" + wide + "): cannot be read (a record has more than");

    // A Parquet file whose footer is damaged (its metadata does not decode): read by a Spark task.
    Path pq = Files.createDirectories(tmp.resolve("pq"));
    spark().read().option("header", "true").csv(Paths.project("sample-data/trade/canonical_rare_earths.csv"))
        .coalesce(1).write().parquet(pq.resolve("t").toString());
    Path part;
    try (Stream<Path> s = Files.list(pq.resolve("t"))) {
      part = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(part);
    int footer = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    for (int i = bytes.length - 8 - footer; i < bytes.length - 8 - footer / 2; i++) {
      bytes[i] = 0x41;
    }
    Path damaged = Files.write(pq.resolve("damaged.parquet"), bytes);
    r = runChild("{\"name\": \"pq\", \"inputs\": {\"trade_flows\": {\"path\": \"" + damaged
        + "\", \"format\": \"trade-canonical\"}}, \"output\": {\"path\": \"" + tmp.resolve("out2") + "\"}}");
    assertThat(r[0]).as((String) r[1]).isEqualTo(3);
    assertThat(reported((String) r[1])).as((String) r[1]).singleElement().asString()
        .startsWith("chokepoint: error: inputs.trade_flows (file:" + damaged + "): cannot be read (not a readable Parquet");
  }
}
