package io.chokepoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.error.InputException;
import io.chokepoint.metrics.FxRates;
import io.chokepoint.metrics.Supply;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Inputs;
import io.chokepoint.testing.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files that used to publish wrong numbers with exit 0: each is now a reject with its
 * reason, or a stopped file (exit 3) naming what is wrong, in the one reader contract every format
 * shares.
 */
class MalformedFilesTest extends SparkTestBase {
  @TempDir Path tmp;

  Path file(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text);
  }

  static Dataset<Row> read(Path f, String format) {
    return Inputs.read(new InputSpec("x", List.of("file:" + f), format, null)).cache();
  }

  static List<String> reasons(Dataset<Row> rows) {
    return rows.where("_reject_reason is not null").select("_reject_reason").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  @Test
  void aRowWithAnotherFieldCountIsARejectNamingTheCount() throws Exception {
    Dataset<Row> fred = read(file("fx.csv", "observation_date,DEXJPUS\n2024-03-01,100\n2024-03-04,1,234.5\n"
        + "2024-03-05,200\n"), Formats.FRED);
    assertThat(reasons(fred)).containsExactly("3 fields, header has 2");
    Row march = FxRates.periodRates(fred.where("_status = 'used'")).where("period = '2024-03'").first();
    assertThat(march.<Double>getAs("mean")).isEqualTo(150.0);

    Dataset<Row> baci = read(file("baci.csv", "t,i,j,k,v,q\n2022,156,392,284690,812345.5,41000.2\n"
        + "2022,156,392,123,284690,284.7,1.0\n"), Formats.BACI);
    assertThat(reasons(baci)).containsExactly("7 fields, header has 6");
    assertThat(baci.where("_reject_reason is null").count()).isEqualTo(1);
  }

  @Test
  void aHeaderThatEveryRowDisagreesWithStopsTheFile() throws Exception {
    // PROD_2023 missing from the header: every value would shift under the wrong year.
    Path usgs = file("mcs.csv", "SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_EST_ 2024\n"
        + "MCS2025,Tungsten,China,Mine production,metric tons,63000,67000\n"
        + "MCS2025,Tungsten,Viet Nam,Mine production,metric tons,3500,3400\n"
        + "MCS2025,Tungsten,Russia,Mine production,metric tons,2200,2200\n");
    assertThatThrownBy(() -> read(usgs, Formats.USGS_MCS_WORLD)).isInstanceOf(InputException.class)
        .hasMessageContaining(usgs.toString()).hasMessageContaining("the header has 6 fields but its data rows have 7");
  }

  @Test
  void aRepeatedColumnNameStopsTheFile() throws Exception {
    Path fred = file("dup.csv", "observation_date,DEXJPUS,DEXJPUS\n2024-03-01,100,100\n");
    assertThatThrownBy(() -> read(fred, Formats.FRED)).isInstanceOf(InputException.class)
        .hasMessageContaining("column name 'DEXJPUS' appears twice");
    Path usgs = file("dup2.csv", "SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,PROD_2023\n"
        + "MCS2025,Tungsten,China,Mine production,metric tons,63000,63000\n");
    assertThatThrownBy(() -> read(usgs, Formats.USGS_MCS_WORLD)).hasMessageContaining("appears twice");
  }

  @Test
  void theSameFileReachedTwiceIsReadOnce() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("d"));
    Path f = Files.writeString(dir.resolve("fx.csv"), "observation_date,DEXJPUS\n2024-03-01,100\n2024-03-04,200\n");
    for (List<String> paths : List.of(List.of("file:" + f, "file:" + f), List.of("file:" + dir, "file:" + f),
        List.of("file:" + dir + "/*.csv", "file:" + f))) {
      InputSpec in = new InputSpec("fx", paths, Formats.FRED, null);
      assertThat(Readers.preflight(in, new org.apache.hadoop.conf.Configuration())).hasSize(1);
      assertThat(Inputs.read(in).count()).as(paths.toString()).isEqualTo(2);
    }
  }

  @Test
  void hugeValuesAreRejectedSoNoSumOrMeanOverflows() throws Exception {
    Dataset<Row> fred = read(file("fx.csv", "observation_date,DEXJPUS\n2024-03-01,1.797e308\n2024-03-04,150\n"),
        Formats.FRED);
    assertThat(reasons(fred)).containsExactly("value out of range (above 1e15) '1.797e308'");
    assertThat(FxRates.periodRates(fred.where("_status = 'used'")).where("period = '2024'").first()
        .<Double>getAs("mean")).isEqualTo(150.0);
    Dataset<Row> baci = read(file("baci.csv", "t,i,j,k,v,q\n2022,156,392,284690,1.797e308,41000.2\n"), Formats.BACI);
    assertThat(reasons(baci)).containsExactly("value_usd out of range (above 1e15) '1.797e308'");
  }

  @Test
  void leniensNumberFormsAreRejectedAndMinusZeroIsZero() throws Exception {
    Dataset<Row> fred = read(file("fx.csv", "observation_date,DEXJPUS\n2024-03-01,0x1p4\n2024-03-02,12d\n"
        + "2024-03-03,-0\n2024-03-04,1e2\n"), Formats.FRED);
    assertThat(reasons(fred)).containsExactlyInAnyOrder("unparsable value '0x1p4'", "unparsable value '12d'");
    assertThat(fred.where("_status = 'used'").select("value").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList())
        .containsExactlyInAnyOrder(0.0, 100.0);
    Double zero = fred.where("date = '2024-03-03'").first().getAs("value");
    assertThat(Double.doubleToRawLongBits(zero)).isEqualTo(Double.doubleToRawLongBits(0.0));
  }

  @Test
  void impossibleDatesAndYearsAreRejectedByEveryReader() throws Exception {
    Dataset<Row> bgs = read(file("bgs.csv", "country_iso3_code,units,year,quantity,bgs_commodity_trans,country_trans,"
        + "bgs_sub_commodity_trans\nCHN,tonnes (metric),99999,1,tungsten,China,\nCHN,tonnes (metric),0000-00-00,1,"
        + "tungsten,China,\nCHN,tonnes (metric),-2024,1,tungsten,China,\nCHN,tonnes (metric),2021-01-01 00:00:00,1,"
        + "tungsten,China,\n"), Formats.BGS_WMS);
    assertThat(reasons(bgs)).containsExactlyInAnyOrder("unparsable year '99999'", "unparsable year '0000-00-00'",
        "unparsable year '-2024'");
    Dataset<Row> fred = read(file("fx.csv", "observation_date,DEXJPUS\n9999-12-01,1\n0000-01-01,1\n2024-01-02,1\n"),
        Formats.FRED);
    assertThat(reasons(fred)).containsExactlyInAnyOrder("unparsable date '9999-12-01'", "unparsable date '0000-01-01'");
    Dataset<Row> exports = read(file("ex.csv", "period,exporter_iso3,destination,product_group,value_usd,quantity_kg\n"
        + "9999-12,CHN,Japan,Rare Earths,1,1\n2024-01,CHN,Japan,Rare Earths,1,1\n"), Formats.EXPORT_MONTHLY);
    assertThat(reasons(exports)).containsExactly("unparsable period '9999-12'");
    Dataset<Row> sizes = read(file("ms.csv", "series_id,domain,region,metric,unit,base_year,base_value,target_year,"
        + "target_value,stated_cagr_pct,source,published\nx,d,r,m,u,99999,1,2030,2,,s,p\n"), Formats.MARKET_SIZES);
    assertThat(reasons(sizes)).containsExactly("unparsable base_year '99999'");
  }

  @Test
  void oneBadByteRejectsItsRecordNotTheFilesEncoding() throws Exception {
    StringBuilder sb = new StringBuilder("period,exporter_iso3,destination,product_group,value_usd,quantity_kg\n");
    for (int m = 1; m <= 12; m++) {
      sb.append(String.format("2024-%02d,CHN,Côte d'Ivoire,Rare Earths,10,1%n", m));
    }
    byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bad = "2024-12,CHN,Japan,Rare \u00ffEarths,10,1\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Path f = Files.write(tmp.resolve("ex.csv"), all);
    assertThat(CsvSniffer.sniff("file:" + f, null, new org.apache.hadoop.conf.Configuration()).charset())
        .isEqualTo(StandardCharsets.UTF_8);
    Dataset<Row> rows = read(f, Formats.EXPORT_MONTHLY);
    assertThat(rows.where("_status = 'used' and destination_iso3 = 'CIV'").count()).isEqualTo(12);
    assertThat(reasons(rows)).containsExactly("invalid UTF-8 bytes in the record");
  }

  /** Found by ReaderFuzzTest: the header line was read as a record, so rows read exceeded the file's. */
  @Test
  void aByteOrderMarkMeansUtf8AndTheHeaderAfterItOrAfterTwoIsNoRecord() throws Exception {
    String text = "period,exporter_iso3,destination,product_group,value_usd,quantity_kg\n"
        + "2024-01,CHN,Japan,Rare Earths,10,1\n2024-02,CHN,Japan,Rare \u00ffEarths,10,1\n";
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = text.getBytes(StandardCharsets.ISO_8859_1); // \u00ff: one byte that is not UTF-8
    for (int boms = 1; boms <= 2; boms++) {
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < boms; i++) {
        b.write(bom);
      }
      b.write(body);
      Path f = Files.write(tmp.resolve("bom" + boms + ".csv"), b.toByteArray());
      assertThat(CsvSniffer.sniff("file:" + f, null, new org.apache.hadoop.conf.Configuration()).charset())
          .isEqualTo(StandardCharsets.UTF_8);
      ReadContext ctx = new ReadContext(spark(), Inputs.COUNTRIES, 2026, "CHN");
      Dataset<Row> rows = Readers.read(ctx, new InputSpec("x", List.of("file:" + f), Formats.EXPORT_MONTHLY, null))
          .cache();
      assertThat(rows.count()).as(boms + " BOMs").isEqualTo(2);
      assertThat(ctx.records().rows()).isEqualTo(2);
      assertThat(reasons(rows)).containsExactly("invalid UTF-8 bytes in the record");
    }
  }

  /** Found by ReaderFuzzTest: a bad byte in the header made Spark's decoding differ from the sniffer's. */
  @Test
  void aHeaderWithABadByteIsStillTheHeaderNotARecord() throws Exception {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    b.write(("period,exporter_iso3,destination,product_group,value_usd,quantity_kg,note\u00ff\u00fe\n"
        + "2024-01,CHN,Japan,Rare Earths,10,1,x\n").getBytes(StandardCharsets.ISO_8859_1));
    Path f = Files.write(tmp.resolve("badheader.csv"), b.toByteArray());
    ReadContext ctx = new ReadContext(spark(), Inputs.COUNTRIES, 2026, "CHN");
    Dataset<Row> rows = Readers.read(ctx, new InputSpec("x", List.of("file:" + f), Formats.EXPORT_MONTHLY, null))
        .cache();
    assertThat(rows.count()).isEqualTo(1);
    assertThat(ctx.records().rows()).isEqualTo(1);
    assertThat(rows.where("_status = 'used'").count()).isEqualTo(1);
  }

  /** Found by ReaderFuzzTest: a whole-file read split records at the first line end kind only. */
  @Test
  void mixedLineEndsAndALoneCarriageReturnEndRecordsAlike() throws Exception {
    Path f = file("fx.csv", "observation_date,DEXJPUS\r\n2024-03-01,100\r\n2024-03-04,200\n2024-03-05,300\r"
        + "2024-03-06,400\r\n");
    ReadContext ctx = new ReadContext(spark(), Inputs.COUNTRIES, 2026, "CHN");
    Dataset<Row> rows = Readers.read(ctx, new InputSpec("x", List.of("file:" + f), Formats.FRED, null)).cache();
    assertThat(rows.where("_status = 'used'").count()).isEqualTo(4);
    assertThat(ctx.records().rows()).isEqualTo(4);
  }

  /** Found by ReaderFuzzTest: counting the records of a file with nothing after its header threw (exit 1). */
  @Test
  void aFileWithOnlyItsHeaderHasNoRecords() throws Exception {
    for (String header : List.of("SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023\n",
        "SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023")) {
      Path f = file("mcs.csv", header);
      ReadContext ctx = new ReadContext(spark(), Inputs.COUNTRIES, 2026, "CHN");
      Dataset<Row> rows = Readers.read(ctx, new InputSpec("x", List.of("file:" + f), Formats.USGS_MCS_WORLD, null));
      assertThat(rows.count()).isZero();
      assertThat(ctx.records().rows()).isZero();
    }
  }

  @Test
  void aQuotedLineBreakStaysInsideItsRecord() throws Exception {
    Dataset<Row> sizes = read(file("ms.csv", "series_id,domain,region,metric,unit,base_year,base_value,target_year,"
        + "target_value,stated_cagr_pct,source,published\nx,d,r,m,u,2025,1,2030,2,,\"line one\nline two\",p\n"
        + "y,d,r,m,u,2025,1,2030,2,,s,p\n"), Formats.MARKET_SIZES);
    assertThat(sizes.count()).isEqualTo(2);
    assertThat(sizes.where("_status = 'used'").count()).isEqualTo(2);
    assertThat(sizes.where("series_id = 'x'").first().<String>getAs("source")).isEqualTo("line one\nline two");
  }

  @Test
  void aWorldTotalBelowTheSumOfItsCountriesIsFlaggedAndNotUsed() throws Exception {
    Dataset<Row> rows = read(file("mcs.csv", "SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,PROD_EST_ 2024\n"
        + "MCS2025,Kaolin,China,Mine production,metric tons,7000,7000\n"
        + "MCS2025,Kaolin,United States,Mine production,metric tons,4500,4500\n"
        + "MCS2025,Kaolin,Other countries,Mine production,metric tons,32900,32900\n"
        + "MCS2025,Kaolin,World total (rounded),Mine production,metric tons,44400,4400\n"), Formats.USGS_MCS_WORLD);
    Dataset<Row> c = Supply.productionConcentration(rows.where("_status = 'used'"), "CHN");
    Row y2024 = c.where("year = 2024 and country_iso3 = 'CHN'").first();
    assertThat(y2024.<String>getAs("status")).isEqualTo("world_total_below_sum");
    assertThat(y2024.<String>getAs("denominator_kind")).isEqualTo("sum_of_countries");
    assertThat(y2024.<Double>getAs("share")).isCloseTo(7000.0 / 44400, within(1e-12));
    Row y2023 = c.where("year = 2023 and country_iso3 = 'CHN'").first();
    assertThat(y2023.<String>getAs("status")).isEqualTo("ok");
    assertThat(y2023.<String>getAs("denominator_kind")).isEqualTo("world_total");
    assertThat(c.where("share > 1").count()).isZero();
  }

  @Test
  void oneInputMayNameAFormatPerFile() throws Exception {
    Path job = file("job.json", """
        {"name": "mixed", "output": {"path": "%s"},
         "inputs": {"production": {"path": [
           {"path": "%s", "format": "bgs-wms"},
           {"path": "%s", "format": "usgs-mcs-world"}]}}}""".formatted(tmp.resolve("out"),
        io.chokepoint.testing.Paths.project("sample-data/supply/bgs_production_sample.csv"),
        io.chokepoint.testing.Paths.project("sample-data/supply/mcs_world_sample.csv")));
    InputSpec in = io.chokepoint.spec.SpecLoader.load(job.toString(), List.of(), null,
        new org.apache.hadoop.conf.Configuration()).inputs().get("production");
    assertThat(in.formats()).containsExactly(Formats.BGS_WMS, Formats.USGS_MCS_WORLD);
    Dataset<Row> rows = Inputs.read(in);
    assertThat(rows.select("data_source").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder(Formats.BGS_WMS, Formats.USGS_MCS_WORLD);
  }
}
