package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help explains every subcommand and option, and works where Spark is absent (java -jar). */
class HelpTest {
  static final List<String> EXPLAINED = List.of("run ", "validate ", "help ", "--job PATH", "--run-date YYYY-MM-DD",
      "--output PATH", "--set KEY=VALUE", "--help", "Exit codes", "spark-submit", "report ", "--from OUTPUT_ROOT");

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run inProcess(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs Main in a JVM whose class path holds only the app's own classes: no Spark, Hadoop, Scala or Jackson. */
  static Run withoutSpark(Path tmp, String... args) throws Exception {
    String classes = new File(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classes, Main.class.getName()));
    cmd.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void helpExplainsEverySubcommandAndOption() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"help"},
        new String[] {"run", "--help"}, new String[] {"validate", "--job", "j.json", "-h"},
        new String[] {"report", "--from", "out", "--help"})) {
      Run r = inProcess(args);
      assertThat(r.code()).isZero();
      assertThat(r.err()).isEmpty();
      assertThat(r.out()).contains(EXPLAINED);
    }
  }

  @Test
  void helpWorksWithoutSparkOnTheClassPath() throws Exception {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"report", "--help"})) {
      Run r = withoutSpark(tmp, args);
      assertThat(r.err()).isEmpty();
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains(EXPLAINED);
    }
  }

  @Test
  void aJobWithoutSparkOnTheClassPathSaysHowToSubmitIt() throws Exception {
    Run r = withoutSpark(tmp, "run", "--job", "jobs/rare-earth-exposure.json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("chokepoint: error: Spark is not on the class path").contains("spark-submit");
    Run report = withoutSpark(tmp, "report", "--from", tmp.toString());
    assertThat(report.code()).isEqualTo(1);
    assertThat(report.err().lines().toList()).hasSize(1);
    assertThat(report.err()).startsWith("chokepoint: error: Spark is not on the class path");

    Run usage = withoutSpark(tmp, "explode");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err().lines().toList()).hasSize(1);
    assertThat(usage.err()).contains("unknown subcommand 'explode'");
  }
}
