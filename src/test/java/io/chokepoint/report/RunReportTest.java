package io.chokepoint.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chokepoint.testing.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The page's HTML: escaping, sections only for the tables a run has, one mark per value, size. */
class RunReportTest extends SparkTestBase {
  static final String HOSTILE = "<script>alert(\"x\")</script> Côte d'Ivoire & Ærø";

  static ObjectNode manifest() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode m = json.createObjectNode();
    m.put("run_id", "r1").put("job", HOSTILE).put("run_date", "2026-01-06").put("status", "succeeded");
    m.putObject("versions").put("app", "0.1.0");
    m.putObject("spec").putObject("params").put("hhi_moderate", 1000).put("hhi_high", 2000);
    ObjectNode in = m.putObject("inputs").putObject("trade_flows");
    in.put("format", "comtrade-plus").put("rows_read", 10).put("rows_used", 8).put("rows_rejected", 1)
        .put("rows_filtered", 1);
    in.putArray("files").addObject().put("path", "/data/" + HOSTILE + ".csv").put("format", "comtrade-plus")
        .put("encoding", "ISO-8859-1");
    in.putObject("rejected_by_reason").put("unknown partner '" + HOSTILE + "'", 1);
    in.putObject("filtered_by_reason").put("flow_not_in_scope", 1);
    m.putArray("checks").addObject().put("name", "trade_flows.reject_ratio").put("level", "error").put("passed", true)
        .put("observed", "0.1").put("detail", HOSTILE);
    m.putArray("stages").addObject().put("name", "ingest:trade_flows").put("seconds", 1.5).put("rows", 10);
    m.putObject("outputs");
    return m;
  }

  static final StructType CONCENTRATION = new StructType()
      .add("year", DataTypes.IntegerType).add("month", DataTypes.IntegerType)
      .add("reporter_iso3", DataTypes.StringType).add("flow", DataTypes.StringType)
      .add("commodity_group", DataTypes.StringType).add("total_value_usd", DataTypes.DoubleType)
      .add("focus_supplier", DataTypes.StringType).add("focus_share", DataTypes.DoubleType)
      .add("focus_share_weight", DataTypes.DoubleType).add("hhi_value", DataTypes.DoubleType)
      .add("hhi_weight", DataTypes.DoubleType).add("bilateral_to_world_ratio", DataTypes.DoubleType);

  static final StructType SHARES = new StructType()
      .add("year", DataTypes.IntegerType).add("month", DataTypes.IntegerType)
      .add("reporter_iso3", DataTypes.StringType).add("flow", DataTypes.StringType)
      .add("commodity_group", DataTypes.StringType).add("partner_iso3", DataTypes.StringType)
      .add("share_value", DataTypes.DoubleType).add("share_weight", DataTypes.DoubleType)
      .add("rank", DataTypes.IntegerType);

  static final StructType SUPPLY_RISK = new StructType()
      .add("material", DataTypes.StringType).add("stage", DataTypes.StringType).add("period", DataTypes.StringType)
      .add("sr", DataTypes.DoubleType).add("published_sr", DataTypes.DoubleType).add("critical", DataTypes.BooleanType)
      .add("status", DataTypes.StringType);

  static Map<String, Dataset<Row>> exposureTables() {
    Map<String, Dataset<Row>> t = new HashMap<>();
    t.put("concentration", df(CONCENTRATION,
        row(2021, null, HOSTILE, "import", "rare_earths", 100.0, "CHN", 0.9, 0.8, 8200.0, 7000.0, 0.99),
        row(2022, null, HOSTILE, "import", "rare_earths", 110.0, "CHN", 0.75, 0.7, 6000.0, 5000.0, null),
        row(2023, null, HOSTILE, "import", "rare_earths", 120.0, "CHN", 0.61234567, 0.6, 4000.0, null, 1.01)));
    t.put("supplier_shares", df(SHARES,
        row(2023, null, HOSTILE, "import", "rare_earths", "CHN", 0.61234567, 0.6, 1),
        row(2023, null, HOSTILE, "import", "rare_earths", HOSTILE, 0.38765433, 0.4, 2)));
    return t;
  }

  static String render(Map<String, Dataset<Row>> tables) {
    return RunReport.render(manifest(), tables::get);
  }

  @Test
  void namesWithMarkupQuotesAndNonAsciiShowAsText() {
    String html = render(exposureTables());
    assertThat(html).doesNotContainIgnoringCase("<script");
    assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Côte d&#39;Ivoire &amp; Ærø");
    // Inside the SVG (tick labels, legends, mark titles) the same escaping: still text, never an element.
    Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
    int svgs = 0;
    int naming = 0;
    while (svg.find()) {
      svgs++;
      assertThat(svg.group()).doesNotContain("<script").doesNotContain("alert(\"");
      if (svg.group().contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Côte d&#39;Ivoire &amp; Ærø")) {
        naming++;
      }
    }
    assertThat(svgs).isEqualTo(5);
    assertThat(naming).as("the top-suppliers chart names the hostile partner").isGreaterThanOrEqualTo(1);
  }

  @Test
  void sectionsAppearOnlyForTheTablesARunHas() {
    String runOnly = render(Map.of());
    assertThat(sections(runOnly)).containsExactly("run");

    String exposure = render(exposureTables());
    assertThat(sections(exposure)).containsExactly("run", "exposure");
    assertThat(exposure).contains("HHI (0–10,000)", "moderately concentrated ≥ 1000", "From table concentration");

    Map<String, Dataset<Row>> withRisk = new HashMap<>(exposureTables());
    withRisk.put("supply_risk", df(SUPPLY_RISK, row("gallium", "processing", "2016-2020", 4.2, 4.0, true, "ok"),
        row("nickel", "extraction", "2016-2020", 0.4, 0.5, false, "ok"),
        row("gallium", "processing", "2011-2015", 3.0, 3.1, true, "ok"),
        row("tungsten", "extraction", "2016-2020", null, 0.5, null, "no_bloc_sourcing")));
    String risk = render(withRisk);
    assertThat(sections(risk)).containsExactly("run", "exposure", "supply-risk");
    assertThat(risk).contains("Supply risk, 2016-2020", "critical threshold SR = 1");
    assertThat(marks(risk, figureSvg(risk, "fig-sr-"), 0)).as("latest period only; no bar without an SR").isEqualTo(2);
    assertThat(marks(risk, figureSvg(risk, "fig-sr-"), 1)).isEqualTo(3);
    assertThat(risk).contains("<td>no_bloc_sourcing</td>");

    Map<String, Dataset<Row>> partialRisk = new HashMap<>(exposureTables());
    partialRisk.put("supply_risk", df(SUPPLY_RISK, row("gallium", "processing", "2016-2020", 4.2, 4.0, true, "ok"))
        .drop("published_sr"));
    assertThat(sections(render(partialRisk))).containsExactly("run", "exposure");
  }

  @Test
  void chartsHaveAMarkPerValueAndTheirNumbersOneClickAway() {
    String html = render(exposureTables());
    String share = figureSvg(html, "fig-share-");
    assertThat(marks(html, share, 0)).isEqualTo(3);
    assertThat(marks(html, share, 1)).isEqualTo(3);
    String hhi = figureSvg(html, "fig-hhi-");
    assertThat(marks(html, hhi, 0)).isEqualTo(3);
    assertThat(marks(html, hhi, 1)).as("a null HHI by weight draws no point").isEqualTo(2);
    assertThat(marks(html, figureSvg(html, "fig-top-"), 0)).isEqualTo(2);
    assertThat(marks(html, figureSvg(html, "fig-world-"), 0)).isEqualTo(2);
    assertThat(html).contains("<td class=\"n\">0.6123</td>", "data:text/csv;charset=utf-8;base64,",
        "wall-clock time (s)", "share (fraction, 0–1)", "HHI (0–10,000)");
    String csv = csvOf(html, "fig-share-");
    assertThat(csv).startsWith("year,focus_share,focus_share_weight,hhi_value,hhi_weight\r\n")
        .contains("2023,0.61234567,0.6,4000.0,\r\n");
  }

  @Test
  void pageIsSmallAndSelfContained() {
    String html = render(exposureTables());
    assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(200_000);
    assertThat(html).doesNotContain("<link", "@import", "<img", "<iframe").doesNotContainPattern("url\\((?!#)")
        .doesNotContainPattern("(src|href)=[\"']?(https?:|//)");
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
  }

  private static java.util.List<String> sections(String html) {
    Matcher m = Pattern.compile("<section id=\"([^\"]+)\">").matcher(html);
    java.util.List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The svg id of the first figure whose id starts with {@code prefix}. */
  private static String figureSvg(String html, String prefix) {
    Matcher m = Pattern.compile("<figure id=\"" + Pattern.quote(prefix) + "\\d+\">.*?<svg id='([^']+)'",
        Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("figure " + prefix).isTrue();
    return m.group(1);
  }

  private static int marks(String html, String svgId, int series) {
    Matcher m = Pattern.compile("<g id='" + Pattern.quote(svgId + "-s" + series + "-i") + "\\d+'").matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String csvOf(String html, String prefix) {
    Matcher m = Pattern.compile("<figure id=\"" + Pattern.quote(prefix)
        + "\\d+\">.*?href=\"data:text/csv;charset=utf-8;base64,([^\"]+)\"", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).isTrue();
    return new String(java.util.Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
  }
}
