package io.chokepoint.testing;

import io.chokepoint.ingest.Readers;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputNames;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files of every input format the reader registry knows: the sample files of {@code sample-data/}
 * (in any clone) and real files of {@code ../shared/realdata/} (when present). The fuzz tests take
 * their formats from here, and {@link #missingFormats} tells a registered format without a sample.
 */
public final class FormatSamples {
  /** A file of one format, and the job input a run reads it as. */
  public record Sample(String name, String format, String input, String path) {}

  /** Sample files per format, relative to {@code sample-data/}. */
  static final Map<String, List<String>> SAMPLE_DATA = Map.ofEntries(
      Map.entry(Formats.COMTRADE_PLUS, List.of("trade/comtrade_plus_rare_earths.csv")),
      Map.entry(Formats.COMTRADE_LEGACY, List.of("trade/comtrade_legacy_rare_earths.csv")),
      Map.entry(Formats.BACI, List.of("trade/baci_rare_earths.csv")),
      Map.entry(Formats.TRADE_CANONICAL, List.of("trade/canonical_rare_earths.csv")),
      Map.entry(Formats.TRADE_AUTO, List.of("trade/canonical_bloc_tungsten_ores.csv")),
      Map.entry(Formats.EXPORT_MONTHLY, List.of("supply/china_exports_monthly.csv")),
      Map.entry(Formats.EXPORT_CONTROLS, List.of("reference/export-controls.csv")),
      Map.entry(Formats.USGS_MCS_WORLD, List.of("supply/mcs_world_sample.csv")),
      Map.entry(Formats.BGS_WMS, List.of("supply/bgs_production_sample.csv")),
      Map.entry(Formats.USGS_MCS_COMMODITIES, List.of("supply/mcs_commodities_sample.csv")),
      Map.entry(Formats.MARKET_SIZES, List.of("market/market_sizes.csv")),
      Map.entry(Formats.FRED, List.of("market/EXJPUS_monthly.csv")),
      Map.entry(Formats.WGI, List.of("governance/wgi_long_sample.csv", "governance/wgi_databank_sample.csv")),
      Map.entry(Formats.EU_CRM, List.of("reference/eu-crm2023-results-seed.csv",
          "reference/eu-crm2023-tradeparameters-seed.csv")));

  /** Real files per format, relative to {@code ../shared/realdata/} (see its SOURCES.md). */
  static final Map<String, List<String>> REAL_DATA = Map.ofEntries(
      Map.entry(Formats.COMTRADE_PLUS, List.of("comtrade_api_tha_hs8542_methakanb/TradeData.csv",
          "criminGeo_manuali-luciana/UN_nickel_trade.csv", "comtrade_plus_2023_world_hpham/trade_data.csv")),
      Map.entry(Formats.COMTRADE_LEGACY, List.of("comtrade_legacy_bicycles_hkhsieh/comtrade.csv")),
      Map.entry(Formats.EXPORT_MONTHLY, List.of("qennis_ChinaCriticalMineralComtrade/country_monthly_stats.csv")),
      Map.entry(Formats.USGS_MCS_WORLD, List.of("criminGeo_manuali-luciana/MCS2025_World_Data.csv")),
      Map.entry(Formats.BGS_WMS, List.of("criminGeo_manuali-luciana/BGS_cobalt_production.csv")),
      Map.entry(Formats.USGS_MCS_COMMODITIES, List.of("criminGeo_manuali-luciana/MCS2026_Commodities_Data.csv")),
      Map.entry(Formats.FRED, List.of("fred_dexjpus_yutakondo/DEXJPUS.csv", "fred_dexjpus_dgs10_sjoseph/DGS10.csv")),
      Map.entry(Formats.WGI, List.of("wgi_worldbank_2024_victor/wgi.csv", "wgi_databank_export_brandito/wgi.csv")),
      Map.entry(Formats.EU_CRM, List.of("eu_crm2023_critmat/eureport_results.csv",
          "eu_crm2023_critmat/eureport_tradeparameters.csv")));

  private FormatSamples() {}

  /** The sample-data files of every registered format, in format order. */
  public static List<Sample> sampleData() {
    List<Sample> out = new ArrayList<>();
    new TreeMap<>(SAMPLE_DATA).forEach((format, files) -> files.forEach(f -> out.add(
        new Sample(format + ":" + new File(f).getName(), format, input(format), Paths.project("sample-data/" + f)))));
    return out;
  }

  /** The real files present under {@code ../shared/realdata/} (none in a user's clone). */
  public static List<Sample> realData() {
    File shared = new File(System.getProperty("chokepoint.shared.dir", Paths.project() + "/../shared"), "realdata");
    List<Sample> out = new ArrayList<>();
    new TreeMap<>(REAL_DATA).forEach((format, files) -> files.stream().map(f -> new File(shared, f))
        .filter(File::exists).forEach(f -> out.add(new Sample(format + ":real:" + f.getParentFile().getName() + "/"
            + f.getName(), format, input(format), f.getAbsolutePath()))));
    return out;
  }

  /** Registered formats without a sample file here. */
  public static List<String> missingFormats() {
    return Readers.formats().stream().filter(f -> !SAMPLE_DATA.containsKey(f)).sorted().toList();
  }

  /** The first job input that takes {@code format}. */
  static String input(String format) {
    return new TreeMap<>(InputNames.formats()).entrySet().stream().filter(e -> e.getValue().contains(format))
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new IllegalStateException("no job input takes format " + format));
  }
}
