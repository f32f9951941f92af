package io.chokepoint.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chokepoint.error.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
  @TempDir Path tmp;

  JobSpec load(String json, List<String> sets, String output) throws Exception {
    Path p = tmp.resolve("job.json");
    Files.writeString(p, json);
    return SpecLoader.load(p.toString(), sets, output, new Configuration());
  }

  static final String JOB = """
      {"name": "j", "inputs": {"trade_flows": {"path": "data/x.csv", "format": "comtrade-plus"}},
       "output": {"path": "out/j"}, "params": {"focus_supplier": "CHN"}}""";

  @Test
  void setOverridesDottedKeysWithJsonOrStringValues() throws Exception {
    JobSpec s = load(JOB, List.of("params.focus_supplier=MYS", "params.hhi_high=3000",
        "params.flows=[\"import\",\"export\"]", "inputs.trade_flows.path=/data/y.csv", "quality.max_reject_ratio=0.05"),
        null);
    TradeParams p = s.params().trade();
    assertThat(p.focusSupplier()).isEqualTo("MYS");
    assertThat(p.hhiHigh()).isEqualTo(3000);
    assertThat(p.flows()).containsExactly("import", "export");
    assertThat(s.inputs().get("trade_flows").paths()).containsExactly("file:/data/y.csv");
    assertThat(s.maxRejectRatio()).isEqualTo(0.05);
    assertThat(s.resolved().get("params").get("focus_supplier").asText()).isEqualTo("MYS");
  }

  @Test
  void relativePathsResolveAgainstTheWorkingDirectoryAndOutputCanBeReplaced() throws Exception {
    JobSpec s = load(JOB, List.of(), "/tmp/elsewhere");
    String cwd = System.getProperty("user.dir");
    assertThat(s.inputs().get("trade_flows").paths()).containsExactly("file:" + cwd + "/data/x.csv");
    assertThat(s.output().path()).isEqualTo("file:/tmp/elsewhere");
    assertThat(s.output().format()).isEqualTo("parquet");
  }

  @Test
  void unknownKeysAndBadValuesAreUsageErrorsNamingTheKey() {
    assertThatThrownBy(() -> load(JOB.replace("\"name\"", "\"nam\""), List.of(), null))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("nam: unknown key");
    assertThatThrownBy(() -> load(JOB.replace("comtrade-plus", "comtrade+"), List.of(), null))
        .hasMessageContaining("inputs.trade_flows.format: 'comtrade+' is not one of");
    assertThatThrownBy(() -> load(JOB.replace("trade_flows", "trades"), List.of(), null))
        .hasMessageContaining("inputs.trades: unknown input");
    assertThatThrownBy(() -> load(JOB, List.of("params.hhi_high=lots"), null).params().trade())
        .hasMessageContaining("params.hhi_high: expected a number");
    assertThatThrownBy(() -> load(JOB, List.of("params.group_by=partner"), null).params().trade())
        .hasMessageContaining("params.group_by: 'partner' is not one of");
    assertThatThrownBy(() -> load(JOB, List.of("inputs.trade_flows.encoding=cp1252"), null))
        .hasMessageContaining("inputs.trade_flows.encoding");
    assertThatThrownBy(() -> load(JOB, List.of("nokey"), null)).hasMessageContaining("expected KEY=VALUE");
    assertThatThrownBy(() -> load(JOB, List.of("quality.max_reject_ratio=2"), null))
        .hasMessageContaining("quality.max_reject_ratio");
  }

  @Test
  void usdJpyIsGivenAsLevelsOrAsOffsetsNotBoth() throws Exception {
    String levels = "params.scenarios.usd_jpy={\"base\": 150, \"levels\": [130, 150, 170]}";
    SensitivityParams p = load(JOB, List.of(levels), null).params().sensitivity();
    assertThat(p.fx().name()).isEqualTo("usd_jpy");
    assertThat(p.fx().levels()).containsExactly(130.0, 150.0, 170.0);
    assertThatThrownBy(() -> load(JOB, List.of(levels,
        "params.scenarios.usd_jpy_offset_pct={\"base\": 0, \"levels\": [0]}"), null).params().sensitivity())
        .isInstanceOf(UsageException.class).hasMessageContaining("not both");
  }

  @Test
  void blocIsABlocOfBlocsCsvOrAListOfIso3CodesAndAnythingElseIsAUsageErrorNamingTheKey() throws Exception {
    RiskParams eu = load(JOB, List.of(), null).params().risk();
    assertThat(eu.blocName()).isEqualTo("EU27");
    assertThat(eu.bloc()).hasSize(27).contains("DEU", "FRA", "ROU").doesNotContain("GBR");
    RiskParams jk = load(JOB, List.of("params.bloc=[\"jpn\", \"KOR\", \"JPN\"]"), null).params().risk();
    assertThat(jk.bloc()).containsExactly("JPN", "KOR");
    assertThat(jk.blocName()).isEqualTo("JPN+KOR");
    assertThatThrownBy(() -> load(JOB, List.of("params.bloc=EU28"), null))
        .isInstanceOf(UsageException.class).hasMessageContaining("params.bloc: 'EU28' is not a bloc of blocs.csv");
    assertThatThrownBy(() -> load(JOB, List.of("params.bloc=[\"JP\"]"), null))
        .isInstanceOf(UsageException.class).hasMessageContaining("params.bloc: \"JP\" is not an ISO3 country code");
    assertThatThrownBy(() -> load(JOB, List.of("params.bloc=[]"), null))
        .isInstanceOf(UsageException.class).hasMessageContaining("params.bloc: expected a bloc name");
    assertThatThrownBy(() -> load(JOB, List.of("params.bloc=3"), null))
        .isInstanceOf(UsageException.class).hasMessageContaining("params.bloc");
  }

  @Test
  void secretsAreRedactedInTheResolvedSpec() throws Exception {
    var node = SpecLoader.parse("{\"a\": {\"password\": \"p\", \"fs.s3a.access.key\": \"k\", \"x\": [{\"token\": 1}]},"
        + " \"b\": \"keep\"}", "t");
    String red = Redaction.redact(node).toString();
    assertThat(red).doesNotContain("\"p\"").doesNotContain("\"k\"").doesNotContain(":1").contains("keep");
  }
}
