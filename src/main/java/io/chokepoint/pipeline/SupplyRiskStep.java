package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.chokepoint.error.UsageException;
import io.chokepoint.ingest.EuCrmReader;
import io.chokepoint.ingest.FileLayout;
import io.chokepoint.ingest.WgiReader;
import io.chokepoint.metrics.Governance;
import io.chokepoint.metrics.SupplyRisk;
import io.chokepoint.reference.RiskReference;
import io.chokepoint.schema.RiskColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.RiskParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Supply risk: {@code governance_scores} from {@code governance} (WGI), and from the production
 * the supply step lands ({@code production_concentration}) with the EU parameters of
 * {@code risk_parameters}: {@code supply_risk_contributions} (per country) and {@code supply_risk}
 * (per material stage, overall per material, and per material group).
 */
final class SupplyRiskStep implements Step {
  static final String GOVERNANCE_SCORES = "governance_scores";
  static final String CONTRIBUTIONS = "supply_risk_contributions";
  static final String SUPPLY_RISK = "supply_risk";

  private List<FileLayout> governanceFiles = List.of();
  private List<FileLayout> parameterFiles = List.of();

  @Override
  public String name() {
    return "supply-risk";
  }

  @Override
  public boolean applies(JobSpec spec) {
    return spec.input(InputNames.GOVERNANCE).isPresent() || spec.input(InputNames.RISK_PARAMETERS).isPresent();
  }

  @Override
  public List<String> preflight(JobSpec spec, Reference ref, Configuration conf) {
    RiskParams.from(spec.params());
    for (String needed : List.of(InputNames.GOVERNANCE, InputNames.RISK_PARAMETERS, InputNames.PRODUCTION)) {
      if (spec.input(needed).isEmpty()) {
        throw new UsageException("inputs." + needed + ": supply risk needs inputs.governance, inputs.risk_parameters "
            + "and inputs.production");
      }
    }
    RiskReference.bundled(conf, ref.countries());
    governanceFiles = WgiReader.preflight(spec.input(InputNames.GOVERNANCE).get(), conf);
    parameterFiles = EuCrmReader.preflight(spec.input(InputNames.RISK_PARAMETERS).get(), conf);
    List<String> lines = new ArrayList<>();
    governanceFiles.forEach(f -> lines.add(f.describe(InputNames.GOVERNANCE)));
    parameterFiles.forEach(f -> lines.add(f.describe(InputNames.RISK_PARAMETERS)));
    return lines;
  }

  @Override
  public void run(RunContext ctx) {
    RiskParams p = RiskParams.from(ctx.spec.params());
    var countries = ctx.reference.countries();
    RiskReference risk = RiskReference.bundled(ctx.spark.sparkContext().hadoopConfiguration(), countries);

    InputSpec gin = ctx.spec.input(InputNames.GOVERNANCE).orElseThrow();
    Dataset<Row> wgi = ctx.ingest(gin, governanceFiles, () -> WgiReader.read(ctx.spark, gin, countries))
        .where(col(RowStatus.STATUS).equalTo(RowStatus.USED).or(col(RowStatus.FILTER_REASON).equalTo("no_value")));
    ctx.publishTable(GOVERNANCE_SCORES, Governance.scores(wgi.drop(RowStatus.ALL), p.windowFrom(), p.windowTo()));
    Dataset<Row> governance = ctx.writer.read(GOVERNANCE_SCORES);

    InputSpec rin = ctx.spec.input(InputNames.RISK_PARAMETERS).orElseThrow();
    Dataset<Row> parameters = RunContext.used(ctx.ingest(rin, parameterFiles,
        () -> EuCrmReader.read(ctx.spark, rin, countries))).drop(RowStatus.ALL);

    Dataset<Row> production = ctx.written(SupplyStep.PRODUCTION_CONCENTRATION).orElseThrow(() ->
        new IllegalStateException("supply risk runs after the supply step, which writes production_concentration"));
    Dataset<Row> materials = risk.materials(ctx.spark);
    if (p.materials().isPresent()) {
      Column[] keys = p.materials().get().stream().map(m -> lit(RiskReference.key(m))).toArray(Column[]::new);
      materials = materials.where(col(RiskColumns.MATERIAL_KEY).isin((Object[]) keys));
    }
    Dataset<Row> inScope = materials.select(col(RiskColumns.MATERIAL_KEY).as("_scope_key")).distinct();
    Dataset<Row> groups = risk.groups(ctx.spark);

    Dataset<Row> governancePeriods = governance.select(RiskColumns.PERIOD, RiskColumns.YEAR_FROM, RiskColumns.YEAR_TO)
        .distinct();
    Dataset<Row> shares = SupplyRisk.shares(production, materials, risk.publishedShares(ctx.spark, countries),
        governancePeriods, p.windowFrom(), p.windowTo());
    Dataset<Row> trade = parameters.where(col(RiskColumns.RECORD_KIND).equalTo(RiskColumns.KIND_TRADE)
        .and(col(RiskColumns.SCOPE).equalTo(RiskColumns.SCOPE_WORLD)));
    SupplyRisk.Unscored policy = SupplyRisk.Unscored.valueOf(p.unscored().toUpperCase(Locale.ROOT));
    ctx.publishTable(CONTRIBUTIONS, SupplyRisk.contributions(shares, governance, trade, policy));
    Dataset<Row> contributions = ctx.writer.read(CONTRIBUTIONS);

    Dataset<Row> periods = governancePeriods.unionByName(contributions.select(RiskColumns.PERIOD,
        RiskColumns.YEAR_FROM, RiskColumns.YEAR_TO)).distinct();
    if (p.windowFrom() != null) {
      periods = periods.where(col(RiskColumns.PERIOD).equalTo(p.windowFrom() + "-" + p.windowTo()));
    }
    Dataset<Row> stageParameters = parameters.where(col(RiskColumns.RECORD_KIND).equalTo(RiskColumns.KIND_STAGE))
        .join(inScope, col(RiskColumns.MATERIAL_KEY).equalTo(col("_scope_key")))
        .select(RiskColumns.MATERIAL, RiskColumns.MATERIAL_KEY, RiskColumns.STAGE, RiskColumns.SUPPLY_BASIS,
            RiskColumns.PUBLISHED_STAGE_SR, RiskColumns.PUBLISHED_SR, RiskColumns.ECONOMIC_IMPORTANCE,
            RiskColumns.IMPORT_RELIANCE_PCT, RiskColumns.EOL_RIR_PCT, RiskColumns.SI_SR);
    Dataset<Row> stages = SupplyRisk.stages(contributions, stageParameters, periods, groups);
    Dataset<Row> overall = SupplyRisk.overall(stages, p.criticalSr(), p.criticalEi());

    Dataset<Row> groupRows = SupplyRisk.groups(overall, groups.join(inScope,
            col(RiskColumns.MATERIAL_KEY).equalTo(col("_scope_key"))).drop("_scope_key"),
        parameters.where(col(RiskColumns.RECORD_KIND).equalTo(RiskColumns.KIND_STAGE)), periods, p.criticalSr(),
        p.criticalEi());
    Dataset<Row> table = stages.drop(RiskColumns.MATERIAL_KEY, "_material_published_sr")
        .unionByName(overall.drop(RiskColumns.MATERIAL_KEY), true)
        .unionByName(groupRows, true);
    ctx.publishTable(SUPPLY_RISK, table);
  }
}
