package io.chokepoint.pipeline;

import io.chokepoint.error.UsageException;
import io.chokepoint.metrics.BlocMembers;
import io.chokepoint.metrics.ValueChain;
import io.chokepoint.reference.Countries;
import io.chokepoint.reference.Country;
import io.chokepoint.reference.HsEditions;
import io.chokepoint.reference.PartnerKind;
import io.chokepoint.reference.Territories;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.BlocRef;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.JobSpec;
import io.chokepoint.spec.ParamKeys;
import io.chokepoint.spec.ValueChainParams;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where in the value chain the dependence sits ({@code params.value_chain}): with trade, from every
 * parsed annual trade row whatever the exposure scope (both flows), mapped through the stage
 * reference, {@code stage_exposure} (per importer and bloc, material and stage: concentration, the
 * top supplier outside the importer's bloc against the CRMA limit) and {@code net_trade} (per
 * reporter, material and stage); with production, {@code stage_production} (world production by
 * stage, mine against refined where the source separates them).
 */
final class ValueChainStep implements Step {
  static final String STAGE_EXPOSURE = "stage_exposure";
  static final String STAGE_PRODUCTION = "stage_production";
  static final String NET_TRADE = "net_trade";

  @Override
  public String name() {
    return "value_chain";
  }

  @Override
  public List<String> triggers() {
    return List.of(InputNames.TRADE_FLOWS, InputNames.PRODUCTION);
  }

  @Override
  public boolean requested(JobSpec spec) {
    return spec.params().chain().valueChain();
  }

  @Override
  public List<String> reads() {
    return List.of(InputNames.TRADE_FLOWS);
  }

  @Override
  public List<String> uses() {
    return List.of(SupplyStep.PRODUCTION_CONCENTRATION);
  }

  @Override
  public List<String> produces() {
    return List.of(STAGE_EXPOSURE, NET_TRADE, STAGE_PRODUCTION);
  }

  @Override
  public void preflight(JobSpec spec, Reference ref, Configuration conf) {
    ref.stageReference(conf);
    ref.hsEditions(conf);
    ref.territories(conf);
    ref.stageProduction(conf);
    checkListedCodes(spec.params().chain().blocs(), ref.countries());
  }

  /** Every code of a bloc the job lists must be a country of the job's countries table (exit 2). */
  static void checkListedCodes(List<BlocRef> blocs, Countries countries) {
    for (BlocRef b : blocs) {
      if (!b.listed()) {
        continue;
      }
      for (String code : b.codes()) {
        boolean country = countries.byAlpha(code).filter(c -> PartnerKind.COUNTRY.equals(c.kind())).map(Country::iso3)
            .filter(code::equals).isPresent();
        if (!country) {
          throw new UsageException("params." + ParamKeys.BLOCS + ": '" + code + "' of bloc " + b.name()
              + " is not a country of the countries table");
        }
      }
    }
  }

  @Override
  public void run(StepContext ctx) {
    ValueChainParams p = ctx.params().chain();
    SparkSession spark = ctx.spark();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Reference ref = ctx.reference();
    HsEditions editions = ref.hsEditions(conf);
    ctx.table(SupplyStep.PRODUCTION_CONCENTRATION).ifPresent(t -> ctx.publish(STAGE_PRODUCTION,
        ValueChain.stageProduction(t.rows(), ref.stageProduction(conf).table(spark), p.singleSupplierLimit())));
    if (ctx.landed(InputNames.TRADE_FLOWS).isEmpty()) {
      return;
    }
    Dataset<Row> trade = TradeExposureStep.parsedRows(ctx.landed(InputNames.TRADE_FLOWS).get());
    Dataset<Row> mapped = BlocMembers.territories(trade, TradeColumns.PARTNER, ref.territories(conf).table(spark),
        Territories.SOVEREIGN.equals(p.territories()));
    Dataset<Row> codes = ref.stageReference(conf).codes(spark, editions);
    String focus = ctx.params().trade().focusSupplier();
    ctx.publish(STAGE_EXPOSURE, ValueChain.stageExposure(ValueChain.stageRows(mapped, codes),
        BlocMembers.table(spark, p.blocs()), focus, p.singleSupplierLimit(), editions.manyToMany(), p.territories()));
    // Net trade takes totals as reported: a territory counted as its state would turn trade with it into self-trade.
    ctx.publish(NET_TRADE, ValueChain.netTrade(ValueChain.stageRows(trade, codes), ValueChain.flowsFiled(trade)));
  }
}
