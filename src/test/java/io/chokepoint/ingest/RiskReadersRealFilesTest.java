package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.reference.Countries;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The WGI and EU-CRM readers on the real files, quirks and all. */
class RiskReadersRealFilesTest extends SparkTestBase {
  static final Countries COUNTRIES = Countries.load(null, new Configuration());

  static InputSpec in(String name, String format, String... files) {
    return new InputSpec(name, java.util.Arrays.stream(files).map(f -> "file:" + f).toList(), format, null);
  }

  static Map<String, Long> counts(Dataset<Row> parsed, String column) {
    return parsed.groupBy(column).count().collectAsList().stream()
        .collect(Collectors.toMap(r -> String.valueOf(r.get(0)), r -> r.getLong(1)));
  }

  @Test
  void wgiLongDatasetLegacyCodesResolveAndMissingEstimatesAreCounted() {
    Dataset<Row> w = io.chokepoint.testing.Inputs.read(in("governance", Formats.WGI,
        Paths.realData("wgi_worldbank_2024_victor/wgi.csv"))).cache();
    assertThat(w.count()).isEqualTo(32_100);
    assertThat(w.where("_status = 'rejected'").select("_reject_reason").distinct().collectAsList()).isEmpty();
    assertThat(w.where("_filter_reason = 'no_value'").count()).isEqualTo(1_126);
    assertThat(w.where("_status = 'used'").count()).isEqualTo(32_100 - 1_126);
    for (String iso3 : List.of("ROU", "COD", "TLS", "AND", "PSE", "XKX", "TWN")) {
      assertThat(w.where(col("country_iso3").equalTo(iso3)).count()).as(iso3).isEqualTo(150);
    }
    assertThat(w.where("country_iso3 = 'ZAF' and year = 2022 and indicator = 'va'").first()
        .<Double>getAs("estimate")).isEqualTo(0.72);
    assertThat(w.where("estimate < -2.5").count()).as("estimates below -2.5 are kept").isPositive();
    assertThat(w.where("country like 'C%te d%'").first().<String>getAs("country_iso3")).isEqualTo("CIV");
  }

  @Test
  void wgiDataBankExportKeepsEstimatesOnlyAndFiltersFooterAndBlankRows() {
    Dataset<Row> w = io.chokepoint.testing.Inputs.read(in("governance", Formats.WGI,
        Paths.realData("wgi_databank_export_brandito/wgi.csv"))).cache();
    assertThat(w.count()).as("257 records x 24 year columns").isEqualTo(6_168);
    assertThat(counts(w, "_filter_reason")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "null", 1_008L, "not_an_estimate", 5_040L, "blank_row", 72L, "footer", 48L));
    assertThat(w.where("_status = 'rejected'").count()).isZero();
    assertThat(w.where("_status = 'used'").select("country_iso3").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactlyInAnyOrder("CAF", "ZAF", "AFG", "DZA", "HND", "IRN", "PRK");
    assertThat(w.where("_status = 'used'").select("indicator").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactlyInAnyOrder("va", "pv", "ge", "rq", "rl", "cc");
    Row zaf = w.where("country_iso3 = 'ZAF' and year = 2022 and indicator = 'va'").first();
    assertThat(zaf.<Double>getAs("estimate")).isEqualTo(0.707014203071594);
    // the same estimate in the long dataset (a later release, rounded to two places)
    assertThat(zaf.<Double>getAs("estimate")).isCloseTo(0.72, within(0.05));
  }

  @Test
  void euCrmResultsOneRowPerAssessedStageWithEachMalformedStageRejectedByReason() {
    Dataset<Row> r = io.chokepoint.testing.Inputs.read(in("risk_parameters", Formats.EU_CRM,
        Paths.realData("eu_crm2023_critmat/eureport_results.csv"))).cache();
    assertThat(r.where("coalesce(_filter_reason, '') <> 'stage_not_assessed'").count())
        .as("stage rows: E 1, P 1, E+P 2 per record").isEqualTo(132);
    List<String> rejects = r.where("_status = 'rejected'").orderBy("material", "stage")
        .select(org.apache.spark.sql.functions.concat_ws(" ", col("material"), col("stage"), col("_reject_reason")))
        .collectAsList().stream().map(x -> x.getString(0)).toList();
    assertThat(rejects).containsExactly(
        "Coking coal extraction columns shifted: eu_used_supply_refined holds a number '1.0'",
        "Coking coal processing columns shifted: eu_used_supply_refined holds a number '1.0'",
        "Diatomite extraction columns shifted: eu_used_supply_refined holds a number '0.3'",
        "LREE extraction unparsable supply_risk_primary '281%'",
        "Magnesite extraction columns shifted: eu_used_supply_refined holds a number '0.6'",
        "Molybdenum processing unknown supply basis (expected GS+EU, GSonly, EUonly) 'EU'",
        "Natural cork extraction columns shifted: eu_used_supply_refined holds a number '0.9'",
        "Strontium extraction columns shifted: eu_used_supply_refined holds a number '2.6'");
    assertThat(r.where("_filter_reason = 'duplicate_record'").select("material").collectAsList())
        .extracting(x -> x.getString(0)).containsExactly("Tungsten", "Tungsten");
    Row cobalt = r.where("material = 'Cobalt' and stage = 'extraction'").first();
    assertThat(cobalt.<String>getAs("supply_basis")).isEqualTo("GSonly");
    assertThat(cobalt.<Double>getAs("published_stage_sr")).isEqualTo(2.8);
    assertThat(cobalt.<Double>getAs("eol_rir_pct")).isEqualTo(22.0);
    assertThat(cobalt.<Double>getAs("si_sr")).isEqualTo(0.98);
    assertThat(cobalt.<Double>getAs("import_reliance_pct")).isEqualTo(81.0);
    Row lree = r.where("material = 'LREE' and stage = 'processing'").first();
    assertThat(lree.<String>getAs("_status")).isEqualTo("used");
    assertThat(lree.<Double>getAs("published_sr")).isEqualTo(3.7);
  }

  @Test
  void euCrmTradeParametersResolveEveryCountryName() {
    Dataset<Row> t = io.chokepoint.testing.Inputs.read(in("risk_parameters", Formats.EU_CRM,
        Paths.realData("eu_crm2023_critmat/eureport_tradeparameters.csv"))).cache();
    assertThat(t.count()).isEqualTo(121);
    assertThat(t.where("_status <> 'used'").select("_reject_reason", "country").collectAsList()).isEmpty();
    assertThat(t.where("material_key = 'iron ore'").count()).as("'Iron Ore' keyed like the results' 'Iron ore'")
        .isEqualTo(5);
    Row drc = t.where("material = 'Cobalt' and stage = 'extraction' and scope = 'world' and country = 'DR Congo'")
        .first();
    assertThat(drc.<String>getAs("country_iso3")).isEqualTo("COD");
    assertThat(drc.<Double>getAs("t")).isEqualTo(1.1);
    assertThat(t.where("country = 'Türkiye'").first().<String>getAs("country_iso3")).isEqualTo("TUR");
  }
}
