package io.chokepoint.cli;

import static io.chokepoint.testing.DatasetAssert.assertRowsEqual;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.Paths;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/import-reliance.json on its hand-made sample: each figure worked by hand in the comments. */
class ImportRelianceJobTest extends CliTestSupport {
  @TempDir Path tmp;

  @Test
  void computedBesideThePublishedValueWithAStatusWhereTheyDisagreeOrCannotBeComputed() throws Exception {
    Path out = tmp.resolve("out");
    Result r = cli("run", "--job", Paths.project("jobs/import-reliance.json"), "--output", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertRowsEqual(table(out, "import_reliance").select(cols("commodity", "basis", "year", "imports", "exports",
        "production", "stock_change", "stock_change_status", "apparent_consumption", "net_import_reliance_pct",
        "published_text", "difference_pp", "stock_cover_months", "dash_as_zero", "status")), List.of(
        // Cobalt: secondary production only (the consumption note's definition); stock changes from 2023 on.
        // 2022: (10,500 − 5,400) / (1,900 + 5,100) = 72.86%; no 2021 stocks, so no stock change.
        row("Cobalt", null, 2022, 10500.0, 5400.0, 1900.0, null, "unknown", 7000.0, 5100 / 70.0, "73",
            5100 / 70.0 - 73, 1000 / (7000 / 12.0), false, "ok"),
        // 2023: stocks fell 1,000 → 950: net imports 9,000 − 4,800 + 50 = 4,250 of 6,250 = 68%.
        row("Cobalt", null, 2023, 9000.0, 4800.0, 2000.0, 50.0, "included", 6250.0, 68.0, "68", 0.0,
            950 / (6250 / 12.0), false, "ok"),
        // 2024: 11,000 − 4,200 + 50 = 6,850 of 8,950 = 76.5%, where USGS (here, by hand) says 70.
        row("Cobalt", null, 2024, 11000.0, 4200.0, 2100.0, 50.0, "included", 8950.0, 6850 / 89.5, "70",
            6850 / 89.5 - 70, 900 / (8950 / 12.0), false, "differs_from_published"),
        // Rare earths, compounds and metals: the rows that name the basis. 8,800 / 9,600 = 91.7% > 90.
        row("Rare Earths", "Compounds and metals", 2023, 9000.0, 200.0, 800.0, null, "not_in_definition", 9600.0,
            8800 / 96.0, ">90", null, null, false, "ok"),
        row("Rare Earths", "Compounds and metals", 2024, 8100.0, 350.0, 4300.0, null, "not_in_definition", 12050.0,
            7750 / 120.5, "64", 7750 / 120.5 - 64, null, false, "ok"),
        // Mineral concentrates: imports withheld (W) — no number is made up.
        row("Rare Earths", "Mineral concentrates", 2023, null, 20700.0, 41600.0, null, "not_in_definition", null,
            null, "E", null, null, null, "withheld_component"),
        row("Rare Earths", "Mineral concentrates", 2024, null, 37500.0, 45500.0, null, "not_in_definition", null,
            null, "E", null, null, null, "withheld_component"),
        // Gallium: production '—' (zero in USGS's tables, and said so); 2024 exports NA.
        row("Gallium", null, 2023, 190000.0, 1000.0, 0.0, null, "not_in_definition", 189000.0, 100.0, "100", 0.0,
            null, true, "ok"),
        row("Gallium", null, 2024, 190000.0, null, 0.0, null, "not_in_definition", null, null, "100", null, null,
            null, "unavailable_component")), 1e-9);
    JsonNode in = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile()).get("inputs")
        .get("commodity_statistics");
    assertThat(in.get("rows_read").asLong()).isEqualTo(61);
    assertThat(in.get("filtered_by_reason").get("year_range").asLong()).isEqualTo(2);
  }
}
