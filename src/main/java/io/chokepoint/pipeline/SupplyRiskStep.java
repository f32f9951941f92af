package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.error.UsageException;
import io.chokepoint.metrics.Governance;
import io.chokepoint.metrics.SupplyRisk;
import io.chokepoint.reference.RiskReference;
import io.chokepoint.schema.RiskColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.RiskParams;
import io.chokepoint.reference.Countries;
import io.chokepoint.reference.Country;
import io.chokepoint.reference.PartnerKind;
import io.chokepoint.spec.ParamKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Supply risk: {@code governance_scores} from {@code governance} (WGI), and from the production
 * the supply step lands ({@code production_concentration}) with the EU parameters of
 * {@code risk_parameters}: {@code supply_risk_contributions} (per country, of global supply and,
 * with {@code trade_flows}, of the bloc's sourcing) and {@code supply_risk} (per material stage,
 * overall per material, and per material group).
 */
final class SupplyRiskStep implements Step {
  private static final Logger LOG = LoggerFactory.getLogger("io.chokepoint.progress");
  static final String GOVERNANCE_SCORES = "governance_scores";
  static final String CONTRIBUTIONS = "supply_risk_contributions";
  static final String SUPPLY_RISK = "supply_risk";

  @Override
  public String name() {
    return "supply_risk";
  }

  @Override
  public List<String> triggers() {
    return List.of(InputNames.GOVERNANCE, InputNames.RISK_PARAMETERS);
  }

  @Override
  public List<String> reads() {
    return List.of(InputNames.GOVERNANCE, InputNames.RISK_PARAMETERS, InputNames.TRADE_FLOWS);
  }

  @Override
  public List<String> needs() {
    return List.of(SupplyStep.PRODUCTION_CONCENTRATION);
  }

  @Override
  public List<String> produces() {
    return List.of(GOVERNANCE_SCORES, CONTRIBUTIONS, SUPPLY_RISK);
  }

  @Override
  public void validate(JobSpec spec) {
    for (String needed : List.of(InputNames.GOVERNANCE, InputNames.RISK_PARAMETERS, InputNames.PRODUCTION)) {
      if (spec.input(needed).isEmpty()) {
        throw new UsageException("inputs." + needed + ": supply risk needs inputs.governance, inputs.risk_parameters "
            + "and inputs.production");
      }
    }
  }

  @Override
  public void preflight(JobSpec spec, Reference ref, Configuration conf) {
    members(spec.params().risk(), ref.countries());
    riskReference(ref, conf);
  }

  /** The job's supply-risk reference tables ({@code reference.risk_*}), the jar's where it names none. */
  static RiskReference riskReference(Reference ref, Configuration conf) {
    Map<String, String> p = ref.tablePaths();
    return RiskReference.load(p.get(JobSpec.RISK_MATERIALS), p.get(JobSpec.RISK_MATERIAL_GROUPS),
        p.get(JobSpec.RISK_PUBLISHED_SHARES), p.get(JobSpec.RISK_MATERIAL_HS), conf, ref.countries());
  }

  @Override
  public void run(StepContext ctx) {
    RiskParams p = ctx.params().risk();
    var countries = ctx.reference().countries();
    RiskReference risk = riskReference(ctx.reference(), ctx.spark().sparkContext().hadoopConfiguration());

    // Countries without an estimate stay in (as missing), so their scores can say so.
    Dataset<Row> wgi = ctx.landed(InputNames.GOVERNANCE).orElseThrow()
        .where(col(RowStatus.STATUS).equalTo(RowStatus.USED).or(col(RowStatus.FILTER_REASON).equalTo("no_value")));
    Dataset<Row> governance = ctx.publish(GOVERNANCE_SCORES, Governance.scores(wgi.drop(RowStatus.ALL), p.windowFrom(),
        p.windowTo()));
    Dataset<Row> parameters = ctx.input(InputNames.RISK_PARAMETERS).orElseThrow().drop(RowStatus.ALL);

    Dataset<Row> production = ctx.table(SupplyStep.PRODUCTION_CONCENTRATION).orElseThrow().rows();
    Dataset<Row> materials = risk.materials(ctx.spark());
    if (p.materials().isPresent()) {
      Column[] keys = p.materials().get().stream().map(m -> lit(RiskReference.key(m))).toArray(Column[]::new);
      materials = materials.where(col(RiskColumns.MATERIAL_KEY).isin((Object[]) keys));
    }
    Dataset<Row> inScope = materials.select(col(RiskColumns.MATERIAL_KEY).as("_scope_key")).distinct();
    Dataset<Row> groups = risk.groups(ctx.spark());

    Dataset<Row> governancePeriods = governance.select(RiskColumns.PERIOD, RiskColumns.YEAR_FROM, RiskColumns.YEAR_TO)
        .distinct();
    Dataset<Row> shares = SupplyRisk.shares(production, materials, risk.publishedShares(ctx.spark(), countries),
        governancePeriods, p.windowFrom(), p.windowTo());
    SupplyRisk.Unscored policy = SupplyRisk.Unscored.valueOf(p.unscored().toUpperCase(Locale.ROOT));
    Dataset<Row> global = SupplyRisk.contributions(shares, governance, tradeParameters(parameters, RiskColumns.SCOPE_WORLD),
        policy);
    global = global.withColumn(RiskColumns.BASIS, lit(RiskColumns.BASIS_GLOBAL))
        .withColumn(RiskColumns.SOURCE, when(col(RiskColumns.PRODUCTION).isNull(), lit(RiskColumns.SOURCE_PUBLISHED))
            .otherwise(lit(RiskColumns.SOURCE_PRODUCTION)));

    Dataset<Row> periods = governancePeriods.unionByName(shares.select(RiskColumns.PERIOD,
        RiskColumns.YEAR_FROM, RiskColumns.YEAR_TO)).distinct();
    if (p.windowFrom() != null) {
      periods = periods.where(col(RiskColumns.PERIOD).equalTo(p.windowFrom() + "-" + p.windowTo()));
    }

    // The bloc term reads every parsed trade row, whatever the trade-exposure scope: it picks its own.
    Optional<Dataset<Row>> trade = ctx.landed(InputNames.TRADE_FLOWS).map(TradeExposureStep::parsedRows);
    Dataset<Row> coverage = null;
    Dataset<Row> all = global;
    if (trade.isPresent()) {
      List<String> members = members(p, countries);
      LOG.info("supply risk: bloc {} = {}", p.blocName(), members);
      Dataset<Row> hs = risk.materialHs(ctx.spark()).join(inScope,
          col(RiskColumns.MATERIAL_KEY).equalTo(col("_scope_key")), "left_semi");
      coverage = SupplyRisk.blocCoverage(trade.get(), hs, members, periods);
      Dataset<Row> sourcing = SupplyRisk.blocSourcing(trade.get(), hs, members, shares, periods);
      // The EU publishes t per scope: the EU-sourcing scope's t is the one of the bloc term.
      Dataset<Row> bloc = SupplyRisk.contributions(sourcing, governance, tradeParameters(parameters, RiskColumns.SCOPE_EU),
          policy).withColumn(RiskColumns.BASIS, lit(RiskColumns.BASIS_BLOC));
      all = global.unionByName(bloc);
    }
    Dataset<Row> contributions = ctx.publish(CONTRIBUTIONS, all);
    Dataset<Row> globalContributions = contributions.where(col(RiskColumns.BASIS).equalTo(RiskColumns.BASIS_GLOBAL));
    Dataset<Row> blocContributions = trade.isPresent()
        ? contributions.where(col(RiskColumns.BASIS).equalTo(RiskColumns.BASIS_BLOC)) : null;
    Dataset<Row> stageParameters = parameters.where(col(RiskColumns.RECORD_KIND).equalTo(RiskColumns.KIND_STAGE))
        .join(inScope, col(RiskColumns.MATERIAL_KEY).equalTo(col("_scope_key")))
        .select(RiskColumns.MATERIAL, RiskColumns.MATERIAL_KEY, RiskColumns.STAGE, RiskColumns.SUPPLY_BASIS,
            RiskColumns.PUBLISHED_STAGE_SR, RiskColumns.PUBLISHED_SR, RiskColumns.ECONOMIC_IMPORTANCE,
            RiskColumns.IMPORT_RELIANCE_PCT, RiskColumns.EOL_RIR_PCT, RiskColumns.SI_SR);
    Dataset<Row> stages = SupplyRisk.stages(globalContributions, stageParameters, periods, groups, blocContributions,
        coverage);
    Dataset<Row> overall = SupplyRisk.overall(stages, p.criticalSr(), p.criticalEi());

    Dataset<Row> groupRows = SupplyRisk.groups(overall, groups.join(inScope,
            col(RiskColumns.MATERIAL_KEY).equalTo(col("_scope_key"))).drop("_scope_key"),
        parameters.where(col(RiskColumns.RECORD_KIND).equalTo(RiskColumns.KIND_STAGE)), periods, p.criticalSr(),
        p.criticalEi());
    Dataset<Row> table = stages.drop(RiskColumns.MATERIAL_KEY, "_material_published_sr")
        .unionByName(overall.drop(RiskColumns.MATERIAL_KEY), true)
        .unionByName(groupRows, true);
    ctx.publish(SUPPLY_RISK, table);
  }

  /** The EU trade parameters (material_key, stage, country_iso3, t) of one scope: world or eu. */
  private static Dataset<Row> tradeParameters(Dataset<Row> parameters, String scope) {
    return parameters.where(col(RiskColumns.RECORD_KIND).equalTo(RiskColumns.KIND_TRADE)
        .and(col(RiskColumns.SCOPE).equalTo(scope)));
  }

  /** The bloc's members as ISO3 codes of the job's countries table; an unknown code is a spec error. */
  static List<String> members(RiskParams p, Countries countries) {
    List<String> out = new ArrayList<>();
    for (String code : p.bloc()) {
      String iso3 = countries.byAlpha(code).filter(c -> PartnerKind.COUNTRY.equals(c.kind()))
          .map(Country::iso3)
          .orElseThrow(() -> new UsageException("params." + ParamKeys.BLOC + ": '" + code
              + "' is not a country of the countries table"));
      if (!out.contains(iso3)) {
        out.add(iso3);
      }
    }
    return List.copyOf(out);
  }
}
