package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.metrics.Supply;
import io.chokepoint.reference.Countries;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The supply-side readers and metrics on the real qennis, USGS and BGS files. */
class RealSupplyFilesTest extends SparkTestBase {
  static final Countries COUNTRIES = Countries.load(null, new Configuration());

  static InputSpec in(String name, String file, String format) {
    return new InputSpec(name, List.of("file:" + file), format, null);
  }

  static Row production(Dataset<Row> c, String commodity, String iso3, int year) {
    return c.where(col("commodity").equalTo(commodity).and(col("stage").equalTo("mine"))
        .and(col("country_iso3").equalTo(iso3)).and(col("year").equalTo(year))).first();
  }

  @Test
  void mcs2025ChinaSharesOfWorldMineProduction() {
    Dataset<Row> p = io.chokepoint.testing.Inputs.read(in("production",
        Paths.realData("criminGeo_manuali-luciana/MCS2025_World_Data.csv"), Formats.USGS_MCS_WORLD)).cache();
    assertThat(p.where("_status = 'rejected'").select("_reject_reason").distinct().collectAsList()).isEmpty();
    Dataset<Row> c = Supply.productionConcentration(p.where("_status = 'used'"), "CHN");
    Row re = production(c, "rare_earths", "CHN", 2024);
    assertThat(re.<Double>getAs("share")).isCloseTo(0.69, within(0.005));
    assertThat(re.<String>getAs("denominator_kind")).isEqualTo("world_total");
    assertThat(re.<Double>getAs("denominator")).isEqualTo(390000.0);
    assertThat(production(c, "tungsten", "CHN", 2024).<Double>getAs("share")).isCloseTo(0.83, within(0.005));
    Row reserves = c.where("commodity = 'rare_earths' and stage = 'reserves' and country_kind = 'world_total'").first();
    assertThat(reserves.<String>getAs("censored")).isEqualTo(">");
    assertThat(reserves.<Double>getAs("production")).isEqualTo(9.0e7);
  }

  @Test
  void bgsFilesReadByHeaderNameWhateverTheColumnOrder() {
    for (String f : List.of("BGS_REs_production.csv", "BGS_tungsten_production.csv", "BGS_gallium_production.csv",
        "BGS_germanium_production.csv", "BGS_graphite_production.csv", "BGS_lithium_production.csv",
        "BGS_cobalt_production.csv")) {
      Dataset<Row> p = io.chokepoint.testing.Inputs.read(in("production",
          Paths.realData("criminGeo_manuali-luciana/" + f), Formats.BGS_WMS)).cache();
      assertThat(p.where("_status = 'rejected'").select("_reject_reason", "country").distinct().collectAsList())
          .as(f).isEmpty();
      assertThat(p.where("_status = 'used'").count()).as(f).isPositive();
    }
    Dataset<Row> re = io.chokepoint.testing.Inputs.read(in("production",
        Paths.realData("criminGeo_manuali-luciana/BGS_REs_production.csv"), Formats.BGS_WMS));
    assertThat(re.count()).isEqualTo(639);
    assertThat(re.where("_filter_reason = 'no_value'").count()).isEqualTo(5);
    assertThat(re.where("year = 2023 and country_iso3 = 'CHN' and commodity = 'rare_earth_oxides'").first()
        .<Double>getAs("production")).isEqualTo(255000.0);
  }

  @Test
  void qennisDestinationsAllResolveAndMonthlySharesSumToOne() {
    Dataset<Row> e = io.chokepoint.testing.Inputs.read(in("rare_earth_exports",
        Paths.realData("qennis_ChinaCriticalMineralComtrade/country_monthly_stats.csv"), Formats.EXPORT_MONTHLY)).cache();
    assertThat(e.count()).isEqualTo(2885);
    assertThat(e.where("_status <> 'used'").select("_reject_reason").collectAsList()).isEmpty();
    assertThat(e.select("product_group").distinct().collectAsList()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("rare_earths", "gallium_germanium", "graphite", "polysilicon");
    assertThat(e.where("destination_iso3 = 'TWN'").count()).isPositive();
    Dataset<Row> d = Supply.exportDestinations(e);
    long off = d.groupBy("month", "exporter_iso3", "product_group").agg(sum("share_value").as("s"))
        .where(abs(col("s").minus(1)).gt(1e-9)).count();
    assertThat(off).isZero();

    Dataset<Row> events = io.chokepoint.testing.Inputs.read(new InputSpec("export_controls", List.of(ExportControlsReader.BUNDLED), io.chokepoint.spec.Formats.EXPORT_CONTROLS, null));
    Dataset<Row> w = Supply.eventWindows(d, events, 6);
    assertThat(w.where("event_date = date'2026-01-06'").select("status").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("insufficient_data");
    assertThat(w.where("event_date = date'2026-01-06' and value_change_pct is not null").count()).isZero();
    assertThat(w.where("event_date = date'2023-08-01' and product_group = 'gallium_germanium' and status = 'ok'")
        .count()).isPositive();
  }
}
