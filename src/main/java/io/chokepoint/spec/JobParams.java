package io.chokepoint.spec;

import java.util.Locale;

/**
 * Every parameter of a job, parsed once from {@code params} when the spec is loaded (a bad value
 * is a spec error, exit 2, before anything runs) and held by the {@link JobSpec}: steps read these
 * typed values, never the raw JSON. Each key has one normalisation: {@code focus_supplier} is
 * trimmed and upper-cased here and shared by the trade and supply settings.
 */
public record JobParams(TradeParams trade, SupplyParams supply, GrowthParams growth, SensitivityParams sensitivity,
    RiskParams risk, ValueChainParams chain, MirrorParams mirror, RelianceParams reliance) {
  public static JobParams from(Params p) {
    String focus = p.string(ParamKeys.FOCUS_SUPPLIER, "CHN").trim().toUpperCase(Locale.ROOT);
    return new JobParams(TradeParams.from(p, focus), SupplyParams.from(p, focus), GrowthParams.from(p),
        SensitivityParams.from(p), RiskParams.from(p), ValueChainParams.from(p), MirrorParams.from(p),
        RelianceParams.from(p));
  }
}
