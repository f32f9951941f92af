package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.testing.Paths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures that used to crash or leak: each ends with its exit code and exactly one line,
 * {@code chokepoint: error: …}, that names the file and shows no secret, and leaves nothing behind.
 */
class FailureMessagesTest extends CliTestSupport {
  static final String PREFIX = "chokepoint: error: ";

  @TempDir Path tmp;

  String jobJson(String inputPath, String format, String output) {
    return """
        {"name": "t", "inputs": {"trade_flows": {"path": "%s", "format": "%s"}}, "output": {"path": "%s"}}"""
        .formatted(inputPath, format, output);
  }

  Result runTrade(String inputPath, String format) throws Exception {
    return cli("run", "--job", job(tmp, jobJson(inputPath, format, tmp.resolve("out").toString())).toString());
  }

  static String sample() {
    return Paths.project("sample-data/trade/comtrade_plus_rare_earths.csv");
  }

  /** One line, nothing after it (no stack trace). */
  static String onlyLine(Result r) {
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.firstErrLine()).startsWith(PREFIX);
    return r.firstErrLine();
  }

  void assertNothingWritten() throws Exception {
    assertThat(tmp.resolve("out")).doesNotExist();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".out."));
    }
  }

  @Test
  void aTruncatedParquetFileIsAnInputErrorNamingIt() throws Exception {
    Path pq = tmp.resolve("flows.parquet");
    spark().range(10).selectExpr("cast(id as int) as year").write().parquet(tmp.resolve("whole").toString());
    Path part;
    try (Stream<Path> s = Files.list(tmp.resolve("whole"))) {
      part = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(part);
    Files.write(pq, java.util.Arrays.copyOf(bytes, bytes.length - 20)); // footer cut off
    Result r = runTrade(pq.toString(), "trade-canonical");
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(onlyLine(r)).contains(pq.toString()).contains("Parquet");
    assertNothingWritten();
  }

  @Test
  void aCsvLineOverSparksFieldLimitIsAnInputErrorNamingTheFile() throws Exception {
    List<String> lines = Files.readAllLines(Path.of(sample()), StandardCharsets.ISO_8859_1);
    Path wide = tmp.resolve("wide.csv");
    Files.writeString(wide, lines.get(0) + "\n" + lines.get(1) + ",x".repeat(21_000) + "\n" + lines.get(2) + "\n",
        StandardCharsets.ISO_8859_1);
    Result r = runTrade(wide.toString(), "comtrade-plus");
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(onlyLine(r)).contains(wide.toString()).contains("more than 20,480 fields");
    assertNothingWritten();
  }

  @Test
  void aMissingFileSystemLibraryIsNamedWithoutATrace() throws Exception {
    Result out = cli("run", "--job", job(tmp, jobJson(sample(), "comtrade-plus", "s3a://bucket/out")).toString());
    assertThat(out.code()).isEqualTo(1);
    assertThat(onlyLine(out)).isEqualTo(PREFIX + "s3a://bucket/out: no file system for scheme s3a (add hadoop-aws)");
    Result in = cli("validate", "--job", job(tmp, jobJson("s3a://bucket/in/*.csv", "comtrade-plus",
        tmp.resolve("out").toString())).toString());
    assertThat(in.code()).isEqualTo(1);
    assertThat(onlyLine(in)).contains("s3a://bucket/in/*.csv").contains("no file system for scheme s3a (add hadoop-aws)");
  }

  @Test
  void anUnwritableOutputParentIsOneLine() throws Exception {
    Path file = tmp.resolve("report.txt");
    Files.writeString(file, "not a folder");
    Result r = cli("run", "--job", job(tmp, jobJson(sample(), "comtrade-plus", file.resolve("out").toString())).toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(onlyLine(r)).contains(file.resolve("out").toString()).contains("not writable");
    assertThat(Files.readString(file)).isEqualTo("not a folder");
  }

  @Test
  void anUnreachableHdfsOutputIsOneLineWithoutItsCredentials() throws Exception {
    Configuration conf = spark().sparkContext().hadoopConfiguration();
    String retries = conf.get("ipc.client.connect.max.retries");
    conf.setInt("ipc.client.connect.max.retries", 0);
    try {
      Result r = cli("run", "--job", job(tmp, jobJson(sample(), "comtrade-plus", tmp.resolve("out").toString())).toString(),
          "--output", "hdfs://analyst:PASSWORD@127.0.0.1:1/out");
      assertThat(r.code()).isEqualTo(1);
      assertThat(onlyLine(r)).contains("hdfs://***@127.0.0.1:1/out").contains("cannot connect to")
          .doesNotContain("PASSWORD", "analyst");
    } finally {
      if (retries == null) {
        conf.unset("ipc.client.connect.max.retries");
      } else {
        conf.set("ipc.client.connect.max.retries", retries);
      }
    }
  }

  @Test
  void aSecretInASetValueIsNotEchoed() throws Exception {
    Result r = cli("run", "--job", job(tmp, jobJson(sample(), "comtrade-plus", tmp.resolve("out").toString())).toString(),
        "--set", "output.path={\"secret_key\": \"SEKRIT-123\"}");
    assertThat(r.code()).isEqualTo(2);
    assertThat(onlyLine(r)).contains("output.path").doesNotContain("SEKRIT");
  }

  @Test
  void aForeignFileIsQuotedOnlyAsAShortPrintablePrefix() throws Exception {
    Path shadow = tmp.resolve("shadow");
    String secretLine = "root:$6$rounds=5000$saltsalt$Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy:19000:0:99999:7:::";
    Files.writeString(shadow, secretLine + "\ndaemon:*:19000:0:99999:7:::\n");
    Result r = runTrade(shadow.toString(), "comtrade-plus");
    assertThat(r.code()).isEqualTo(3);
    String line = onlyLine(r);
    assertThat(line).contains(shadow.toString()).contains("header not recognised")
        .doesNotContain(secretLine.substring(40)).doesNotContain("daemon");

    Path binary = tmp.resolve("blob.csv");
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    junk[0] = 'x';
    Files.write(binary, junk);
    Result b = runTrade(binary.toString(), "comtrade-plus");
    assertThat(b.code()).isEqualTo(3);
    String quoted = onlyLine(b).replaceFirst("^.*header starts ", "");
    assertThat(quoted).matches("[\\x20-\\x7E]*…?").hasSizeLessThanOrEqualTo(45);
  }

  @Test
  void aGzippedInputIsRecognisedLikeThePlainFile() throws Exception {
    Path gz = tmp.resolve("flows.csv.gz");
    try (var o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(Files.readAllBytes(Path.of(sample())));
    }
    Result plain = cli("validate", "--job", job(tmp, jobJson(sample(), "comtrade-plus", tmp.resolve("out").toString()))
        .toString());
    Result r = cli("validate", "--job", job(tmp, jobJson(gz.toString(), "comtrade-plus", tmp.resolve("out").toString()))
        .toString());
    assertThat(r.code()).as(r.err()).isZero();
    String plainLayout = plain.out().lines().filter(l -> l.contains(" — ")).findFirst().orElseThrow();
    assertThat(r.out()).contains(gz + plainLayout.substring(plainLayout.indexOf(" — ")));
  }

  @Test
  void anUnbalancedQuoteInExportControlsNamesTheFileAndLine() throws Exception {
    Path events = tmp.resolve("events.csv");
    Files.writeString(events, "date,imposing_iso3,target,product_groups,measure,source\n"
        + "2010-09-07,CHN,JPN,rare_earths,ban,\"embargo\n2023-08-01,CHN,ALL,gallium_germanium,licence,x\n");
    Result r = cli("validate", "--job", Paths.project("jobs/supply-side.json"),
        "--set", "inputs.rare_earth_exports.path=" + Paths.project("sample-data/supply/china_exports_monthly.csv"),
        "--set", "inputs.export_controls.path=" + events,
        "--set", "inputs.production.path=" + Paths.project("sample-data/supply/mcs_world_sample.csv"),
        "--output", tmp.resolve("out").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(onlyLine(r)).contains(events.toString() + ", line 2").contains("quote");
  }
}
