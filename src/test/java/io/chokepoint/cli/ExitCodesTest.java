package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.testing.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of failure: its exit code, a one-line message first, and no output written. */
class ExitCodesTest extends CliTestSupport {
  @TempDir Path tmp;

  String jobJson(String inputPath, String extra) {
    return """
        {"name": "t", "inputs": {"trade_flows": {"path": "%s", "format": "comtrade-plus"}},
         "output": {"path": "%s"}%s}""".formatted(inputPath, tmp.resolve("out"), extra);
  }

  String sample() {
    return Paths.project("sample-data/trade/comtrade_plus_rare_earths.csv");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    assertThat(cli().code()).isEqualTo(2);
    assertThat(cli("explode", "--job", "x").code()).isEqualTo(2);
    assertThat(cli("run").firstErrLine()).contains("missing --job");
    Path job = job(tmp, jobJson(sample(), ", \"parms\": {}"));
    Result r = cli("run", "--job", job.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.firstErrLine()).isEqualTo("chokepoint: error: parms: unknown key; allowed: "
        + "[inputs, name, output, params, quality, reference]");
    assertThat(cli("run", "--job", job(tmp, jobJson(sample(), "")).toString(), "--set", "params.focus=CHN").firstErrLine())
        .contains("params.focus: unknown key");
    assertThat(cli("run", "--job", job.toString(), "--run-date", "2026-13-01").firstErrLine()).contains("--run-date");
    assertThat(cli("run", "--job", tmp.resolve("nope.json").toString()).code()).isEqualTo(2);
    Files.writeString(tmp.resolve("bad.json"), "{\"name\": \"x\",\n  \"inputs\": }");
    assertThat(cli("run", "--job", tmp.resolve("bad.json").toString()).firstErrLine())
        .contains("invalid JSON at line 2");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void inputErrorsExitThreeNamingTheFile() throws Exception {
    Path missing = tmp.resolve("missing.csv");
    Result r = cli("run", "--job", job(tmp, jobJson(missing.toString(), "")).toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.firstErrLine()).contains(missing.toString()).contains("does not exist");

    Path wrong = tmp.resolve("wrong.csv");
    Files.writeString(wrong, "date,value\n2020-01-01,1\n");
    r = cli("run", "--job", job(tmp, jobJson(wrong.toString(), "")).toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.firstErrLine()).contains(wrong.toString()).contains("header not recognised");
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aLockHeldByALiveRunExitsOneNamingTheHolder() throws Exception {
    Path lock = tmp.resolve(".out.lock");
    Files.writeString(lock, "{\"run_id\": \"other-run\", \"host\": \"" + java.net.InetAddress.getLocalHost().getHostName()
        + "\", \"pid\": " + ProcessHandle.current().pid() + ", \"started\": \"2026-01-01T00:00:00Z\"}");
    Result r = cli("run", "--job", job(tmp, jobJson(sample(), "")).toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.firstErrLine()).contains("locked by run other-run").contains(lock.toString());
    Files.delete(lock);
  }

  @Test
  void aLockLeftByADeadProcessIsTakenOver() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Files.writeString(tmp.resolve(".out.lock"), "{\"run_id\": \"killed\", \"host\": \""
        + java.net.InetAddress.getLocalHost().getHostName() + "\", \"pid\": " + p.pid() + "}");
    Result r = cli("run", "--job", job(tmp, jobJson(sample(), "")).toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(tmp.resolve(".out.lock")).doesNotExist();
  }
}
