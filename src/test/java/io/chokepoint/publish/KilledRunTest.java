package io.chokepoint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.cli.Main;
import io.chokepoint.testing.DatasetAssert;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL while it writes leaves the published output as it was. */
class KilledRunTest extends SparkTestBase {
  @TempDir Path tmp;

  /** The sample sensitivity job with {@code fxSteps} USD/JPY levels (an odd number keeps 0 as a level). */
  static String[] job(Path out, int fxSteps) {
    return new String[] {"run", "--job", Paths.project("jobs/sensitivity.json"), "--output", out.toString(),
        "--set", "inputs.trade_flows.path=" + Paths.project("sample-data/trade/comtrade_plus_rare_earths.csv"),
        "--set", "inputs.fx_rates.path=" + Paths.project("sample-data/market/EXJPUS_monthly.csv"),
        "--set", "params.scenarios.usd_jpy_offset_pct={\"base\": 0, \"low\": -15, \"high\": 15, \"steps\": "
            + fxSteps + "}"};
  }

  static int runHere(String[] args) {
    spark();
    return Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
  }

  static boolean writingInStaging(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(".out.staging-")
          && Files.exists(p.resolve("sensitivity_grid")));
    }
  }

  @Test
  void killDashNineMidWriteLeavesTheOldOutputAndTheNextRunCleansUp() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(runHere(job(out, 7))).isZero();
    String manifest = Files.readString(out.resolve("_manifest.json"));
    List<Object[]> concentration = rows(spark().read().parquet(out.resolve("concentration").toString()));
    long gridRows = spark().read().parquet(out.resolve("sensitivity_grid").toString()).count();

    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-XX:-DontCompileHugeMethods"));
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
    cmd.addAll(List.of("-Dspark.master=local[2]", "-Dspark.driver.host=127.0.0.1", "-Dspark.ui.enabled=false",
        "-Dspark.sql.shuffle.partitions=2", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(job(out, 601)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process child = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!writingInStaging(tmp) && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(child.isAlive()).as("the child run is still writing: %s", Files.readString(tmp.resolve("child.log")))
        .isTrue();
    Thread.sleep(300);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);

    assertThat(Files.readString(out.resolve("_manifest.json"))).isEqualTo(manifest);
    DatasetAssert.assertRowsEqual(spark().read().parquet(out.resolve("concentration").toString()), concentration, 0);
    assertThat(spark().read().parquet(out.resolve("sensitivity_grid").toString()).count()).isEqualTo(gridRows);
    assertThat(tmp.resolve(".out.lock")).exists();

    assertThat(runHere(job(out, 7))).isZero();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("child.log", "out");
    }
  }
}
