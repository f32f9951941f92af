package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.DatasetAssert;
import io.chokepoint.testing.Paths;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample job with output.format = iceberg: the same rows as Parquet, read back through the catalog. */
class IcebergEndToEndTest extends CliTestSupport {
  @TempDir Path tmp;

  Result run(Path out, String format, String catalog) {
    return cli("run", "--job", Paths.project("jobs/rare-earth-exposure.json"), "--output", out.toString(),
        "--set", "inputs.trade_flows.path=" + Paths.project("sample-data/trade/comtrade_plus_rare_earths.csv"),
        "--set", "output.format=" + format, "--set", "output.catalog=" + catalog);
  }

  @Test
  void icebergTablesHoldTheSameRowsCarryTheRunIdAndReRunsDoNotDuplicate() throws Exception {
    String catalog = "ice_" + Long.toHexString(System.nanoTime());
    Path parquet = tmp.resolve("parquet");
    assertThat(run(parquet, "parquet", catalog).code()).isZero();
    Path warehouse = tmp.resolve("warehouse");
    Result r = run(warehouse, "iceberg", catalog);
    assertThat(r.code()).as(r.err()).isZero();

    String ns = catalog + ".rare_earth_exposure";
    for (String t : List.of("trade_flows", "supplier_shares", "concentration", "rejects")) {
      DatasetAssert.assertRowsEqual(spark().table(ns + "." + t), rows(table(parquet, t)), 0);
    }
    JsonNode m = new ObjectMapper().readTree(warehouse.resolve("_manifest.json").toFile());
    java.nio.file.Path page = warehouse.resolve("report/index.html");
    String published = java.nio.file.Files.readString(page);
    assertThat(published).contains("<section id=\"exposure\">");
    java.nio.file.Files.delete(page);
    Result again = cli("report", "--from", warehouse.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(java.nio.file.Files.readString(page)).as("rebuilt from the Iceberg tables").isEqualTo(published);
    String runId = m.get("run_id").asText();
    assertThat(m.get("outputs").get("concentration").get("path").asText()).isEqualTo(ns + ".concentration");
    Row snapshot = spark().sql("SELECT summary FROM " + ns + ".concentration.snapshots ORDER BY committed_at DESC")
        .first();
    assertThat(snapshot.getJavaMap(0)).containsEntry("chokepoint.run-id", runId);

    assertThat(run(warehouse, "iceberg", catalog).code()).isZero();
    assertThat(spark().table(ns + ".concentration").count()).isEqualTo(table(parquet, "concentration").count());
    assertThat(spark().table(ns + ".trade_flows").count()).isEqualTo(1729);
  }
}
