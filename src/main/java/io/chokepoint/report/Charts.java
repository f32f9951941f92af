package io.chokepoint.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Chart builders: JFreeChart plots drawn onto JFreeSVG's {@link SVGGraphics2D}, returned as one
 * {@code <svg>} element. No browser and no display: AWT runs headless and only measures text.
 *
 * <p>Every data mark (a point, a bar, a heat-map cell) is wrapped in {@code <g id="ID-sS-iI">}
 * (chart id, series, item), so a test can count the marks a chart drew. Text goes through
 * JFreeSVG's XML escaping.
 */
final class Charts {
  static final int WIDTH = 660;
  static final int HEIGHT = 300;
  private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
  private static final Color[] PALETTE = {
      new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C), new Color(0xFF7F0E), new Color(0x9467BD),
      new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)};
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    // Rotated labels (the value axis title) as SVG <text>, not as glyph outlines: smaller, selectable.
    org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private Charts() {}

  /** One line of points (x, y); y may be NaN for a gap. */
  record Series(String name, double[] x, double[] y) {}

  /** A horizontal reference line on the value axis. */
  record Marker(double value, String label) {}

  /** Lines with a point per item; {@code yearAxis} shows whole-number ticks without grouping. */
  static String line(String id, String xLabel, String yLabel, List<Series> series, List<Marker> markers,
      boolean yearAxis) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Series s : series) {
      XYSeries xy = new XYSeries(uniqueKey(data, s.name()), false, true);
      for (int i = 0; i < s.x().length; i++) {
        xy.add(s.x()[i], Double.isNaN(s.y()[i]) ? null : s.y()[i]);
      }
      data.addSeries(xy);
    }
    NumberAxis x = axis(xLabel);
    x.setAutoRangeIncludesZero(false);
    if (yearAxis) {
      x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    NumberAxis y = axis(yLabel);
    y.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true) {
      @Override
      public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D area, PlotRenderingInfo info,
          XYPlot plot, ValueAxis domain, ValueAxis range, XYDataset ds, int s, int item, CrosshairState ch,
          int pass) {
        boolean mark = isItemPass(pass) && !Double.isNaN(ds.getYValue(s, item));
        begin(g2, mark, id, s, item);
        super.drawItem(g2, state, area, info, plot, domain, range, ds, s, item, ch, pass);
        end(g2, mark);
      }
    };
    for (int i = 0; i < series.size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
      r.setSeriesShape(i, new Rectangle2D.Double(-3, -3, 6, 6));
    }
    r.setDrawOutlines(false);
    XYPlot plot = new XYPlot(data, x, y, r);
    for (Marker m : markers) {
      y.setAutoRangeIncludesZero(true);
      plot.addRangeMarker(marker(m));
      double upper = Math.max(y.getUpperBound(), m.value() * 1.08);
      y.setUpperBound(upper);
    }
    return svg(id, style(plot), series.size() > 1 || !markers.isEmpty(), WIDTH, HEIGHT);
  }

  /** Grouped bars: {@code values[series][category]}; horizontal bars suit long category names. */
  static String bars(String id, String categoryLabel, String valueLabel, List<String> seriesNames,
      List<String> categories, double[][] values, boolean horizontal, List<Marker> markers) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> cats = uniqueKeys(categories);
    List<String> names = uniqueKeys(seriesNames);
    for (int s = 0; s < names.size(); s++) {
      for (int c = 0; c < cats.size(); c++) {
        double v = values[s][c];
        data.addValue(Double.isNaN(v) ? null : v, names.get(s), cats.get(c));
      }
    }
    BarRenderer r = new BarRenderer() {
      @Override
      public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D area, CategoryPlot plot,
          CategoryAxis domain, ValueAxis range, CategoryDataset ds, int row, int column, int pass) {
        boolean mark = pass == getPassCount() - 1 && ds.getValue(row, column) != null;
        begin(g2, mark, id, row, column);
        super.drawItem(g2, state, area, plot, domain, range, ds, row, column, pass);
        end(g2, mark);
      }
    };
    return category(id, categoryLabel, valueLabel, data, r, names.size() > 1, horizontal, markers, cats.size());
  }

  /** Tornado: one bar per category from {@code lo[i]} to {@code hi[i]}, in the order given. */
  static String intervals(String id, String categoryLabel, String valueLabel, String seriesName,
      List<String> categories, double[] lo, double[] hi) {
    List<String> cats = uniqueKeys(categories);
    Number[][] starts = new Number[1][cats.size()];
    Number[][] ends = new Number[1][cats.size()];
    for (int i = 0; i < cats.size(); i++) {
      starts[0][i] = Math.min(lo[i], hi[i]);
      ends[0][i] = Math.max(lo[i], hi[i]);
    }
    DefaultIntervalCategoryDataset data = new DefaultIntervalCategoryDataset(
        new Comparable[] {seriesName}, cats.toArray(new Comparable[0]), starts, ends);
    IntervalBarRenderer r = new IntervalBarRenderer() {
      @Override
      public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D area, CategoryPlot plot,
          CategoryAxis domain, ValueAxis range, CategoryDataset ds, int row, int column, int pass) {
        boolean mark = pass == getPassCount() - 1;
        begin(g2, mark, id, row, column);
        super.drawItem(g2, state, area, plot, domain, range, ds, row, column, pass);
        end(g2, mark);
      }
    };
    return category(id, categoryLabel, valueLabel, data, r, false, true, List.of(), cats.size());
  }

  /** Heat map of {@code z[iy][ix]} over the grid {@code xs} × {@code ys}, with a colour legend. */
  static String heat(String id, String xLabel, String yLabel, String zLabel, double[] xs, double[] ys, double[][] z) {
    int n = xs.length * ys.length;
    double[][] xyz = new double[3][n];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int k = 0;
    for (int iy = 0; iy < ys.length; iy++) {
      for (int ix = 0; ix < xs.length; ix++) {
        xyz[0][k] = xs[ix];
        xyz[1][k] = ys[iy];
        xyz[2][k] = z[iy][ix];
        if (!Double.isNaN(z[iy][ix])) {
          min = Math.min(min, z[iy][ix]);
          max = Math.max(max, z[iy][ix]);
        }
        k++;
      }
    }
    if (!(max > min)) {
      max = min + 1;
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(zLabel, xyz);
    LookupPaintScale scale = new LookupPaintScale(min, max, Color.LIGHT_GRAY);
    int steps = 9;
    for (int i = 0; i < steps; i++) {
      float t = i / (float) (steps - 1);
      scale.add(min + (max - min) * i / steps, new Color(1f - 0.8f * t, 1f - 0.55f * t, 1f - 0.25f * t));
    }
    XYBlockRenderer r = new XYBlockRenderer() {
      @Override
      public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D area, PlotRenderingInfo info,
          XYPlot plot, ValueAxis domain, ValueAxis range, XYDataset ds, int s, int item, CrosshairState ch,
          int pass) {
        begin(g2, true, id, s, item);
        super.drawItem(g2, state, area, info, plot, domain, range, ds, s, item, ch, pass);
        end(g2, true);
      }
    };
    r.setPaintScale(scale);
    r.setBlockWidth(step(xs));
    r.setBlockHeight(step(ys));
    NumberAxis x = axis(xLabel);
    x.setAutoRangeIncludesZero(false);
    x.setLowerMargin(0);
    x.setUpperMargin(0);
    x.setRange(xs[0] - step(xs) / 2, xs[xs.length - 1] + step(xs) / 2);
    NumberAxis y = axis(yLabel);
    y.setRange(ys[0] - step(ys) / 2, ys[ys.length - 1] + step(ys) / 2);
    XYPlot plot = new XYPlot(data, x, y, r);
    style(plot);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart = new JFreeChart(null, LABEL, plot, false);
    NumberAxis legendAxis = axis(zLabel);
    legendAxis.setRange(min, max);
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setMargin(6, 60, 2, 20);
    legend.setStripWidth(10);
    legend.setSubdivisionCount(64);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return draw(id, chart, WIDTH, HEIGHT + 40);
  }

  private static double step(double[] v) {
    return v.length > 1 ? (v[v.length - 1] - v[0]) / (v.length - 1) : 1;
  }

  private static String category(String id, String categoryLabel, String valueLabel, CategoryDataset data,
      BarRenderer r, boolean legend, boolean horizontal, List<Marker> markers, int categories) {
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.05);
    r.setMaximumBarWidth(0.12);
    for (int i = 0; i < data.getRowCount(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    CategoryAxis c = new CategoryAxis(categoryLabel);
    c.setLabelFont(LABEL);
    c.setTickLabelFont(TICK);
    c.setMaximumCategoryLabelLines(2);
    if (!horizontal && categories > 6) {
      c.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    NumberAxis v = axis(valueLabel);
    CategoryPlot plot = new CategoryPlot(data, c, v, r);
    plot.setOrientation(horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
    style(plot);
    for (Marker m : markers) {
      plot.addRangeMarker(marker(m));
      v.setUpperBound(Math.max(v.getUpperBound(), m.value() * 1.08));
    }
    int height = horizontal ? Math.max(HEIGHT, 70 + categories * data.getRowCount() * 16 + categories * 8) : HEIGHT;
    return draw(id, new JFreeChart(null, LABEL, plot, legend || !markers.isEmpty()), WIDTH, height);
  }

  private static ValueMarker marker(Marker m) {
    ValueMarker vm = new ValueMarker(m.value(), new Color(0x555555), new BasicStroke(1.2f,
        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
    vm.setLabel(m.label());
    vm.setLabelFont(TICK);
    vm.setLabelPaint(new Color(0x333333));
    vm.setLabelBackgroundColor(new Color(255, 255, 255, 210));
    vm.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    vm.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    return vm;
  }

  private static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setLabelFont(LABEL);
    a.setTickLabelFont(TICK);
    a.setNumberFormatOverride(new TickFormat());
    return a;
  }

  /** Tick labels: "1,500", "0.25", and "3.5B" rather than "3.5E9" for large values. */
  static final class TickFormat extends java.text.NumberFormat {
    private static final java.text.DecimalFormat PLAIN = new java.text.DecimalFormat("#,##0.####",
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
    private final java.text.NumberFormat compact = java.text.NumberFormat.getCompactNumberInstance(
        java.util.Locale.US, java.text.NumberFormat.Style.SHORT);

    TickFormat() {
      compact.setMaximumFractionDigits(1);
    }

    @Override
    public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
      return Math.abs(v) >= 1e6 ? compact.format(v, to, pos) : PLAIN.format(v, to, pos);
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
      return format((double) v, to, pos);
    }

    @Override
    public Number parse(String source, java.text.ParsePosition pos) {
      return PLAIN.parse(source, pos);
    }
  }

  private static XYPlot style(XYPlot p) {
    p.setBackgroundPaint(Color.WHITE);
    p.setDomainGridlinePaint(GRID);
    p.setRangeGridlinePaint(GRID);
    p.setOutlineVisible(false);
    return p;
  }

  private static void style(CategoryPlot p) {
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(GRID);
    p.setOutlineVisible(false);
  }

  private static String svg(String id, XYPlot plot, boolean legend, int w, int h) {
    return draw(id, new JFreeChart(null, LABEL, plot, legend), w, h);
  }

  private static String draw(String id, JFreeChart chart, int w, int h) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    if (chart.getLegend() != null) {
      chart.getLegend().setFrame(BlockBorder.NONE);
      chart.getLegend().setItemFont(TICK);
    }
    SVGGraphics2D g = new SVGGraphics2D(w, h);
    g.setDefsKeyPrefix(id + "-");
    g.setGeomDoubleConverter(d -> decimals(d, 1));
    g.setTransformDoubleConverter(d -> decimals(d, 3));
    chart.draw(g, new Rectangle(0, 0, w, h));
    return g.getSVGElement(id, true, null, null, null);
  }

  /** Coordinates with {@code places} decimals and no trailing zeros: a third of JFreeSVG's default size. */
  static String decimals(double d, int places) {
    String s = String.format(java.util.Locale.ROOT, "%." + places + "f", d);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "");
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    return s.equals("-0") ? "0" : s;
  }

  private static void begin(Graphics2D g2, boolean mark, String id, int series, int item) {
    if (mark) {
      g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, Map.of("id", id + "-s" + series + "-i" + item));
    }
  }

  private static void end(Graphics2D g2, boolean mark) {
    if (mark) {
      g2.setRenderingHint(SVGHints.KEY_END_GROUP, "");
    }
  }

  /** JFreeChart keys must be distinct; a repeated name gets " (2)", " (3)"… */
  private static String uniqueKey(XYSeriesCollection data, String name) {
    String key = name == null ? "(none)" : name;
    int n = 2;
    while (data.getSeriesIndex(key) >= 0) {
      key = name + " (" + n++ + ")";
    }
    return key;
  }

  private static List<String> uniqueKeys(List<String> names) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<String> out = new java.util.ArrayList<>();
    for (String s : names) {
      String key = s == null ? "(none)" : s;
      String base = key;
      int n = 2;
      while (!seen.add(key)) {
        key = base + " (" + n++ + ")";
      }
      out.add(key);
    }
    return out;
  }
}
