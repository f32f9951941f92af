package io.chokepoint.reference;

import java.util.List;

/** What a partner is. Only countries and nes areas are suppliers; world and aggregates are totals. */
public final class PartnerKind {
  public static final String COUNTRY = "country";
  /** An area "not elsewhere specified" (Comtrade's _X, E19 ...): a supplier in its own right. */
  public static final String NES = "nes";
  /** The World total row (W00, code 0). */
  public static final String WORLD = "world";
  /** A group of countries (EU, ASEAN): would double count if taken as a supplier. */
  public static final String AGGREGATE = "aggregate";

  public static final List<String> ALL = List.of(COUNTRY, NES, WORLD, AGGREGATE);
  public static final List<String> SUPPLIERS = List.of(COUNTRY, NES);

  private PartnerKind() {}
}
