package io.chokepoint.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.chokepoint.error.UsageException;
import io.chokepoint.reference.Territories;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value-chain and bloc settings of a job, parsed once from {@code params}.
 *
 * @param valueChain whether the job builds the value-chain tables ({@code params.value_chain})
 * @param blocs the blocs the job names ({@code params.blocs}: names of blocs.csv or ISO3 lists);
 *     the bloc tables are built when there is one
 * @param territories {@link Territories#AS_REPORTED} or {@link Territories#SOVEREIGN}: whether a
 *     territory (New Caledonia) counts as itself or as its state (France) in the bloc outputs
 * @param singleSupplierLimit the share above which one supplier outside the importer's bloc is
 *     flagged (the EU Critical Raw Materials Act's 65%)
 */
public record ValueChainParams(boolean valueChain, List<BlocRef> blocs, String territories,
    double singleSupplierLimit) {
  /** The CRMA benchmark: no third country should supply more than 65% of a strategic material at any stage. */
  public static final double DEFAULT_LIMIT = 0.65;

  static ValueChainParams from(Params p) {
    List<BlocRef> blocs = new ArrayList<>();
    Optional<JsonNode> b = p.get(ParamKeys.BLOCS);
    if (b.isPresent()) {
      if (!b.get().isArray()) {
        throw new UsageException("params." + ParamKeys.BLOCS + ": expected a list of blocs (names of blocs.csv or lists"
            + " of ISO3 codes), e.g. [\"MOD\", [\"JPN\", \"KOR\"]], got " + b.get());
      }
      for (int i = 0; i < b.get().size(); i++) {
        BlocRef r = BlocRef.parse(b.get().get(i), "params." + ParamKeys.BLOCS + "[" + i + "]");
        if (blocs.stream().anyMatch(x -> x.name().equals(r.name()))) {
          throw new UsageException("params." + ParamKeys.BLOCS + ": " + r.name() + " is named twice");
        }
        blocs.add(r);
      }
    }
    String territories = p.oneOf(ParamKeys.TERRITORIES, Territories.AS_REPORTED, Territories.RULES);
    double limit = p.number(ParamKeys.SINGLE_SUPPLIER_LIMIT, DEFAULT_LIMIT);
    if (!(limit > 0 && limit <= 1)) {
      throw new UsageException("params." + ParamKeys.SINGLE_SUPPLIER_LIMIT + ": expected a share in (0, 1], got " + limit);
    }
    return new ValueChainParams(p.bool(ParamKeys.VALUE_CHAIN, false), List.copyOf(blocs), territories, limit);
  }
}
