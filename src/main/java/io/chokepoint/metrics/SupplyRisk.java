package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.reference.PartnerKind;
import io.chokepoint.schema.RiskColumns;
import io.chokepoint.schema.SupplyColumns;
import io.chokepoint.schema.TradeColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * The EU criticality assessment's supply risk (SR), from production, governance and the EU
 * parameters: HHI_WGI = Σ share² × WGI score, HHI_WGI,t = Σ share² × WGI score × t, and
 * SR = HHI_WGI,t(GS) × (1 − EoL_RIR) × SI_SR for stages assessed on global supply alone.
 */
public final class SupplyRisk {
  /** What to do with a producing country that has no governance score. */
  public enum Unscored {
    /** Contributes nothing but keeps its share in the total (the EU tools' behaviour). */
    ZERO,
    /** Left out: the scored countries' shares are renormalised to sum to 1. */
    EXCLUDE,
    /** Takes the median score of the period's scored countries. */
    MEDIAN;

  }

  private SupplyRisk() {}

  private static WindowSpec byStage() {
    return Window.partitionBy(col(RiskColumns.MATERIAL_KEY), col(RiskColumns.STAGE), col(RiskColumns.PERIOD));
  }

  /**
   * Each producer's share of a material stage's supply in each period.
   *
   * <p>Input: production (data_source, commodity, stage, year, country_iso3, country_kind,
   * production: e.g. {@code production_concentration}); materials (material, material_key, stage,
   * data_source, commodity, production_stage: which production rows stand for a material stage);
   * published (material_key, stage, country_iso3, share: shares of stages no production table
   * covers, used for each of {@code periods}: period, year_from, year_to). Output: material,
   * material_key, stage, period, year_from, year_to, country_iso3 (null for a residual row),
   * country_kind, production, share.
   *
   * <p>With a window ({@code from}, {@code to}) production is summed over the window's years per
   * country (the period {@code "from-to"}); without, each year is a period. World-total rows never
   * count; residual rows ("Other countries") are in the total but are not countries. A stage whose
   * production sums to zero gets null shares; null production rows are ignored.
   */
  public static Dataset<Row> shares(Dataset<Row> production, Dataset<Row> materials, Dataset<Row> published,
      Dataset<Row> periods, Integer from, Integer to) {
    boolean window = from != null && to != null;
    Dataset<Row> p = production
        .where(col(SupplyColumns.COUNTRY_KIND).notEqual(SupplyColumns.KIND_WORLD)
            .and(col(SupplyColumns.PRODUCTION).isNotNull()))
        .select(col(SupplyColumns.DATA_SOURCE).as("_ds"), col(SupplyColumns.COMMODITY).as("_commodity"),
            col(SupplyColumns.STAGE).as("_pstage"), col(SupplyColumns.YEAR).as("_year"),
            col(SupplyColumns.COUNTRY_ISO3).as(RiskColumns.COUNTRY_ISO3),
            col(SupplyColumns.COUNTRY_KIND).as(RiskColumns.COUNTRY_KIND),
            col(SupplyColumns.PRODUCTION).as("_production"));
    if (window) {
      p = p.where(col("_year").between(from, to))
          .withColumn(RiskColumns.PERIOD, lit(from + "-" + to))
          .withColumn(RiskColumns.YEAR_FROM, lit(from)).withColumn(RiskColumns.YEAR_TO, lit(to));
    } else {
      p = p.withColumn(RiskColumns.PERIOD, col("_year").cast("string"))
          .withColumn(RiskColumns.YEAR_FROM, col("_year")).withColumn(RiskColumns.YEAR_TO, col("_year"));
    }
    Dataset<Row> fromProduction = materials.where(col(RiskColumns.DATA_SOURCE).notEqual(RiskColumns.SOURCE_PUBLISHED))
        .join(p, col(RiskColumns.DATA_SOURCE).equalTo(col("_ds")).and(col(RiskColumns.COMMODITY)
            .equalTo(col("_commodity"))).and(col(RiskColumns.PRODUCTION_STAGE).equalTo(col("_pstage"))))
        .groupBy(col(RiskColumns.MATERIAL), col(RiskColumns.MATERIAL_KEY), col(RiskColumns.STAGE),
            col(RiskColumns.PERIOD), col(RiskColumns.YEAR_FROM), col(RiskColumns.YEAR_TO),
            col(RiskColumns.COUNTRY_ISO3), col(RiskColumns.COUNTRY_KIND))
        .agg(sum("_production").as(RiskColumns.PRODUCTION));
    Column total = sum(RiskColumns.PRODUCTION).over(byStage());
    fromProduction = fromProduction.withColumn(RiskColumns.SHARE,
        when(total.gt(0), col(RiskColumns.PRODUCTION).divide(total)));
    Dataset<Row> fromPublished = materials.where(col(RiskColumns.DATA_SOURCE).equalTo(RiskColumns.SOURCE_PUBLISHED))
        .select(RiskColumns.MATERIAL, RiskColumns.MATERIAL_KEY, RiskColumns.STAGE)
        .join(published.select(col(RiskColumns.MATERIAL_KEY).as("_p_key"), col(RiskColumns.STAGE).as("_p_stage"),
                col(RiskColumns.COUNTRY_ISO3), col(RiskColumns.SHARE)),
            col(RiskColumns.MATERIAL_KEY).equalTo(col("_p_key")).and(col(RiskColumns.STAGE).equalTo(col("_p_stage"))))
        .drop("_p_key", "_p_stage")
        .crossJoin(periods.select(RiskColumns.PERIOD, RiskColumns.YEAR_FROM, RiskColumns.YEAR_TO))
        .withColumn(RiskColumns.COUNTRY_KIND, lit(SupplyColumns.KIND_COUNTRY))
        .withColumn(RiskColumns.PRODUCTION, lit(null).cast(DataTypes.DoubleType));
    return fromProduction.unionByName(fromPublished);
  }

  /**
   * The annual import rows of the bloc's members for each mapped material stage, by year.
   *
   * <p>Input: trade (canonical trade rows: year, month, reporter_iso3, partner_iso3, partner_kind,
   * flow, hs_code, net_weight_kg); hs (material, material_key, stage, hs_code: six-digit codes).
   * Output: material, material_key, stage, _year, _partner, _partner_kind, _kg. A trade code
   * matches on its first six digits (so CN8 rows count); monthly rows never count.
   */
  private static Dataset<Row> blocImports(Dataset<Row> trade, Dataset<Row> hs, List<String> members) {
    Dataset<Row> codes = hs.select(col(RiskColumns.MATERIAL), col(RiskColumns.MATERIAL_KEY), col(RiskColumns.STAGE),
        col(RiskColumns.HS_CODE).as("_hs6")).distinct();
    return trade.where(col(TradeColumns.FLOW).equalTo(TradeColumns.IMPORT).and(col(TradeColumns.MONTH).isNull())
            .and(col(TradeColumns.REPORTER).isin(members.toArray())))
        .select(col(TradeColumns.YEAR).as("_year"), col(TradeColumns.PARTNER).as("_partner"),
            col(TradeColumns.PARTNER_KIND).as("_partner_kind"), col(TradeColumns.NET_WEIGHT_KG).as("_kg"),
            substring(col(TradeColumns.HS_CODE), 1, 6).as("_code"))
        .join(codes, col("_code").equalTo(col("_hs6")))
        .drop("_code", "_hs6");
  }

  private static Dataset<Row> codedStages(Dataset<Row> hs, Dataset<Row> periods) {
    return hs.select(RiskColumns.MATERIAL, RiskColumns.MATERIAL_KEY, RiskColumns.STAGE).distinct()
        .crossJoin(periods.select(RiskColumns.PERIOD, RiskColumns.YEAR_FROM, RiskColumns.YEAR_TO));
  }

  /**
   * How much trade the bloc term of each mapped material stage has in each period.
   *
   * <p>Input: as {@link #blocSourcing}. Output: material_key, stage, period, trade_rows (the annual
   * import rows the members report for the stage's HS codes in the period's years, whatever the
   * partner; 0 when none). A stage without HS codes has no row.
   */
  public static Dataset<Row> blocCoverage(Dataset<Row> trade, Dataset<Row> hs, List<String> members,
      Dataset<Row> periods) {
    Dataset<Row> imports = blocImports(trade, hs, members).select(col(RiskColumns.MATERIAL_KEY).as("_i_key"),
        col(RiskColumns.STAGE).as("_i_stage"), col("_year"));
    return codedStages(hs, periods)
        .join(imports, col(RiskColumns.MATERIAL_KEY).equalTo(col("_i_key"))
            .and(col(RiskColumns.STAGE).equalTo(col("_i_stage")))
            .and(col("_year").between(col(RiskColumns.YEAR_FROM), col(RiskColumns.YEAR_TO))), "left")
        .groupBy(RiskColumns.MATERIAL_KEY, RiskColumns.STAGE, RiskColumns.PERIOD)
        .agg(count("_year").as(RiskColumns.TRADE_ROWS));
  }

  /**
   * The sourcing of an importing bloc (the EU's "EU sourcing"): each supplier's share of the bloc's
   * imports from outside the bloc plus the bloc's own production, per material stage and period.
   *
   * <p>Input: trade (canonical trade rows); hs (material, material_key, stage, hs_code: which
   * six-digit HS codes stand for a material stage); members (the bloc's ISO3 codes); shares (as
   * {@link #shares} gives: the members' production); periods (period, year_from, year_to). Output:
   * the columns of {@link #shares} (production is the tonnes sourced) plus source
   * ({@code import} or {@code production}).
   *
   * <p>Imports are the members' annual import rows for the stage's codes whose partner is a country
   * or a nes area outside the bloc (world and aggregate partners never count; a nes area is a
   * residual row), in tonnes of net weight (a null weight adds nothing), summed over the period's
   * years: like production in {@link #shares}, so a window of years sums both (an average would
   * divide both by the same number of years and give the same shares). The members' production is
   * their country rows of {@code shares}. Only periods with trade rows (see {@link #blocCoverage})
   * have rows; a total of zero gives null shares.
   */
  public static Dataset<Row> blocSourcing(Dataset<Row> trade, Dataset<Row> hs, List<String> members,
      Dataset<Row> shares, Dataset<Row> periods) {
    Dataset<Row> covered = blocCoverage(trade, hs, members, periods).where(col(RiskColumns.TRADE_ROWS).gt(0))
        .select(col(RiskColumns.MATERIAL_KEY).as("_c_key"), col(RiskColumns.STAGE).as("_c_stage"),
            col(RiskColumns.PERIOD).as("_c_period"));
    Dataset<Row> imports = blocImports(trade, hs, members)
        .where(col("_partner_kind").isin(PartnerKind.SUPPLIERS.toArray())
            .and(col("_partner").isin(members.toArray()).unary_$bang()))
        .select(col(RiskColumns.MATERIAL_KEY).as("_i_key"), col(RiskColumns.STAGE).as("_i_stage"), col("_year"),
            col("_partner"), col("_partner_kind"), col("_kg"));
    Dataset<Row> fromImports = codedStages(hs, periods)
        .join(imports, col(RiskColumns.MATERIAL_KEY).equalTo(col("_i_key"))
            .and(col(RiskColumns.STAGE).equalTo(col("_i_stage")))
            .and(col("_year").between(col(RiskColumns.YEAR_FROM), col(RiskColumns.YEAR_TO))))
        .groupBy(col(RiskColumns.MATERIAL), col(RiskColumns.MATERIAL_KEY), col(RiskColumns.STAGE),
            col(RiskColumns.PERIOD), col(RiskColumns.YEAR_FROM), col(RiskColumns.YEAR_TO),
            col("_partner").as(RiskColumns.COUNTRY_ISO3),
            when(col("_partner_kind").equalTo(PartnerKind.COUNTRY), lit(SupplyColumns.KIND_COUNTRY))
                .otherwise(lit(SupplyColumns.KIND_RESIDUAL)).as(RiskColumns.COUNTRY_KIND))
        .agg(coalesce(sum("_kg"), lit(0.0)).divide(1000).as(RiskColumns.PRODUCTION))
        .withColumn(RiskColumns.SOURCE, lit(RiskColumns.SOURCE_IMPORT));
    Dataset<Row> codedKeys = hs.select(col(RiskColumns.MATERIAL_KEY).as("_h_key"), col(RiskColumns.STAGE)
        .as("_h_stage")).distinct();
    Dataset<Row> fromProduction = shares
        .where(col(RiskColumns.COUNTRY_ISO3).isin(members.toArray())
            .and(col(RiskColumns.COUNTRY_KIND).equalTo(SupplyColumns.KIND_COUNTRY))
            .and(col(RiskColumns.PRODUCTION).isNotNull()))
        .join(codedKeys, col(RiskColumns.MATERIAL_KEY).equalTo(col("_h_key"))
            .and(col(RiskColumns.STAGE).equalTo(col("_h_stage"))), "left_semi")
        .select(RiskColumns.MATERIAL, RiskColumns.MATERIAL_KEY, RiskColumns.STAGE, RiskColumns.PERIOD,
            RiskColumns.YEAR_FROM, RiskColumns.YEAR_TO, RiskColumns.COUNTRY_ISO3, RiskColumns.COUNTRY_KIND,
            RiskColumns.PRODUCTION)
        .withColumn(RiskColumns.SOURCE, lit(RiskColumns.SOURCE_PRODUCTION));
    Dataset<Row> sourcing = fromImports.unionByName(fromProduction)
        .join(covered, col(RiskColumns.MATERIAL_KEY).equalTo(col("_c_key"))
            .and(col(RiskColumns.STAGE).equalTo(col("_c_stage"))).and(col(RiskColumns.PERIOD).equalTo(col("_c_period"))),
            "left_semi");
    Column total = sum(RiskColumns.PRODUCTION).over(byStage());
    return sourcing.withColumn(RiskColumns.SHARE, when(total.gt(0), col(RiskColumns.PRODUCTION).divide(total)));
  }

  /**
   * Each country's term of HHI_WGI,t.
   *
   * <p>Input: shares (as {@link #shares} gives); governance (country_iso3, period, wgi_score: null
   * when the country has none); trade (material_key, stage, country_iso3, t: the EU trade
   * parameters for global supply; a country without one has t = 1). Output: the share columns plus
   * wgi_score, scored (the country has its own score), score_used, t, share_used and term =
   * share_used² × score_used × t.
   *
   * <p>A country without a score: {@code ZERO} keeps its share, score_used and term null (it adds
   * nothing); {@code EXCLUDE} gives it a null share_used and renormalises the scored countries'
   * shares to sum to 1; {@code MEDIAN} gives it the median score of the period's scored countries.
   * Residual rows are never scored and never take the median. Null shares give null terms.
   */
  public static Dataset<Row> contributions(Dataset<Row> shares, Dataset<Row> governance, Dataset<Row> trade,
      Unscored policy) {
    Dataset<Row> g = governance.where(col(RiskColumns.WGI_SCORE).isNotNull())
        .select(col(RiskColumns.COUNTRY_ISO3).as("_g_iso3"), col(RiskColumns.PERIOD).as("_g_period"),
            col(RiskColumns.WGI_SCORE));
    Dataset<Row> median = governance.where(col(RiskColumns.WGI_SCORE).isNotNull())
        .groupBy(col(RiskColumns.PERIOD).as("_m_period"))
        .agg(expr("percentile(" + RiskColumns.WGI_SCORE + ", 0.5)").as("_median"));
    Dataset<Row> t = trade.groupBy(col(RiskColumns.MATERIAL_KEY).as("_t_key"), col(RiskColumns.STAGE).as("_t_stage"),
            col(RiskColumns.COUNTRY_ISO3).as("_t_iso3"))
        .agg(max(RiskColumns.T).as(RiskColumns.T));
    Dataset<Row> joined = shares
        .join(g, col(RiskColumns.COUNTRY_ISO3).equalTo(col("_g_iso3"))
            .and(col(RiskColumns.PERIOD).equalTo(col("_g_period"))), "left")
        .join(median, col(RiskColumns.PERIOD).equalTo(col("_m_period")), "left")
        .join(t, col(RiskColumns.MATERIAL_KEY).equalTo(col("_t_key")).and(col(RiskColumns.STAGE)
            .equalTo(col("_t_stage"))).and(col(RiskColumns.COUNTRY_ISO3).equalTo(col("_t_iso3"))), "left")
        .withColumn(RiskColumns.T, coalesce(col(RiskColumns.T), lit(1.0)))
        .withColumn(RiskColumns.SCORED, col(RiskColumns.WGI_SCORE).isNotNull());
    Column isCountry = col(RiskColumns.COUNTRY_KIND).equalTo(SupplyColumns.KIND_COUNTRY);
    Column scoreUsed = policy == Unscored.MEDIAN
        ? when(isCountry, coalesce(col(RiskColumns.WGI_SCORE), col("_median"))) : col(RiskColumns.WGI_SCORE);
    Column shareUsed;
    if (policy == Unscored.EXCLUDE) {
      Column scoredTotal = sum(when(col(RiskColumns.SCORED), col(RiskColumns.SHARE))).over(byStage());
      shareUsed = when(col(RiskColumns.SCORED).and(scoredTotal.gt(0)), col(RiskColumns.SHARE).divide(scoredTotal));
    } else {
      shareUsed = col(RiskColumns.SHARE);
    }
    return joined
        .withColumn(RiskColumns.SCORE_USED, scoreUsed)
        .withColumn(RiskColumns.SHARE_USED, shareUsed)
        .withColumn(RiskColumns.TERM, col(RiskColumns.SHARE_USED).multiply(col(RiskColumns.SHARE_USED))
            .multiply(col(RiskColumns.SCORE_USED)).multiply(col(RiskColumns.T)))
        .drop("_g_iso3", "_g_period", "_m_period", "_median", "_t_key", "_t_stage", "_t_iso3");
  }

  /** {@link #stages(Dataset, Dataset, Dataset, Dataset, Dataset, Dataset)} without trade: no bloc term. */
  public static Dataset<Row> stages(Dataset<Row> contributions, Dataset<Row> parameters, Dataset<Row> periods,
      Dataset<Row> groups) {
    return stages(contributions, parameters, periods, groups, null, null);
  }

  /**
   * HHI, HHI_WGI, HHI_WGI,t, the bloc's HHI_WGI,t and SR per material stage and period.
   *
   * <p>Input: contributions (as {@link #contributions} gives, global supply); parameters (the EU
   * stage rows: material, material_key, stage, supply_basis, published_stage_sr, published_sr,
   * economic_importance, import_reliance_pct, eol_rir_pct, si_sr); periods (period, year_from,
   * year_to); groups (material_key, material_group); bloc (the bloc-sourcing contributions:
   * {@link #contributions} over {@link #blocSourcing}) and coverage ({@link #blocCoverage}), both
   * null when the job has no trade. Every assessed stage of a material in {@code parameters} gets a
   * row per period, and so does every stage that has contributions. Output: material,
   * material_group, stage, period, year_from, year_to, supply_basis, countries, hhi (0–10,000, over
   * every country's raw share), hhi_wgi, hhi_wgi_t, hhi_bloc_wgi_t (Σ of the bloc terms),
   * import_reliance_pct, eol_rir_pct, si_sr, sr, economic_importance, published_sr (the stage's),
   * sr_difference (ours − published), uncovered_share (countries without their own score),
   * residual_share, status, and _material_published_sr (the material's, for {@link #overall}).
   *
   * <p>With IR = import_reliance_pct / 100, EoL = eol_rir_pct / 100 and SI = si_sr: SR =
   * HHI_GS × (1 − EoL) × SI for a {@code GSonly} stage; [HHI_GS × IR/2 + HHI_bloc × (1 − IR/2)] ×
   * (1 − EoL) × SI for {@code GS+EU}; HHI_bloc × (1 − EoL) × SI for {@code EUonly}, where HHI_GS is
   * hhi_wgi_t and HHI_bloc is hhi_bloc_wgi_t. Status, first that applies: {@code no_parameters} (no
   * EU parameters: HHIs only); for stages that use global supply {@code no_production},
   * {@code zero_total}, {@code no_governance} (no producer has a score); for stages that use the bloc
   * {@code no_bloc_sourcing} (no trade input), {@code no_trade_mapping} (no HS codes for the stage),
   * {@code no_bloc_trade} (no import rows of the bloc for them in the period),
   * {@code zero_bloc_total} (nothing sourced), {@code no_governance} (no supplier has a score);
   * {@code missing_parameter} (no EoL_RIR or SI_SR, or no IR for GS+EU), {@code ok}. SR is null
   * unless the status is {@code ok}.
   */
  public static Dataset<Row> stages(Dataset<Row> contributions, Dataset<Row> parameters, Dataset<Row> periods,
      Dataset<Row> groups, Dataset<Row> bloc, Dataset<Row> coverage) {
    Column isCountry = col(RiskColumns.COUNTRY_KIND).equalTo(SupplyColumns.KIND_COUNTRY);
    Column share = col(RiskColumns.SHARE);
    Dataset<Row> stats = contributions
        .groupBy(col(RiskColumns.MATERIAL_KEY).as("_c_key"), col(RiskColumns.STAGE).as("_c_stage"),
            col(RiskColumns.PERIOD).as("_c_period"))
        .agg(max(RiskColumns.MATERIAL).as("_c_material"),
            max(RiskColumns.YEAR_FROM).as("_c_from"), max(RiskColumns.YEAR_TO).as("_c_to"),
            count(when(isCountry.and(share.gt(0)), lit(1))).as(RiskColumns.COUNTRIES),
            sum(when(isCountry, share.multiply(share))).multiply(10_000).as(RiskColumns.HHI),
            sum(when(col(RiskColumns.SCORE_USED).isNotNull(), col(RiskColumns.SHARE_USED).multiply(col(RiskColumns.SHARE_USED))
                .multiply(col(RiskColumns.SCORE_USED)))).as(RiskColumns.HHI_WGI),
            sum(RiskColumns.TERM).as(RiskColumns.HHI_WGI_T),
            sum(when(isCountry.and(col(RiskColumns.SCORED).unary_$bang()), share)).as("_uncovered"),
            sum(when(col(RiskColumns.COUNTRY_KIND).equalTo(SupplyColumns.KIND_RESIDUAL), share)).as("_residual"),
            count(share).as("_shares"));
    Dataset<Row> assessed = parameters.crossJoin(periods.select(RiskColumns.PERIOD, RiskColumns.YEAR_FROM,
        RiskColumns.YEAR_TO));
    Dataset<Row> all = assessed.join(stats, col(RiskColumns.MATERIAL_KEY).equalTo(col("_c_key"))
            .and(col(RiskColumns.STAGE).equalTo(col("_c_stage"))).and(col(RiskColumns.PERIOD).equalTo(col("_c_period"))),
        "full_outer")
        .withColumn(RiskColumns.MATERIAL_KEY, coalesce(col(RiskColumns.MATERIAL_KEY), col("_c_key")))
        .withColumn(RiskColumns.STAGE, coalesce(col(RiskColumns.STAGE), col("_c_stage")))
        .withColumn(RiskColumns.PERIOD, coalesce(col(RiskColumns.PERIOD), col("_c_period")));
    if (bloc != null) {
      Dataset<Row> blocStats = bloc
          .groupBy(col(RiskColumns.MATERIAL_KEY).as("_b_key"), col(RiskColumns.STAGE).as("_b_stage"),
              col(RiskColumns.PERIOD).as("_b_period"))
          .agg(sum(RiskColumns.TERM).as(RiskColumns.HHI_BLOC_WGI_T), count(RiskColumns.SHARE).as("_bloc_shares"));
      all = all
          .join(blocStats, col(RiskColumns.MATERIAL_KEY).equalTo(col("_b_key"))
              .and(col(RiskColumns.STAGE).equalTo(col("_b_stage"))).and(col(RiskColumns.PERIOD).equalTo(col("_b_period"))),
              "left")
          .join(coverage.select(col(RiskColumns.MATERIAL_KEY).as("_v_key"), col(RiskColumns.STAGE).as("_v_stage"),
                  col(RiskColumns.PERIOD).as("_v_period"), col(RiskColumns.TRADE_ROWS)),
              col(RiskColumns.MATERIAL_KEY).equalTo(col("_v_key")).and(col(RiskColumns.STAGE).equalTo(col("_v_stage")))
                  .and(col(RiskColumns.PERIOD).equalTo(col("_v_period"))), "left");
    } else {
      all = all.withColumn(RiskColumns.HHI_BLOC_WGI_T, lit(null).cast(DataTypes.DoubleType))
          .withColumn("_bloc_shares", lit(null).cast(DataTypes.LongType))
          .withColumn(RiskColumns.TRADE_ROWS, lit(null).cast(DataTypes.LongType));
    }
    Column basis = col(RiskColumns.SUPPLY_BASIS);
    Column eol = col(RiskColumns.EOL_RIR_PCT);
    Column si = col(RiskColumns.SI_SR);
    Column ir = col(RiskColumns.IMPORT_RELIANCE_PCT).divide(100);
    Column hhiGs = col(RiskColumns.HHI_WGI_T);
    Column hhiBloc = col(RiskColumns.HHI_BLOC_WGI_T);
    Column adjust = lit(1).minus(eol.divide(100)).multiply(si);
    Column sr = when(basis.equalTo(RiskColumns.GS_ONLY), hhiGs.multiply(adjust))
        .when(basis.equalTo(RiskColumns.GS_EU),
            hhiGs.multiply(ir.divide(2)).plus(hhiBloc.multiply(lit(1).minus(ir.divide(2)))).multiply(adjust))
        .when(basis.equalTo(RiskColumns.EU_ONLY), hhiBloc.multiply(adjust));
    Column usesGlobal = basis.notEqual(RiskColumns.EU_ONLY);
    Column usesBloc = basis.notEqual(RiskColumns.GS_ONLY);
    Column status = when(basis.isNull(), lit(RiskColumns.NO_PARAMETERS))
        .when(usesGlobal.and(col("_shares").isNull()), lit(RiskColumns.NO_PRODUCTION))
        .when(usesGlobal.and(col("_shares").equalTo(0)), lit(RiskColumns.ZERO_TOTAL))
        .when(usesGlobal.and(hhiGs.isNull()), lit(RiskColumns.NO_GOVERNANCE))
        .when(usesBloc.and(lit(bloc == null)), lit(RiskColumns.NO_BLOC_SOURCING))
        .when(usesBloc.and(col(RiskColumns.TRADE_ROWS).isNull()), lit(RiskColumns.NO_TRADE_MAPPING))
        .when(usesBloc.and(col(RiskColumns.TRADE_ROWS).equalTo(0)), lit(RiskColumns.NO_BLOC_TRADE))
        .when(usesBloc.and(coalesce(col("_bloc_shares"), lit(0L)).equalTo(0)), lit(RiskColumns.ZERO_BLOC_TOTAL))
        .when(usesBloc.and(hhiBloc.isNull()), lit(RiskColumns.NO_GOVERNANCE))
        .when(eol.isNull().or(si.isNull()).or(basis.equalTo(RiskColumns.GS_EU).and(ir.isNull())),
            lit(RiskColumns.MISSING_PARAMETER))
        .otherwise(lit(RiskColumns.OK));
    Column zeroTotal = col("_shares").equalTo(0);
    return all
        .join(groups.select(col(RiskColumns.MATERIAL_KEY).as("_g_key"), col(RiskColumns.MATERIAL_GROUP)),
            col(RiskColumns.MATERIAL_KEY).equalTo(col("_g_key")), "left")
        .select(
            coalesce(col(RiskColumns.MATERIAL), col("_c_material")).as(RiskColumns.MATERIAL),
            col(RiskColumns.MATERIAL_KEY),
            col(RiskColumns.MATERIAL_GROUP),
            col(RiskColumns.STAGE),
            col(RiskColumns.PERIOD),
            coalesce(col(RiskColumns.YEAR_FROM), col("_c_from")).as(RiskColumns.YEAR_FROM),
            coalesce(col(RiskColumns.YEAR_TO), col("_c_to")).as(RiskColumns.YEAR_TO),
            basis,
            coalesce(col(RiskColumns.COUNTRIES), lit(0L)).as(RiskColumns.COUNTRIES),
            when(zeroTotal.unary_$bang(), col(RiskColumns.HHI)).as(RiskColumns.HHI),
            col(RiskColumns.HHI_WGI),
            col(RiskColumns.HHI_WGI_T),
            hhiBloc,
            col(RiskColumns.IMPORT_RELIANCE_PCT), eol, si,
            when(status.equalTo(RiskColumns.OK), sr).as(RiskColumns.SR),
            col(RiskColumns.ECONOMIC_IMPORTANCE),
            col(RiskColumns.PUBLISHED_STAGE_SR).as(RiskColumns.PUBLISHED_SR),
            when(status.equalTo(RiskColumns.OK), sr.minus(col(RiskColumns.PUBLISHED_STAGE_SR))).as(RiskColumns.SR_DIFFERENCE),
            when(zeroTotal.unary_$bang(), coalesce(col("_uncovered"), lit(0.0))).as(RiskColumns.UNCOVERED_SHARE),
            when(zeroTotal.unary_$bang(), coalesce(col("_residual"), lit(0.0))).as(RiskColumns.RESIDUAL_SHARE),
            status.as(RiskColumns.STATUS),
            col(RiskColumns.PUBLISHED_SR).as("_material_published_sr"));
  }

  /**
   * A material's SR in a period: the highest of its assessed stages, with that (bottleneck) stage.
   *
   * <p>Input: stage rows (as {@link #stages} gives). Output: one row per material and period,
   * stage {@code overall}, sr, bottleneck_stage, economic_importance, critical (sr ≥
   * {@code criticalSr} and EI ≥ {@code criticalEi}), published_sr (the material's),
   * sr_difference, status: {@code ok}; {@code incomplete_stages} when an assessed stage has no SR
   * (then sr is null: a maximum over some stages would understate it); {@code no_parameters} for a
   * material the EU parameters do not assess.
   */
  public static Dataset<Row> overall(Dataset<Row> stages, double criticalSr, double criticalEi) {
    Column assessed = col(RiskColumns.SUPPLY_BASIS).isNotNull();
    Dataset<Row> agg = stages
        .groupBy(col(RiskColumns.MATERIAL_KEY), col(RiskColumns.PERIOD))
        .agg(max(RiskColumns.MATERIAL).as(RiskColumns.MATERIAL),
            max(RiskColumns.MATERIAL_GROUP).as(RiskColumns.MATERIAL_GROUP),
            max(RiskColumns.YEAR_FROM).as(RiskColumns.YEAR_FROM), max(RiskColumns.YEAR_TO).as(RiskColumns.YEAR_TO),
            count(when(assessed, lit(1))).as("_assessed"),
            count(when(assessed, col(RiskColumns.SR))).as("_with_sr"),
            max(when(assessed, struct(col(RiskColumns.SR), col(RiskColumns.STAGE)))).as("_top"),
            max(RiskColumns.ECONOMIC_IMPORTANCE).as(RiskColumns.ECONOMIC_IMPORTANCE),
            max("_material_published_sr").as(RiskColumns.PUBLISHED_SR));
    Column complete = col("_assessed").gt(0).and(col("_with_sr").equalTo(col("_assessed")));
    Column sr = when(complete, col("_top." + RiskColumns.SR));
    return agg.select(
        col(RiskColumns.MATERIAL), col(RiskColumns.MATERIAL_KEY), col(RiskColumns.MATERIAL_GROUP),
        lit(RiskColumns.OVERALL).as(RiskColumns.STAGE),
        col(RiskColumns.PERIOD), col(RiskColumns.YEAR_FROM), col(RiskColumns.YEAR_TO),
        sr.as(RiskColumns.SR),
        when(complete, col("_top." + RiskColumns.STAGE)).as(RiskColumns.BOTTLENECK_STAGE),
        col(RiskColumns.ECONOMIC_IMPORTANCE),
        critical(sr, col(RiskColumns.ECONOMIC_IMPORTANCE), criticalSr, criticalEi).as(RiskColumns.CRITICAL),
        col(RiskColumns.PUBLISHED_SR),
        sr.minus(col(RiskColumns.PUBLISHED_SR)).as(RiskColumns.SR_DIFFERENCE),
        when(col("_assessed").equalTo(0), lit(RiskColumns.NO_PARAMETERS))
            .when(complete.unary_$bang(), lit(RiskColumns.INCOMPLETE_STAGES))
            .otherwise(lit(RiskColumns.OK)).as(RiskColumns.STATUS));
  }

  static Column critical(Column sr, Column ei, double criticalSr, double criticalEi) {
    return when(sr.isNotNull().and(ei.isNotNull()), sr.geq(criticalSr).and(ei.geq(criticalEi)));
  }

  /**
   * The group rule: a group's SR is the mean of its members' SRs.
   *
   * <p>Input: material_key, material_group, period, sr (one row per member and period; a member
   * without a row or with a null SR counts as missing). Output: material_group, period, members,
   * members_with_sr, sr (the mean, only when every member has one), status ({@code ok} or
   * {@code incomplete_members}).
   */
  public static Dataset<Row> groupMean(Dataset<Row> members) {
    return members.where(col(RiskColumns.MATERIAL_GROUP).isNotNull())
        .groupBy(col(RiskColumns.MATERIAL_GROUP), col(RiskColumns.PERIOD))
        .agg(count(lit(1)).as("members"), count(RiskColumns.SR).as("members_with_sr"),
            avg(RiskColumns.SR).as("_mean"))
        .withColumn(RiskColumns.SR, when(col("members_with_sr").equalTo(col("members")), col("_mean")))
        .withColumn(RiskColumns.STATUS, when(col(RiskColumns.SR).isNotNull(), lit(RiskColumns.OK))
            .otherwise(lit(RiskColumns.INCOMPLETE_MEMBERS)))
        .drop("_mean");
  }

  /**
   * Group rows (HREE, LREE): the group rule over the members' overall SRs, beside the group's
   * published SR.
   *
   * <p>Input: overall (as {@link #overall} gives); groups (material_key, material_group: the
   * members in scope); parameters (EU stage rows: material_key, published_sr, economic_importance;
   * the group's own row, e.g. {@code hree}, gives its published SR and EI); periods (period,
   * year_from, year_to). Output: material (the group), material_group, stage {@code overall},
   * period, year_from, year_to, sr, economic_importance, critical, published_sr, sr_difference,
   * status ({@code ok} or {@code incomplete_members}: then sr is null).
   */
  public static Dataset<Row> groups(Dataset<Row> overall, Dataset<Row> groups, Dataset<Row> parameters,
      Dataset<Row> periods, double criticalSr, double criticalEi) {
    Dataset<Row> groupParameters = parameters
        .groupBy(col(RiskColumns.MATERIAL_KEY).as("_gp_key"))
        .agg(max(RiskColumns.PUBLISHED_SR).as(RiskColumns.PUBLISHED_SR),
            max(RiskColumns.ECONOMIC_IMPORTANCE).as(RiskColumns.ECONOMIC_IMPORTANCE));
    Dataset<Row> members = groups.select(RiskColumns.MATERIAL_KEY, RiskColumns.MATERIAL_GROUP)
        .crossJoin(periods.select(RiskColumns.PERIOD))
        .join(overall.select(col(RiskColumns.MATERIAL_KEY).as("_o_key"), col(RiskColumns.PERIOD).as("_o_period"),
                col(RiskColumns.SR)),
            col(RiskColumns.MATERIAL_KEY).equalTo(col("_o_key")).and(col(RiskColumns.PERIOD).equalTo(col("_o_period"))),
            "left");
    Column ei = col(RiskColumns.ECONOMIC_IMPORTANCE);
    return groupMean(members)
        .join(periods.select(col(RiskColumns.PERIOD).as("_p_period"), col(RiskColumns.YEAR_FROM),
            col(RiskColumns.YEAR_TO)), col(RiskColumns.PERIOD).equalTo(col("_p_period")))
        .join(groupParameters, lower(col(RiskColumns.MATERIAL_GROUP)).equalTo(col("_gp_key")), "left")
        .select(col(RiskColumns.MATERIAL_GROUP).as(RiskColumns.MATERIAL), col(RiskColumns.MATERIAL_GROUP),
            lit(RiskColumns.OVERALL).as(RiskColumns.STAGE), col(RiskColumns.PERIOD), col(RiskColumns.YEAR_FROM),
            col(RiskColumns.YEAR_TO), col(RiskColumns.SR), ei,
            critical(col(RiskColumns.SR), ei, criticalSr, criticalEi).as(RiskColumns.CRITICAL),
            col(RiskColumns.PUBLISHED_SR),
            col(RiskColumns.SR).minus(col(RiskColumns.PUBLISHED_SR)).as(RiskColumns.SR_DIFFERENCE),
            col(RiskColumns.STATUS));
  }
}
