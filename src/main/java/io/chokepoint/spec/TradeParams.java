package io.chokepoint.spec;

import io.chokepoint.error.UsageException;
import io.chokepoint.schema.TradeColumns;
import java.util.List;
import java.util.Locale;

/**
 * The trade-exposure settings of a job, parsed once from {@code params}.
 *
 * @param focusSupplier ISO3 whose share is reported as {@code focus_share}
 * @param groupBy {@link #BY_GROUP}, {@link #BY_HS_CODE} or {@link #BY_STAGE}: what the product key of every
 *     exposure output is
 * @param flows flows in scope
 * @param reporters reporter ISO3 codes in scope, or null for all
 * @param yearFrom first year in scope, or null
 * @param yearTo last year in scope, or null
 * @param frequency {@link #ANNUAL} or {@link #MONTHLY}: rows of the other frequency are filtered
 * @param hhiModerate HHI from which a market is moderately concentrated
 * @param hhiHigh HHI above which a market is highly concentrated
 * @param publishTradeFlows whether the canonical rows used are published as {@code trade_flows}
 */
public record TradeParams(String focusSupplier, String groupBy, List<String> flows, List<String> reporters,
    Integer yearFrom, Integer yearTo, String frequency, double hhiModerate, double hhiHigh, boolean publishTradeFlows) {
  public static final String BY_GROUP = "commodity_group";
  public static final String BY_HS_CODE = "hs_code";
  /** Material × value-chain stage, through the stage reference: the product column is {@code material_stage}. */
  public static final String BY_STAGE = "stage";
  public static final String ANNUAL = "annual";
  public static final String MONTHLY = "monthly";

  /** The name of the product column for this grouping: commodity_group, hs_code or material_stage. */
  public String product() {
    return BY_STAGE.equals(groupBy) ? io.chokepoint.schema.ChainColumns.MATERIAL_STAGE : groupBy;
  }

  /** Parses the trade keys of {@code p}; {@code focus} is the normalised {@code focus_supplier} ({@link JobParams}). */
  static TradeParams from(Params p, String focus) {
    String groupBy = p.oneOf(ParamKeys.GROUP_BY, BY_GROUP, List.of(BY_GROUP, BY_HS_CODE, BY_STAGE));
    List<String> flows = p.strings(ParamKeys.FLOWS).orElse(List.of(TradeColumns.IMPORT));
    for (String f : flows) {
      if (!TradeColumns.FLOWS.contains(f)) {
        throw new UsageException("params." + ParamKeys.FLOWS + ": '" + f + "' is not one of " + TradeColumns.FLOWS);
      }
    }
    List<String> reporters = p.strings(ParamKeys.REPORTERS)
        .map(l -> l.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList()).orElse(null);
    Integer from = p.integer(ParamKeys.YEAR_FROM).orElse(null);
    Integer to = p.integer(ParamKeys.YEAR_TO).orElse(null);
    if (from != null && to != null && from > to) {
      throw new UsageException("params.year_from " + from + " is after params.year_to " + to);
    }
    String frequency = p.oneOf(ParamKeys.FREQUENCY, ANNUAL, List.of(ANNUAL, MONTHLY));
    double moderate = p.number(ParamKeys.HHI_MODERATE, 1500);
    double high = p.number(ParamKeys.HHI_HIGH, 2500);
    if (moderate < 0 || high > 10_000 || moderate >= high) {
      throw new UsageException("params.hhi_moderate " + moderate + " and params.hhi_high " + high
          + " must satisfy 0 <= hhi_moderate < hhi_high <= 10000");
    }
    return new TradeParams(focus, groupBy, List.copyOf(flows), reporters, from, to, frequency, moderate, high,
        p.bool(ParamKeys.PUBLISH_TRADE_FLOWS, true));
  }
}
