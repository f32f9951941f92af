package io.chokepoint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chokepoint.error.UsageException;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.SpecLoader;
import io.chokepoint.testing.Paths;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps a spec asks for, their order and the inputs each one owns: declarations only, no Spark. */
class PlanTest {
  @TempDir Path tmp;

  static JobSpec job(String file) {
    return SpecLoader.load(Paths.project(file), List.of(), null, new Configuration());
  }

  JobSpec spec(String inputsJson) throws Exception {
    Path p = tmp.resolve("job.json");
    Files.writeString(p, "{\"name\": \"j\", \"inputs\": {" + inputsJson + "}, \"output\": {\"path\": \"" + tmp
        + "/out\"}}");
    return SpecLoader.load(p.toString(), List.of(), null, new Configuration());
  }

  static List<String> names(Plan p) {
    return p.steps().stream().map(Step::name).toList();
  }

  @Test
  void theFullSamplePipelineRunsEveryStep() {
    Plan p = Plan.of(job("jobs/full-pipeline.json"));
    assertThat(names(p)).containsExactlyInAnyOrderElementsOf(Plan.ALL.stream().map(Step::name).toList());
  }

  @Test
  void everyJobIsOrderedSoATableIsProducedBeforeAStepNeedsOrUsesIt() {
    File[] jobs = new File(Paths.project("jobs")).listFiles((d, n) -> n.endsWith(".json"));
    assertThat(jobs).isNotEmpty();
    for (File f : jobs) {
      Plan p = Plan.of(job("jobs/" + f.getName()));
      List<String> produced = new ArrayList<>();
      for (Step s : p.steps()) {
        List<String> wanted = new ArrayList<>(s.needs());
        p.steps().stream().filter(o -> o != s).flatMap(o -> o.produces().stream()).filter(s.uses()::contains)
            .forEach(wanted::add);
        assertThat(produced).as(f.getName() + ": tables before step " + s.name()).containsAll(wanted);
        produced.addAll(s.produces());
      }
    }
  }

  @Test
  void picksTheStepsWhoseInputsTheSpecNames() {
    assertThat(names(Plan.of(job("jobs/rare-earth-exposure.json")))).containsExactly("trade_exposure");
    assertThat(names(Plan.of(job("jobs/growth.json")))).containsExactly("growth");
    assertThat(names(Plan.of(job("jobs/sensitivity.json")))).containsExactly("trade_exposure", "sensitivity");
    assertThat(names(Plan.of(job("jobs/supply-risk.json")))).containsExactly("supply", "supply_risk");
    assertThat(names(Plan.of(job("jobs/supply-risk-bloc.json"))))
        .containsExactly("trade_exposure", "supply", "supply_risk");
  }

  @Test
  void anInputReadByTwoStepsIsScopedByTheFirstAndReadByBoth() {
    Plan p = Plan.of(job("jobs/full-pipeline.json"));
    assertThat(p.scopeOwners().get("trade_flows").name()).isEqualTo("trade_exposure");
    assertThat(p.readers("trade_flows").stream().map(Step::name)).containsExactlyInAnyOrder("trade_exposure",
        "supply_risk", "value_chain", "mirror_flows");
    // The owner is the first step to read the input as steps are declared, even where steps that
    // read it too run before it (the trade exposure step uses mirror_flows, so it runs after it).
    assertThat(p.steps().stream().map(Step::name).toList().indexOf("trade_exposure"))
        .isGreaterThan(p.steps().stream().map(Step::name).toList().indexOf("mirror_flows"));
    assertThat(p.readers("governance").stream().map(Step::name)).containsExactly("supply_risk");
    assertThat(p.inputs().keySet()).containsExactlyInAnyOrder("trade_flows", "rare_earth_exports", "export_controls",
        "production", "market_sizes", "series", "fx_rates", "governance", "risk_parameters", "commodity_statistics");
  }

  @Test
  void anInputTheSpecLeavesOutComesFromTheStepsDefault() throws Exception {
    Plan exports = Plan.of(spec("\"rare_earth_exports\": {\"path\": \"e.csv\", \"format\": \"export-monthly\"}"));
    assertThat(exports.inputs()).containsKeys("rare_earth_exports", "export_controls");
    assertThat(exports.scopeOwners().get("export_controls").name()).isEqualTo("supply");
    Plan production = Plan.of(spec("\"production\": {\"path\": \"p.csv\", \"format\": \"bgs-wms\"}"));
    assertThat(production.inputs()).as("events matter only with exports").containsOnlyKeys("production");
  }

  @Test
  void describeIsWhatValidatePrints() {
    assertThat(Plan.of(job("jobs/sensitivity.json")).describe()).containsExactly(
        "step trade_exposure: inputs.trade_flows -> trade_flows, supplier_shares, concentration",
        "step sensitivity: inputs.fx_rates, concentration -> fx_period_rates, sensitivity_grid, sensitivity_tornado, "
            + "sensitivity_two_way");
  }

  @Test
  void aSpecThatFeedsNoStepIsAUsageError() throws Exception {
    JobSpec s = spec("\"trade_flows\": {\"path\": \"t.csv\", \"format\": \"comtrade-plus\"}");
    assertThatThrownBy(() -> Plan.of(s, List.of(new Declared("other", List.of("market_sizes"), List.of(), List.of(),
        List.of())))).isInstanceOf(UsageException.class).hasMessage("inputs: none of them feeds a step; nothing to run");
  }

  @Test
  void aNeededTableNoStepProducesIsAUsageErrorNamingItsInput() throws Exception {
    JobSpec s = spec("\"trade_flows\": {\"path\": \"t.csv\", \"format\": \"comtrade-plus\"}");
    List<Step> all = List.of(new Declared("b", List.of("trade_flows"), List.of("y"), List.of("x"), List.of()),
        new Declared("a", List.of("market_sizes"), List.of("x"), List.of(), List.of()));
    assertThatThrownBy(() -> Plan.of(s, all)).isInstanceOf(UsageException.class)
        .hasMessage("step b needs table x, which no step of this job produces (it comes from inputs.market_sizes)");
  }

  @Test
  void stepsRunAfterWhatTheyNeedOrUseWhateverTheirListedOrder() throws Exception {
    JobSpec s = spec("\"trade_flows\": {\"path\": \"t.csv\", \"format\": \"comtrade-plus\"}");
    List<Step> all = List.of(new Declared("c", List.of("trade_flows"), List.of("z"), List.of("y"), List.of("x")),
        new Declared("b", List.of("trade_flows"), List.of("y"), List.of("x"), List.of()),
        new Declared("a", List.of("trade_flows"), List.of("x"), List.of(), List.of()));
    assertThat(names(Plan.of(s, all))).containsExactly("a", "b", "c");
  }

  @Test
  void stepsThatNeedEachOtherAreACycle() throws Exception {
    JobSpec s = spec("\"trade_flows\": {\"path\": \"t.csv\", \"format\": \"comtrade-plus\"}");
    List<Step> all = List.of(new Declared("a", List.of("trade_flows"), List.of("x"), List.of("y"), List.of()),
        new Declared("b", List.of("trade_flows"), List.of("y"), List.of("x"), List.of()));
    assertThatThrownBy(() -> Plan.of(s, all)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("steps depend on each other in a cycle");
  }

  /** A step made of its declarations alone (the plan never runs it). */
  record Declared(String name, List<String> triggers, List<String> produces, List<String> needs, List<String> uses)
      implements Step {
    @Override
    public List<String> reads() {
      return triggers;
    }

    @Override
    public void run(StepContext ctx) {
      throw new UnsupportedOperationException("a plan never runs its steps");
    }

    @Override
    public String toString() {
      return name + Arrays.toString(produces.toArray());
    }
  }
}
