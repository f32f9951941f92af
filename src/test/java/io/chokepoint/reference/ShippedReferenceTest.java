package io.chokepoint.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Inputs;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.io.File;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Every reference table the jar ships ({@code sample-data/reference/}, packed by Maven) loads as the
 * product loads it, with no reject: a job that uses the shipped tables passes the default gate
 * ({@code max_reject_ratio} 0.01). A table added to the folder without a check here fails the test.
 */
class ShippedReferenceTest extends SparkTestBase {
  /** Reads a table that an input reader takes (its rows carry statuses); the rows rejected. */
  static long rejects(String file, String format) {
    Dataset<Row> rows = Inputs.read(new InputSpec("x", List.of("file:" + Paths.project("sample-data/reference/" + file)),
        format, null));
    return rows.where("_reject_reason is not null").count();
  }

  @Test
  void everyShippedReferenceTableLoadsWithNoReject() {
    Configuration conf = new Configuration();
    Countries countries = Countries.load(null, conf);
    Map<String, Runnable> checks = new LinkedHashMap<>();
    checks.put("countries.csv", () -> assertThat(countries.lookupTable(spark()).count()).isPositive());
    checks.put("commodity_groups.csv", () -> assertThat(CommodityGroups.load(null, conf).entries()).isNotEmpty());
    checks.put("blocs.csv", () -> assertThat(Blocs.bundled().names()).contains("EU27", "MOD", "MSP", "G7"));
    checks.put("stage-reference.csv", () -> assertThat(StageReference.load(null, conf).entries()).isNotEmpty());
    checks.put("stage-production.csv", () -> assertThat(StageProduction.load(null, conf).entries()).isNotEmpty());
    checks.put("territories.csv", () -> assertThat(Territories.load(null, conf).sovereign()).containsEntry("NCL", "FRA"));
    checks.put("hs-editions.csv", () -> assertThat(HsEditions.load(null, conf).splitParts())
        .containsEntry("811231", "811292"));
    RiskReference risk = RiskReference.bundled(conf, countries);
    for (String t : List.of("risk-materials.csv", "risk-material-groups.csv", "risk-published-shares.csv",
        "risk-material-hs.csv")) {
      checks.put(t, () -> assertThat(risk).isNotNull());
    }
    checks.put("export-controls.csv", () -> assertThat(rejects("export-controls.csv", Formats.EXPORT_CONTROLS)).isZero());
    for (String t : List.of("eu-crm2023-results-seed.csv", "eu-crm2023-tradeparameters-seed.csv")) {
      checks.put(t, () -> assertThat(rejects(t, Formats.EU_CRM)).as(t).isZero());
    }
    String[] shipped = new File(Paths.project("sample-data/reference")).list((d, n) -> n.endsWith(".csv"));
    assertThat(checks.keySet()).as("a check for every shipped table").containsExactlyInAnyOrder(shipped);
    Arrays.stream(shipped).forEach(t -> checks.get(t).run());
  }
}
