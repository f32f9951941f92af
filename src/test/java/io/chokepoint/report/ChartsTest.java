package io.chokepoint.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.report.Charts.Marker;
import io.chokepoint.report.Charts.Series;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG writer alone (no Spark): well-formed XML, one group per mark, text escaped, marks inside the plot. */
class ChartsTest {
  static final String HOSTILE = "<script>alert(\"x\")</script> Côte d'Ivoire & Ærø";

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> marks(Document d, String id, int series) {
    List<Element> out = new ArrayList<>();
    NodeList gs = d.getElementsByTagName("g");
    for (int i = 0; i < gs.getLength(); i++) {
      Element g = (Element) gs.item(i);
      if (g.getAttribute("id").startsWith(id + "-s" + series + "-i")) {
        out.add(g);
      }
    }
    return out;
  }

  static List<String> texts(Document d) {
    List<String> out = new ArrayList<>();
    NodeList t = d.getElementsByTagName("text");
    for (int i = 0; i < t.getLength(); i++) {
      out.add(t.item(i).getTextContent());
    }
    return out;
  }

  @Test
  void lineChartHasAPointPerValueGapsForNaNAndThresholdLines() throws Exception {
    double[] years = {2021, 2022, 2023, 2024};
    String svg = Charts.line("c1", "year", "HHI (0–10,000)",
        List.of(new Series(HOSTILE, years, new double[] {8200, 6000, Double.NaN, 4000}),
            new Series("HHI by weight", years, new double[] {7000, 5000, 4500, 3900})),
        List.of(new Marker(1500, "moderately concentrated ≥ 1500"), new Marker(2500, "highly ≥ 2500")), true);
    Document d = parse(svg);
    assertThat(d.getDocumentElement().getAttribute("id")).isEqualTo("c1");
    assertThat(marks(d, "c1", 0)).hasSize(3);
    assertThat(marks(d, "c1", 1)).hasSize(4);
    assertThat(marks(d, "c1", 0).get(2).getAttribute("id")).as("item index kept across the gap").isEqualTo("c1-s0-i3");
    assertThat(texts(d)).contains("year", "HHI (0–10,000)", "moderately concentrated ≥ 1500", "2021", "2024",
        HOSTILE.substring(0, 28 - 1) + "…");
    assertThat(texts(d)).doesNotContain("2021.5");
    assertThat(marks(d, "c1", 0).get(0).getTextContent()).isEqualTo(HOSTILE + ", 2021: 8,200");
    assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;");
    // The NaN splits the line in two sub-paths.
    String path = ((Element) d.getElementsByTagName("path").item(0)).getAttribute("d");
    assertThat(path.chars().filter(c -> c == 'M')).hasSize(2);
  }

  @Test
  void barsAreInsideThePlotAndScaleWithTheirValues() throws Exception {
    String svg = Charts.bars("c2", "supplier", "share (fraction, 0–1)", List.of("value", "weight"),
        List.of("CHN", HOSTILE), new double[][] {{0.6, 0.4}, {0.8, Double.NaN}}, true, List.of());
    Document d = parse(svg);
    assertThat(marks(d, "c2", 0)).hasSize(2);
    assertThat(marks(d, "c2", 1)).as("a NaN draws no bar").hasSize(1);
    double w0 = width(marks(d, "c2", 0).get(0));
    double w1 = width(marks(d, "c2", 0).get(1));
    assertThat(w0 / w1).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.02));
    double svgWidth = Double.parseDouble(d.getDocumentElement().getAttribute("width"));
    for (Element g : marks(d, "c2", 0)) {
      Element r = (Element) g.getElementsByTagName("rect").item(0);
      assertThat(Double.parseDouble(r.getAttribute("x")) + width(g)).isLessThanOrEqualTo(svgWidth);
    }
    assertThat(texts(d)).contains("supplier", "share (fraction, 0–1)", "CHN", "value", "weight");
  }

  @Test
  void tornadoBarsSpanLowToHighAndHeatMapHasACellPerPair() throws Exception {
    Document t = parse(Charts.intervals("c3", "factor", "extra_cost_jpy (JPY)", "extra_cost_jpy",
        List.of("price", "fx"), new double[] {5e9, 12e9}, new double[] {30e9, 2e9}));
    assertThat(marks(t, "c3", 0)).hasSize(2);
    assertThat(width(marks(t, "c3", 0).get(0)) / width(marks(t, "c3", 0).get(1)))
        .isCloseTo(25.0 / 10, org.assertj.core.data.Offset.offset(0.02));
    assertThat(texts(t)).contains("10B", "factor", "extra_cost_jpy (JPY)");

    double[][] z = {{0, 1, 2}, {3, Double.NaN, 5}};
    Document h = parse(Charts.heat("c4", "disruption_share", "substitution_share", "shortfall_usd (USD)",
        new double[] {0.1, 0.2, 0.3}, new double[] {0, 0.5}, z));
    assertThat(marks(h, "c4", 0)).hasSize(6);
    Element nan = marks(h, "c4", 0).get(4);
    assertThat(nan.getTextContent()).isEqualTo("0.2 × 0.5: no value");
    assertThat(((Element) nan.getElementsByTagName("rect").item(0)).getAttribute("fill")).isEqualTo("#c0c0c0");
    assertThat(((Element) marks(h, "c4", 0).get(5).getElementsByTagName("rect").item(0)).getAttribute("fill"))
        .as("the largest value is the darkest").isEqualTo("#3373bf");
    assertThat(texts(h)).contains("disruption_share", "substitution_share", "shortfall_usd (USD)", "0", "5");
  }

  @Test
  void niceTicksCoverTheRange() {
    Charts.Axis a = Charts.Axis.of(0, 8200, 6, false);
    assertThat(a.labels()).containsExactly("0", "2,000", "4,000", "6,000", "8,000", "10,000");
    assertThat(Charts.Axis.of(2010, 2025, 8, true).labels()).containsExactly("2010", "2015", "2020", "2025");
    assertThat(Charts.Axis.of(0, 3.2e9, 6, false).labels()).contains("1B", "3B");
  }

  private static double width(Element g) {
    return Double.parseDouble(((Element) g.getElementsByTagName("rect").item(0)).getAttribute("width"));
  }
}
