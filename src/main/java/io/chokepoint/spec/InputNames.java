package io.chokepoint.spec;

import java.util.List;
import java.util.Map;

/** The input names a job spec may use, and the formats each accepts. */
public final class InputNames {
  public static final String TRADE_FLOWS = "trade_flows";

  static final Map<String, List<String>> FORMATS = Map.of(TRADE_FLOWS, Formats.TRADE);

  private InputNames() {}
}
