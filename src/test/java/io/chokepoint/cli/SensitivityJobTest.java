package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.metrics.FxRates;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Paths;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensitivityJobTest extends CliTestSupport {
  @TempDir Path tmp;

  @Test
  void sensitivityJobConvertsAtTheBasePeriodsMeanRateAndPublishesEveryTable() {
    Path out = tmp.resolve("s");
    Result r = cli("run", "--job", Paths.project("jobs/sensitivity.json"), "--output", out.toString(),
        "--set", "inputs.trade_flows.path=" + Paths.project("sample-data/trade/comtrade_plus_rare_earths.csv"),
        "--set", "inputs.fx_rates.path=" + Paths.project("sample-data/market/EXJPUS_monthly.csv"));
    assertThat(r.code()).as(r.err()).isZero();
    Dataset<Row> fx = table(out, "fx_period_rates");
    double mean2025 = fx.where("grain = 'year' and year = 2025").first().getAs("mean");
    Dataset<Row> grid = table(out, "sensitivity_grid");
    assertThat(grid.count()).isEqualTo(4L * 11 * 4 * 6 * 4 * 5 * 7);
    List<Row> rows = grid.where("base_year = 2025 and usd_jpy_offset_pct = 0 and import_bill_usd is not null")
        .select("import_bill_usd", "import_bill_jpy", "fx_rate_base").collectAsList();
    assertThat(rows).isNotEmpty();
    for (Row row : rows) {
      assertThat(row.getDouble(2)).isEqualTo(mean2025);
      assertThat(row.getDouble(1)).isEqualTo(row.getDouble(0) * mean2025);
    }
    Row missingMonth = fx.where("period = '2016-05'").first();
    assertThat(missingMonth.<Double>getAs("mean")).isNull();
    assertThat(missingMonth.<String>getAs("status")).isEqualTo("no_observations");
    assertThat(table(out, "sensitivity_tornado").where("rank = 1").count()).isPositive();
    assertThat(table(out, "sensitivity_two_way").count()).isEqualTo(4L * 11 * 6);
  }

  @Test
  void fxPeriodRatesOnTheRealDailySeries() {
    Dataset<Row> obs = io.chokepoint.testing.Inputs.read(new InputSpec("fx_rates",
        List.of("file:" + Paths.realData("fred_dexjpus_yutakondo/DEXJPUS.csv")), Formats.FRED, null));
    Dataset<Row> rates = FxRates.periodRates(obs.where("_status = 'used'"));
    Row y2024 = rates.where("period = '2024'").first();
    assertThat(y2024.<Double>getAs("mean")).isCloseTo(151.45513944223129, within(1e-9));
    assertThat(y2024.<Integer>getAs("observations")).isEqualTo(251);
    assertThat(y2024.<Integer>getAs("missing")).isEqualTo(11);
    assertThat(y2024.<String>getAs("pair")).isEqualTo("USD/JPY");
    assertThat(y2024.<Double>getAs("min")).isEqualTo(140.66);
    assertThat(y2024.<Double>getAs("max")).isEqualTo(161.73);
    assertThat(rates.where("grain = 'month' and year = 2024").count()).isEqualTo(12);
    assertThat(rates.where("period = '2014'").count()).isZero();
  }
}
