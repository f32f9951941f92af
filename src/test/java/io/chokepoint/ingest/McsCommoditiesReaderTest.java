package io.chokepoint.ingest;

import static io.chokepoint.testing.DatasetAssert.assertRowsEqual;
import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputNames;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.testing.Inputs;
import io.chokepoint.testing.Paths;
import io.chokepoint.testing.SparkTestBase;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The USGS MCS long layout: every cell a number, a flag with its reason, a filtered year span or a reject. */
class McsCommoditiesReaderTest extends SparkTestBase {
  static final String HEADER = "MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,"
      + "Is critical mineral 2025,Other notes\n";

  @TempDir Path tmp;

  static Dataset<Row> read(String file) {
    return Inputs.read(new InputSpec(InputNames.COMMODITY_STATISTICS, List.of("file:" + file),
        Formats.USGS_MCS_COMMODITIES, null));
  }

  @Test
  void theHandMadeSampleGivesEachKindOfCellItsFlagAndNeverANumberForASymbol() {
    Dataset<Row> rows = read(Paths.project("sample-data/supply/mcs_commodities_sample.csv")).cache();
    assertThat(rows.count()).isEqualTo(61);
    assertThat(rows.where("_status = 'rejected'").count()).isZero();
    assertThat(rows.where("_status = 'filtered'").select("_filter_reason", "value_text").collectAsList())
        .extracting(Row::toString).containsExactlyInAnyOrder("[year_range,21]", "[year_range,13]");
    assertRowsEqual(rows.where("commodity = 'Cobalt' and year = 2024 and section like 'Salient%'")
        .select(cols("detail", "value", "value_text", "value_flag")), List.of(
        row("Production: Mine", 300.0, "300", "number"),
        row("Production: Secondary", 2100.0, "2,100", "number"),
        row("Imports for consumption", 11000.0, "11,000", "number"),
        row("Exports", 4200.0, "4,200", "number"),
        row("Consumption: Apparent", 8950.0, "8,950", "number"),
        row("Price, average, dollars per pound: U.S. spot, cathode", 15.5, "15.50", "number"),
        row("Stocks, yearend: Industry", 900.0, "900", "number"),
        row("Net import reliance as a percentage of apparent consumption", 70.0, "70", "number")), 0);
    assertRowsEqual(rows.where("value_flag <> 'number'")
        .select(cols("commodity", "year", "value", "value_text", "value_flag", "censored", "bound")).distinct(), List.of(
        row("Rare Earths", 2023, null, "W", "withheld", null, null),
        row("Rare Earths", 2024, null, "W", "withheld", null, null),
        row("Rare Earths", 2023, null, ">90", "bound", ">", 90.0),
        row("Rare Earths", 2023, null, "E", "net_exporter", null, null),
        row("Rare Earths", 2024, null, "E", "net_exporter", null, null),
        row("Rare Earths", 2023, null, "50–300", "range", null, null),
        row("Rare Earths", 2024, null, "50–300", "range", null, null),
        row("Gallium", 2023, null, "—", "dash", null, null),
        row("Gallium", 2024, null, "—", "dash", null, null),
        row("Gallium", 2024, null, "NA", "not_available", null, null),
        row("Cobalt", 2024, null, ">6,300,000", "bound", ">", 6.3e6),
        row("Cobalt", 2024, null, "Large", "text", null, null)), 0);
    assertRowsEqual(rows.where("section like 'World%'").select(cols("country", "country_iso3", "country_kind")), List.of(
        row("Congo (Kinshasa)", "COD", "country"), row("Indonesia", "IDN", "country"),
        row("Côte d’Ivoire", "CIV", "country"), row("Other countries", null, "residual"),
        row("World total (rounded)", "W00", "world_total"), row("Australia", "AUS", "country"),
        row("The Bahamas", "BHS", "country")), 0);
  }

  @Test
  void cellsThatLookLikeNumbersAndAreNotAreRejectsNamingThem() throws Exception {
    Path f = tmp.resolve("bad.csv");
    Files.write(f, (HEADER
        + "X,Salient,Cobalt,United States,Import,Imports,metric tons,2024,\"12,34\",,Yes,\n"
        + "X,Salient,Cobalt,United States,Import,Imports,metric tons,2024,1e400,,Yes,\n"
        + "X,Salient,Cobalt,United States,Import,Imports,metric tons,2024,0x1p4,,Yes,\n"
        + "X,Salient,Cobalt,United States,Import,Imports,metric tons,20x4,5,,Yes,\n"
        + "X,World,Cobalt,Atlantis,Production,Mine production,metric tons,2024,5,,Yes,\n"
        + "X,World,Cobalt,\"China, Germany, and Russia\",Production,Mine production,metric tons,2024,5,,Yes,\n"
        + "X,Salient,Cobalt,United States,Stock,Stocks,metric tons,2024,-40,,Yes,\n"
        + "X,Salient,Cobalt,United States,Price,Price,dollars,2024,NaN,,Yes,\n")
        .getBytes(Charset.forName("windows-1252")));
    assertRowsEqual(read(f.toString()).select(cols("value", "value_flag", "_reject_reason")), List.of(
        row(null, "number", "unparsable value '12,34'"),
        row(null, "number", "unparsable value '1e400'"),
        row(null, "number", "unparsable value '0x1p4'"),
        row(5.0, "number", "unparsable year '20x4'"),
        row(5.0, "number", "unknown country 'Atlantis'"),
        row(5.0, "number", null), // several countries together: the residual
        row(-40.0, "number", null), // stock changes may be negative
        row(null, "text", null)), 0); // a word, never NaN
  }

  /** The real data release: every record read once; each cell's flag counted without the product. */
  @Test
  void theRealMcs2026ReleaseReadsWithoutARejectAndEverySymbolFlagged() throws Exception {
    String file = Paths.realData("criminGeo_manuali-luciana/MCS2026_Commodities_Data.csv");
    Map<String, Long> expected = new TreeMap<>();
    long records = 0;
    long spans = 0;
    Pattern number = Pattern.compile(McsCommoditiesReader.NUMBER);
    try (Reader r = new InputStreamReader(new FileInputStream(file), Charset.forName("windows-1252"));
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      for (CSVRecord rec : p) {
        records++;
        if (rec.get("Year").contains("–")) {
          spans++;
          continue;
        }
        String v = rec.get("Value").replace('\u00A0', ' ').strip();
        String flag = switch (v) {
          case "W" -> "withheld";
          case "NA" -> "not_available";
          case "—" -> "dash";
          case "E" -> "net_exporter";
          case "XX" -> "not_applicable";
          default -> number.matcher(v).matches() ? "number"
              : v.matches("^[<>].*") && v.substring(1).strip().replace(",", "").matches("[0-9.]+") ? "bound"
              : v.matches("^[0-9][0-9,.]*\\s*[–-]\\s*[0-9][0-9,.]*$") ? "range" : "text";
        };
        expected.merge(flag, 1L, Long::sum);
      }
    }
    Dataset<Row> rows = read(file).cache();
    assertThat(rows.count()).isEqualTo(records);
    assertThat(rows.where("_status = 'rejected'").select("_reject_reason").distinct().collectAsList()).isEmpty();
    assertThat(rows.where("_filter_reason = 'year_range'").count()).isEqualTo(spans).isEqualTo(720);
    Map<String, Long> got = new TreeMap<>();
    rows.where("_status = 'used'").groupBy("value_flag").count().collectAsList()
        .forEach(r -> got.put(r.getString(0), r.getLong(1)));
    assertThat(got).isEqualTo(expected);
    assertThat(rows.where("value_flag <> 'number' and value is not null").count()).isZero();
    System.out.println("MCS 2026 cells by flag: " + got);
  }
}
