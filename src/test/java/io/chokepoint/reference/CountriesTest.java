package io.chokepoint.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.Paths;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class CountriesTest {
  static final Countries C = Countries.load(null, new Configuration());

  @Test
  void comtradeCodesThatDifferFromIsoNumericAndSpecialAreas() {
    assertThat(C.byCode(842).orElseThrow().iso3()).isEqualTo("USA");
    assertThat(C.byCode(840).orElseThrow().iso3()).isEqualTo("USA");
    assertThat(C.byCode(251).orElseThrow().iso3()).isEqualTo("FRA");
    assertThat(C.byCode(699).orElseThrow().iso3()).isEqualTo("IND");
    assertThat(C.byCode(757).orElseThrow().iso3()).isEqualTo("CHE");
    assertThat(C.byCode(579).orElseThrow().iso3()).isEqualTo("NOR");
    assertThat(C.byCode(490).orElseThrow().iso3()).isEqualTo("TWN");
    assertThat(C.byCode(0).orElseThrow().kind()).isEqualTo("world");
    assertThat(C.byCode(899).orElseThrow()).extracting(Country::iso3, Country::kind).containsExactly("_X", "nes");
    assertThat(C.byCode(492).orElseThrow().kind()).isEqualTo("nes");
    assertThat(C.byCode(97).orElseThrow().kind()).isEqualTo("aggregate");
    assertThat(C.byAlpha("S19").orElseThrow().iso3()).isEqualTo("TWN");
    assertThat(C.byAlpha("ZAR").orElseThrow().iso3()).isEqualTo("COD");
  }

  @Test
  void namesAndAliasesResolve() {
    assertThat(C.byName("Other Asia, nes").orElseThrow().iso3()).isEqualTo("TWN");
    assertThat(C.byName("Korea, Rep.").orElseThrow().iso3()).isEqualTo("KOR");
    assertThat(C.byName("South Korea").orElseThrow().iso3()).isEqualTo("KOR");
    assertThat(C.byName("Rep. of Korea").orElseThrow().iso3()).isEqualTo("KOR");
    assertThat(C.byName("Türkiye").orElseThrow().iso3()).isEqualTo("TUR");
    assertThat(C.byName("Côte d’Ivoire").orElseThrow().iso3()).isEqualTo("CIV");
    assertThat(C.byName("Congo (Kinshasa)").orElseThrow().iso3()).isEqualTo("COD");
    assertThat(C.byName("Burma").orElseThrow().iso3()).isEqualTo("MMR");
    assertThat(C.byName("USA").orElseThrow().iso3()).isEqualTo("USA");
    assertThat(C.byName("Atlantis")).isEmpty();
  }

  @Test
  void everyBaciCountryCodeMapsToBacisIso3() throws Exception {
    String f = Paths.realData("baci_codes_onecampaign/country_codes.csv");
    List<String> mismatches = new ArrayList<>();
    int n = 0;
    try (Reader r = new InputStreamReader(new FileInputStream(f), StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      for (CSVRecord rec : p) {
        n++;
        int code = Integer.parseInt(rec.get(0).replace("\uFEFF", ""));
        String iso3 = rec.get("iso_3digit_alpha");
        var ours = C.byCode(code);
        if (ours.isEmpty() || (!iso3.equals("N/A") && !iso3.equals(ours.get().iso3()))) {
          mismatches.add(code + " " + iso3 + " -> " + ours.map(Country::iso3).orElse("none"));
        }
      }
    }
    assertThat(n).isEqualTo(238);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void everyComtradeReporterCodeResolves() throws Exception {
    File f = new File(Paths.realData("comtrade_codes/Reporters.json"));
    JsonNode results = new ObjectMapper().readTree(f).get("results");
    List<String> mismatches = new ArrayList<>();
    for (JsonNode r : results) {
      int code = r.get("reporterCode").asInt();
      String iso3 = r.get("reporterCodeIsoAlpha3").asText();
      var ours = C.byCode(code);
      boolean ok = ours.isPresent() && (ours.get().iso3().equals(iso3) || ours.get().aliases().contains(iso3)
          || ours.get().kind().equals("aggregate") || code == 490);
      if (!ok) {
        mismatches.add(code + " " + iso3 + " " + r.get("reporterDesc").asText() + " -> "
            + ours.map(Country::iso3).orElse("none"));
      }
    }
    assertThat(results.size()).isEqualTo(255);
    assertThat(mismatches).isEmpty();
  }
}
