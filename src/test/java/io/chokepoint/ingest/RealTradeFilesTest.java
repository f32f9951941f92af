package io.chokepoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.spec.Formats;
import io.chokepoint.testing.Paths;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Every trade file in ../shared/realdata loads, quirks included, with every record accounted for. */
class RealTradeFilesTest extends TradeReaderTestSupport {
  static final Charset LATIN1 = StandardCharsets.ISO_8859_1;

  @Test
  void comtradePlusThailandLatin1QuotedWithTrailingComma() throws Exception {
    String f = Paths.realData("comtrade_api_tha_hs8542_methakanb/TradeData.csv");
    assertThat(CsvSniffer.sniff("file:" + f, null, new Configuration()).charset()).isEqualTo(LATIN1);
    Dataset<Row> d = read(f, Formats.COMTRADE_PLUS);
    assertThat(d.count()).isEqualTo(records(f, LATIN1, ',')).isEqualTo(1178);
    assertThat(rejected(d).count()).isZero();
    Row andorra = d.where("year = 2014 and partner_iso3 = 'AND'").first();
    assertThat(andorra.<String>getAs("reporter_iso3")).isEqualTo("THA");
    assertThat(andorra.<String>getAs("hs_code")).isEqualTo("8542");
    assertThat(andorra.<Double>getAs("value_usd")).isEqualTo(60938.0);
    assertThat(andorra.<Double>getAs("net_weight_kg")).isEqualTo(74.0);
    assertThat(andorra.<Integer>getAs("month")).isNull();
    assertThat(d.where("partner_iso3 = 'W00'").select("partner_kind").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("world");
    assertThat(d.where("net_weight_kg is null").count()).isPositive();
  }

  @Test
  void comtradePlusChinaTotalsCrlf() throws Exception {
    String f = Paths.realData("comtrade_api_chn_total_nikolovska/TradeData.csv");
    Dataset<Row> d = read(f, Formats.TRADE_AUTO);
    assertThat(d.count()).isEqualTo(records(f, LATIN1, ',')).isEqualTo(1352);
    assertThat(rejected(d).count()).isZero();
    assertThat(d.select("flow").distinct().collectAsList()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("import", "export");
    assertThat(d.where("partner_iso3 = 'A79'").count()).isPositive();
    assertThat(d.where("hs_code = 'TOTAL'").count()).isEqualTo(1352);
  }

  @Test
  void comtradePlusWithExtraLeadingColumnsNickel() throws Exception {
    String f = Paths.realData("criminGeo_manuali-luciana/UN_nickel_trade.csv");
    Dataset<Row> d = read(f, Formats.COMTRADE_PLUS);
    assertThat(d.count()).isEqualTo(records(f, StandardCharsets.UTF_8, ',')).isEqualTo(13739);
    assertThat(rejected(d).collectAsList()).isEmpty();
    assertThat(d.where("hs_code = '260400'").count()).isEqualTo(10071);
    assertThat(d.where("partner_kind = 'world'").count()).isEqualTo(3434);
  }

  @Test
  void comtradePlusShiftedPandasExportIsRelabelled() throws Exception {
    String f = Paths.realData("comtrade_plus_2023_world_hpham/trade_data.csv");
    Dataset<Row> d = read(f, Formats.COMTRADE_PLUS);
    assertThat(d.count()).isEqualTo(records(f, StandardCharsets.UTF_8, ',')).isEqualTo(8639);
    assertThat(rejected(d).count()).isZero();
    Row aus = d.where("reporter_iso3 = 'AUS' and hs_code = '260500' and flow = 'import'").first();
    assertThat(aus.<Integer>getAs("year")).isEqualTo(2023);
    assertThat(aus.<String>getAs("partner_iso3")).isEqualTo("W00");
    assertThat(aus.<Double>getAs("value_usd")).isEqualTo(1656.853);
    assertThat(aus.<Double>getAs("net_weight_kg")).isEqualTo(24.3);
  }

  @Test
  void comtradeLegacyBicyclesCrlfAllFlows() throws Exception {
    String f = Paths.realData("comtrade_legacy_bicycles_hkhsieh/comtrade.csv");
    Dataset<Row> d = read(f, Formats.COMTRADE_LEGACY);
    assertThat(d.count()).isEqualTo(records(f, StandardCharsets.UTF_8, ',')).isEqualTo(1302);
    assertThat(rejected(d).count()).isZero();
    assertThat(d.select("flow").distinct().collectAsList()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("import", "export", "re-import", "re-export");
    Row alb = d.where("reporter_iso3 = 'ALB' and year = 2017 and flow = 'import'").first();
    assertThat(alb.<String>getAs("partner_iso3")).isEqualTo("W00");
    assertThat(alb.<Double>getAs("value_usd")).isEqualTo(1028137.0);
    assertThat(alb.<Double>getAs("net_weight_kg")).isEqualTo(384854.0);
  }

  @Test
  void comtradeLegacyBlankPartnerIsoResolvesByCodeToTaiwan() throws Exception {
    String f = Paths.realData("comtrade_legacy_bicycles_hkhsieh/comtrade_im_from_tw.csv");
    Dataset<Row> d = read(f, Formats.TRADE_AUTO);
    assertThat(d.count()).isEqualTo(records(f, StandardCharsets.UTF_8, ',')).isEqualTo(606);
    assertThat(rejected(d).count()).isZero();
    assertThat(d.select("partner_iso3", "partner_kind").distinct().collectAsList())
        .extracting(Row::toString).containsExactly("[TWN,country]");
  }

  @Test
  void aHeaderOfNoTradeFormatIsAnInputErrorNamingTheFile() {
    String f = Paths.realData("fred_dexjpus_yutakondo/DEXJPUS.csv");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(f, Formats.TRADE_AUTO))
        .isInstanceOf(io.chokepoint.error.InputException.class)
        .hasMessageContaining(f).hasMessageContaining("header not recognised");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> read(Paths.realData("comtrade_legacy_bicycles_hkhsieh/comtrade.csv"), Formats.COMTRADE_PLUS))
        .hasMessageContaining("it looks like comtrade-legacy").hasMessageContaining("reporterCode");
  }

}
