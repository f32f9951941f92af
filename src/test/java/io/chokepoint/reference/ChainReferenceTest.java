package io.chokepoint.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The value-chain reference tables agree with each other and with the country table: every bloc
 * member and territory is a country the product knows, every production series stands for a
 * material of the stage reference, every reference code has its HS2017→HS2022 link, and the dated
 * memberships the seed articles' questions turn on hold (no Spark: fast tier).
 */
class ChainReferenceTest {
  final Configuration conf = new Configuration();
  final Countries countries = Countries.load(null, conf);

  boolean country(String iso3) {
    return countries.byAlpha(iso3).map(Country::iso3).filter(iso3::equals).isPresent();
  }

  @Test
  void blocMembersAndTerritoriesAreCountriesOfTheCountryTable() {
    Blocs blocs = Blocs.bundled();
    for (String b : blocs.names()) {
      assertThat(blocs.members(b).orElseThrow()).as(b).allMatch(this::country);
    }
    Territories t = Territories.load(null, conf);
    assertThat(t.sovereign().keySet()).allMatch(this::country);
    assertThat(t.sovereign().values()).allMatch(this::country);
    assertThat(t.sovereign()).containsEntry("NCL", "FRA").containsEntry("GRL", "DNK").doesNotContainKey("HKG");
  }

  @Test
  void datedMembershipsHold() {
    Blocs blocs = Blocs.bundled();
    Blocs.Member uk = blocs.memberships("EU").orElseThrow().stream().filter(m -> m.iso3().equals("GBR")).findFirst()
        .orElseThrow();
    assertThat(uk.in(2019)).isTrue();
    assertThat(uk.in(2020)).isFalse();
    assertThat(blocs.members("EU27").orElseThrow()).hasSize(27).doesNotContain("GBR");
    Blocs.Member india = blocs.memberships("MSP").orElseThrow().stream().filter(m -> m.iso3().equals("IND")).findFirst()
        .orElseThrow();
    assertThat(india.in(2022)).isFalse();
    assertThat(india.in(2023)).isTrue();
    assertThat(blocs.members("MSP").orElseThrow()).doesNotContain("ARG"); // an MSP Forum member, not a partner
    // The market of democracies: Japan, the US, the UK and the EU's members of each year, the UK once.
    List<Blocs.Member> mod = blocs.memberships("MOD").orElseThrow();
    assertThat(mod.stream().filter(m -> m.in(2023)).map(Blocs.Member::iso3)).contains("JPN", "USA", "GBR", "DEU")
        .hasSize(30).doesNotHaveDuplicates();
    assertThat(mod.stream().filter(m -> m.in(2010)).map(Blocs.Member::iso3)).doesNotContain("HRV");
  }

  @Test
  void productionSeriesStandForStagesOfTheStageReference() {
    StageReference ref = StageReference.load(null, conf);
    Set<String> materials = ref.entries().stream().map(StageReference.Entry::material).collect(Collectors.toSet());
    for (StageProduction.Entry e : StageProduction.load(null, conf).entries()) {
      assertThat(materials).as(e.toString()).contains(e.material());
    }
  }

  @Test
  void everyReferenceCodeHasItsHs2017ToHs2022Link() {
    Set<String> linked = HsEditions.load(null, conf).links().stream()
        .filter(l -> l.fromEdition().equals("HS2017") && l.toEdition().equals("HS2022")).map(HsEditions.Link::fromHs6)
        .collect(Collectors.toSet());
    assertThat(StageReference.load(null, conf).entries()).allMatch(e -> linked.contains(e.hs6()));
    StageReference ref = StageReference.load(null, conf);
    assertThat(ref.stagePurity("rare_earths", "refining")).isEqualTo("mixed-stage");
    assertThat(ref.stagePurity("rare_earths", "metal")).isEqualTo("exclusive");
    assertThat(ref.stagePurity("rare_earths", "mining")).isEqualTo("shared");
  }
}
