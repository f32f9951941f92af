package io.chokepoint.cli;

import io.chokepoint.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Runs the real entry point in this JVM and captures what it prints. */
abstract class CliTestSupport extends SparkTestBase {
  record Result(int code, String out, String err) {
    String firstErrLine() {
      return err.lines().findFirst().orElse("");
    }
  }

  static Result cli(String... args) {
    spark();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static List<String> args(String command, Path job, String... more) {
    List<String> a = new ArrayList<>(List.of(command, "--job", job.toString()));
    a.addAll(Arrays.asList(more));
    return a;
  }

  static Path job(Path dir, String json) throws IOException {
    Path p = dir.resolve("job.json");
    Files.writeString(p, json);
    return p;
  }

  static Dataset<Row> table(Path root, String table) {
    return spark().read().parquet(root.resolve(table).toString());
  }
}
