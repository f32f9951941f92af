package io.chokepoint.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chokepoint.error.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommodityGroupsTest {
  @Test
  void shippedTableCoversTheSeedMinerals() {
    CommodityGroups g = CommodityGroups.load(null, new Configuration());
    assertThat(g.entries()).extracting(CommodityGroups.Entry::group).contains("rare_earths", "tungsten",
        "gallium_germanium", "graphite", "nickel", "cobalt", "lithium");
    assertThat(g.entries()).filteredOn(e -> e.group().equals("rare_earths")).extracting(CommodityGroups.Entry::hsPrefix)
        .containsExactlyInAnyOrder("280530", "284610", "284690", "850511");
  }

  @Test
  void overlappingPrefixesAreRefusedWithTheLine(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("g.csv");
    Files.writeString(f, "hs_prefix,commodity_group,stage\n2846,rare_earths,compound\n284690,rare_earths,compound\n");
    assertThatThrownBy(() -> CommodityGroups.load(f.toString(), new Configuration()))
        .isInstanceOf(InputException.class).hasMessageContaining("line 3").hasMessageContaining("overlaps 2846");
  }
}
