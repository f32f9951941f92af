package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.metrics.Growth;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The FRED reader on every real FRED file: both header styles, both missing markers, Excel's re-save. */
class FredReaderTest extends SparkTestBase {
  static Dataset<Row> read(String file) {
    return io.chokepoint.testing.Inputs.read(new InputSpec("series", List.of("file:" + file), Formats.FRED, null)).cache();
  }

  static long count(Dataset<Row> d, String where) {
    return d.where(where).count();
  }

  @Test
  void newHeaderWithBlankMissingValues() {
    Dataset<Row> d = read(Paths.realData("fred_dexjpus_yutakondo/DEXJPUS.csv"));
    assertThat(d.count()).isEqualTo(2610);
    assertThat(count(d, "_reject_reason is not null")).isZero();
    assertThat(count(d, "value is null")).isEqualTo(112);
    assertThat(d.select("series_id").distinct().first().getString(0)).isEqualTo("DEXJPUS");
    Row y2024 = Growth.annualMeans(d).where("year = 2024").first();
    assertThat(y2024.<Double>getAs("value")).isCloseTo(151.45513944223129, within(1e-9));
    assertThat(y2024.<Long>getAs("observations")).isEqualTo(251);
    assertThat(y2024.<Long>getAs("missing")).isEqualTo(11);
  }

  @Test
  void oldHeaderWithDotMissingValues() {
    Dataset<Row> d = read(Paths.realData("fred_dexjpus_dgs10_sjoseph/DEXJPUS.csv"));
    assertThat(d.count()).isEqualTo(4875);
    assertThat(count(d, "_reject_reason is not null")).isZero();
    assertThat(count(d, "value is null")).isEqualTo(180);
    assertThat(d.where("date = date'2000-01-03'").first().<Double>getAs("value")).isEqualTo(101.70);
  }

  @Test
  void excelResavedFileLeadingSpaceCrlfTwoDigitYearsOutOfOrder() {
    Dataset<Row> d = read(Paths.realData("fred_dexjpus_dgs10_sjoseph/DGS10.csv"));
    assertThat(d.count()).isEqualTo(15105);
    assertThat(count(d, "_reject_reason is not null")).isZero();
    Row range = d.agg(min("date"), max("date")).first();
    assertThat(range.getDate(0).toLocalDate().getYear()).isEqualTo(1962);
    // The file runs 1962-01-02 to 2022-06-23 (more than SOURCES.md says): 62 is 1962, 22 is 2022.
    assertThat(range.getDate(1).toLocalDate()).isEqualTo(LocalDate.of(2022, 6, 23));
    assertThat(d.where("date = date'2022-06-14'").first().<Double>getAs("value")).isEqualTo(3.49);
    assertThat(d.where("date = date'1981-09-30'").first().<Double>getAs("value")).isEqualTo(15.84);
    assertThat(d.where("date = date'2020-08-04'").first().<Double>getAs("value")).isEqualTo(0.52);
    assertThat(d.select("series_id").distinct().first().getString(0)).isEqualTo("DGS10");
  }

  @Test
  void monthlyWithFourDigitYearSlashDates() {
    Dataset<Row> d = read(Paths.realData("fred_exjpus_monthly_austinlee/EXJPUS.csv"));
    assertThat(d.count()).isEqualTo(577);
    assertThat(count(d, "_reject_reason is not null")).isZero();
    assertThat(d.where("date = date'1971-01-01'").first().<Double>getAs("value")).isEqualTo(358.02);
  }

  @Test
  void negativeYieldsAreKept() {
    Dataset<Row> d = read(Paths.realData("fred_jgb10y_annual_jejenn/IRLTLT01JPM156N.csv"));
    assertThat(d.count()).isEqualTo(21);
    assertThat(count(d, "value < 0")).isEqualTo(3);
    assertThat(Growth.trend(Growth.annualMeans(d), 3, 2030).first().<String>getAs("status")).isEqualTo("non_positive");
  }

  @Test
  void sampleFileAndBadRowsGiveReasons(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    Dataset<Row> s = read(Paths.project("sample-data/market/EXJPUS_monthly.csv"));
    assertThat(s.count()).isEqualTo(192);
    assertThat(count(s, "value is null")).isEqualTo(2);
    java.nio.file.Path bad = tmp.resolve("bad.csv");
    java.nio.file.Files.writeString(bad, "observation_date,X\n2020-01-01,1.5\n2020-13-01,2\nyesterday,3\n2020-02-01,abc\n");
    Dataset<Row> b = read(bad.toString());
    assertThat(b.where("_reject_reason is not null").select("_reject_reason").collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("unparsable date '2020-13-01'", "unparsable date 'yesterday'", "unparsable value 'abc'");
  }
}
