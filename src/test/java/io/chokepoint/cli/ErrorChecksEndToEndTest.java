package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.testing.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Error-level checks that real (if bad) inputs can break, end to end through {@link Main}:
 * exit 3, one line naming the check, and the previous output root byte for byte as it was.
 * (Checks valid inputs cannot break are made to fail in {@code io.chokepoint.quality.ErrorChecksTest}.)
 */
class ErrorChecksEndToEndTest extends CliTestSupport {
  @TempDir Path tmp;
  Path root;

  /** An earlier output (it has a manifest) that a failed run must leave as it is. */
  void earlierOutput() throws Exception {
    root = tmp.resolve("out");
    Files.createDirectories(root.resolve("concentration"));
    Files.writeString(root.resolve("_manifest.json"), "{\"run_id\": \"earlier\"}");
    Files.writeString(root.resolve("concentration/part-0.parquet"), "published earlier");
  }

  Result run(String input, String format, Path file, String... sets) throws Exception {
    Path job = job(tmp, """
        {"name": "checks", "inputs": {"%s": {"path": "%s", "format": "%s"}},
         "output": {"path": "%s"}, "quality": {"max_reject_ratio": 0.01}}""".formatted(input, file, format, root));
    List<String> a = args("run", job, "--run-date", "2026-11-29");
    for (String s : sets) {
      a.add("--set");
      a.add(s);
    }
    return cli(a.toArray(String[]::new));
  }

  void assertStoppedBy(Result r, String check) throws Exception {
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.firstErrLine()).startsWith("chokepoint: error: data check " + check + " failed");
    assertThat(ReaderFuzzTest.digest(root)).isEqualTo(earlierDigest);
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("staging"));
    }
  }

  String earlierDigest;

  @BeforeEach
  void digestEarlier() throws Exception {
    earlierOutput();
    earlierDigest = ReaderFuzzTest.digest(root);
  }

  @Test
  void rejectsOverTheRatioStopTheRunAfterIngest() throws Exception {
    String sample = Files.readString(Path.of(Paths.project("sample-data/trade/baci_rare_earths.csv")));
    Path f = Files.writeString(tmp.resolve("baci.csv"), sample + "2022,156,392,284690,lots,1.0\n");
    Result r = run("trade_flows", "baci", f);
    assertStoppedBy(r, "trade_flows.reject_ratio");
    assertThat(r.firstErrLine()).contains("unparsable v");
    // The failed check names the file with the most rejects, its reasons and the rejected rows.
    assertThat(r.firstErrLine()).contains("most in file:" + f + " (1 rows: unparsable value_usd x1)")
        .contains("e.g. file=file:" + f + " reason='unparsable value_usd 'lots'' year=2022 reporter_iso3=JPN"
            + " partner_iso3=CHN").contains("hs_code=284690");
  }

  @Test
  void aProjectionThatOverflowsFailsFiniteValuesAndPublishesNothing() throws Exception {
    Path f = Files.writeString(tmp.resolve("ms.csv"), "series_id,domain,region,metric,unit,base_year,base_value,"
        + "target_year,target_value,stated_cagr_pct,source,published\n"
        + "runaway,d,global,market size,USD bn,1900,390,1901,400,1000,a typo for 10,2026-01\n");
    Result r = run("market_sizes", "market-sizes", f, "params.horizon_year=2200");
    assertStoppedBy(r, "projections.finite_values");
    assertThat(r.firstErrLine()).contains("value_at_stated_rate");
    // The failed check names the input file and the offending rows.
    assertThat(r.firstErrLine()).contains("from inputs.market_sizes (file:" + f + ")")
        .contains("e.g. series_id=runaway year=2194 kind=projected; series_id=runaway year=2195");
  }
}
