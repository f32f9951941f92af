package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.testing.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output} never deletes what this product did not write: an existing non-empty folder
 * without {@code _manifest.json}, a file, or a path that is, holds or sits inside an input is
 * refused with exit 2 before anything is read, and everything there stays as it was.
 */
class OutputSafetyTest extends CliTestSupport {
  @TempDir Path tmp;

  Path copyOfSample(Path dir) throws Exception {
    Files.createDirectories(dir);
    return Files.copy(Path.of(Paths.project("sample-data/trade/comtrade_plus_rare_earths.csv")),
        dir.resolve("flows.csv"));
  }

  Result run(Path input, Path output) throws Exception {
    Path job = job(tmp, """
        {"name": "t", "inputs": {"trade_flows": {"path": "%s", "format": "comtrade-plus"}},
         "output": {"path": "%s"}}""".formatted(input, tmp.resolve("unused")));
    return cli("run", "--job", job.toString(), "--output", output.toString());
  }

  @Test
  void aFolderThisProductDidNotWriteIsRefusedAndKept() throws Exception {
    Path input = copyOfSample(tmp.resolve("in"));
    Path user = tmp.resolve("u");
    Files.createDirectories(user.resolve("thesis"));
    Files.writeString(user.resolve("MARKER.txt"), "x");
    Result r = run(input, user);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.firstErrLine()).startsWith("chokepoint: error: output ").contains("without _manifest.json")
        .contains("refusing to replace it");
    assertThat(user.resolve("thesis")).isDirectory();
    assertThat(user.resolve("MARKER.txt")).hasContent("x");
  }

  @Test
  void aFileIsNeverTurnedIntoAFolder() throws Exception {
    Path input = copyOfSample(tmp.resolve("in"));
    Path file = Files.writeString(tmp.resolve("report.xlsx"), "not a folder");
    Result r = run(input, file);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.firstErrLine()).contains("is a file");
    assertThat(file).isRegularFile().hasContent("not a folder");
  }

  @Test
  void anOutputThatIsHoldsOrSitsInsideAnInputIsRefusedBeforeReading() throws Exception {
    Path dir = tmp.resolve("data/in");
    Path input = copyOfSample(dir);
    for (Path out : new Path[] {dir, dir.getParent(), input, input.resolve("out")}) {
      Result r = run(input, out);
      assertThat(r.code()).as(out + ": " + r.err()).isEqualTo(2);
      assertThat(r.firstErrLine()).contains("the input inputs.trade_flows.path");
      assertThat(input).isRegularFile();
      assertThat(Files.size(input)).isEqualTo(Files.size(Path.of(Paths.project(
          "sample-data/trade/comtrade_plus_rare_earths.csv"))));
    }
    // A glob is taken as its fixed folder.
    Path job = job(tmp, """
        {"name": "t", "inputs": {"trade_flows": {"path": "%s/*.csv", "format": "comtrade-plus"}},
         "output": {"path": "%s"}}""".formatted(dir, dir));
    assertThat(cli("run", "--job", job.toString()).code()).isEqualTo(2);
    assertThat(cli("validate", "--job", job.toString()).code()).isEqualTo(2);
  }

  @Test
  void anEmptyFolderOrAnEarlierOutputIsReplaced() throws Exception {
    Path input = copyOfSample(tmp.resolve("in"));
    Path out = Files.createDirectories(tmp.resolve("empty"));
    Result r = run(input, out);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(out.resolve("_manifest.json")).isRegularFile();
    r = run(input, out);
    assertThat(r.code()).as(r.err()).isZero();
  }
}
