package io.chokepoint.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's four chart types written directly as SVG text: lines over years (with threshold
 * lines), grouped bars, a tornado and a heat map. No charting library, no AWT, no font metrics: text
 * widths are estimated from the character count (generously, so labels do not collide), which is
 * all a fixed layout of this kind needs, and it runs on any headless driver.
 *
 * <p>Every data mark (a point, a bar, a heat-map cell) is wrapped in {@code <g id='ID-sS-iI'>}
 * (chart id, series, item), so a test can count the marks a chart drew; it carries a
 * {@code <title>} with its numbers (the browser's tooltip). Axis titles, tick labels, legends and
 * threshold labels are {@code <text>}. Every string written goes through {@link Html#esc}, which
 * is valid XML escaping as well as HTML.
 */
public final class Charts {
  static final int WIDTH = 660;
  static final int HEIGHT = 300;
  private static final String GRID = "#ddd";
  private static final String AXIS = "#888";
  private static final String INK = "#333";
  private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  private static final int TICK = 11;
  private static final int LABEL = 12;
  /** Longest category label drawn in full; longer ones end in "…" (the full text is in the mark's title). */
  private static final int MAX_LABEL_CHARS = 28;

  private Charts() {}

  /** One line of points (x, y); y may be NaN for a gap. */
  public record Series(String name, double[] x, double[] y) {}

  /** A horizontal reference line on the value axis. */
  public record Marker(double value, String label) {}

  /** Lines with a point per item; {@code yearAxis} shows whole-number ticks without grouping. */
  public static String line(String id, String xLabel, String yLabel, List<Series> series, List<Marker> markers,
      boolean yearAxis) {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = 0;
    double yMax = 0;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        xMin = Math.min(xMin, s.x()[i]);
        xMax = Math.max(xMax, s.x()[i]);
        if (!Double.isNaN(s.y()[i])) {
          yMin = Math.min(yMin, s.y()[i]);
          yMax = Math.max(yMax, s.y()[i]);
        }
      }
    }
    for (Marker m : markers) {
      yMax = Math.max(yMax, m.value() * 1.08);
    }
    if (!(xMax >= xMin)) {
      xMin = 0;
      xMax = 1;
    }
    if (xMax == xMin) {
      xMin -= 1;
      xMax += 1;
    }
    Axis y = Axis.of(yMin, yMax == yMin ? yMin + 1 : yMax * 1.04, 6, false);
    Axis x = Axis.of(xMin, xMax, 8, yearAxis);
    x = new Axis(xMin - (xMax - xMin) * 0.03, xMax + (xMax - xMin) * 0.03, x.ticksRaw(), x.labels());
    List<String> legend = new ArrayList<>();
    series.forEach(s -> legend.add(s.name()));
    boolean showLegend = series.size() > 1 || !markers.isEmpty();
    Frame f = new Frame(WIDTH, HEIGHT, y.maxLabel(), showLegend ? legendRows(legend) : 0, 0);
    StringBuilder b = f.open(id);
    f.valueGridY(b, y);
    f.ticksX(b, x);
    f.axisTitles(b, xLabel, yLabel);
    for (Marker m : markers) {
      f.markerY(b, y, m);
    }
    for (int s = 0; s < series.size(); s++) {
      Series se = series.get(s);
      String colour = PALETTE[s % PALETTE.length];
      StringBuilder d = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < se.x().length; i++) {
        if (Double.isNaN(se.y()[i])) {
          pen = false;
          continue;
        }
        d.append(pen ? 'L' : 'M').append(n(f.px(x, se.x()[i]))).append(',').append(n(f.py(y, se.y()[i])));
        pen = true;
      }
      if (d.length() > 0) {
        b.append("<path d='").append(d).append("' fill='none' stroke='").append(colour)
            .append("' stroke-width='2'/>");
      }
      for (int i = 0; i < se.x().length; i++) {
        if (Double.isNaN(se.y()[i])) {
          continue;
        }
        double px = f.px(x, se.x()[i]);
        double py = f.py(y, se.y()[i]);
        mark(b, id, s, i, se.name() + ", " + label(se.x()[i], yearAxis) + ": " + value(se.y()[i]));
        b.append("<rect x='").append(n(px - 3)).append("' y='").append(n(py - 3))
            .append("' width='6' height='6' fill='").append(colour).append("'/></g>");
      }
    }
    if (showLegend) {
      f.legend(b, legend, markers.isEmpty() ? null : "threshold");
    }
    return b.append("</svg>").toString();
  }

  /** Grouped bars: {@code values[series][category]}; horizontal bars suit long category names. */
  public static String bars(String id, String categoryLabel, String valueLabel, List<String> seriesNames,
      List<String> categories, double[][] values, boolean horizontal, List<Marker> markers) {
    double lo = 0;
    double hi = 0;
    for (double[] row : values) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    for (Marker m : markers) {
      hi = Math.max(hi, m.value() * 1.08);
    }
    double[][] from = new double[values.length][];
    for (int s = 0; s < values.length; s++) {
      from[s] = new double[values[s].length];
    }
    boolean legend = seriesNames.size() > 1 || !markers.isEmpty();
    return category(id, categoryLabel, valueLabel, seriesNames, categories, from, values, lo, hi, horizontal,
        markers, legend, false);
  }

  /** Tornado: one bar per category from {@code lo[i]} to {@code hi[i]}, in the order given. */
  public static String intervals(String id, String categoryLabel, String valueLabel, String seriesName,
      List<String> categories, double[] lo, double[] hi) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double[][] from = new double[1][lo.length];
    double[][] to = new double[1][lo.length];
    for (int i = 0; i < lo.length; i++) {
      from[0][i] = Math.min(lo[i], hi[i]);
      to[0][i] = Math.max(lo[i], hi[i]);
      if (!Double.isNaN(from[0][i])) {
        min = Math.min(min, from[0][i]);
        max = Math.max(max, to[0][i]);
      }
    }
    if (!(max >= min)) {
      min = 0;
      max = 1;
    }
    double pad = max > min ? (max - min) * 0.05 : Math.max(Math.abs(max) * 0.05, 1);
    return category(id, categoryLabel, valueLabel, List.of(seriesName), categories, from, to, min - pad, max + pad,
        true, List.of(), false, true);
  }

  /**
   * Heat map of {@code z[iy][ix]} over the grid {@code xs} × {@code ys} (one equal-width cell per level,
   * labelled with it), with a colour legend below; a NaN cell is grey.
   */
  public static String heat(String id, String xLabel, String yLabel, String zLabel, double[] xs, double[] ys, double[][] z) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : z) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (!(max >= min)) {
      min = 0;
      max = 1;
    }
    if (max == min) {
      max = min + 1;
    }
    int yLabelChars = 0;
    for (double v : ys) {
      yLabelChars = Math.max(yLabelChars, value(v).length());
    }
    Frame f = new Frame(WIDTH, HEIGHT + 40, yLabelChars, 0, 52);
    StringBuilder b = f.open(id);
    double cw = f.w / Math.max(1, xs.length);
    double ch = f.h / Math.max(1, ys.length);
    int k = 0;
    for (int iy = 0; iy < ys.length; iy++) {
      for (int ix = 0; ix < xs.length; ix++) {
        double v = z[iy][ix];
        mark(b, id, 0, k++, value(xs[ix]) + " × " + value(ys[iy]) + ": " + (Double.isNaN(v) ? "no value" : value(v)));
        b.append("<rect x='").append(n(f.left + ix * cw)).append("' y='").append(n(f.top + f.h - (iy + 1) * ch))
            .append("' width='").append(n(cw)).append("' height='").append(n(ch)).append("' fill='")
            .append(Double.isNaN(v) ? "#c0c0c0" : shade((v - min) / (max - min))).append("'/></g>");
      }
    }
    int every = Math.max(1, (int) Math.ceil(xs.length / (f.w / 48)));
    for (int ix = 0; ix < xs.length; ix += every) {
      f.text(b, f.left + (ix + 0.5) * cw, f.top + f.h + 14, TICK, "middle", value(xs[ix]));
    }
    int everyY = Math.max(1, (int) Math.ceil(ys.length / (f.h / 16)));
    for (int iy = 0; iy < ys.length; iy += everyY) {
      f.text(b, f.left - 5, f.top + f.h - (iy + 0.5) * ch + 4, TICK, "end", value(ys[iy]));
    }
    f.text(b, f.left + f.w / 2, f.top + f.h + 30, LABEL, "middle", xLabel);
    f.yTitle(b, yLabel);
    // Colour legend: a strip of 32 steps from min to max, with its ends and middle labelled.
    double ly = f.top + f.h + 42;
    int steps = 32;
    double sw = f.w / steps;
    for (int i = 0; i < steps; i++) {
      b.append("<rect x='").append(n(f.left + i * sw)).append("' y='").append(n(ly)).append("' width='")
          .append(n(sw + 0.5)).append("' height='10' fill='").append(shade((i + 0.5) / steps)).append("'/>");
    }
    f.text(b, f.left, ly + 22, TICK, "start", value(min));
    f.text(b, f.left + f.w / 2, ly + 22, TICK, "middle", zLabel);
    f.text(b, f.left + f.w, ly + 22, TICK, "end", value(max));
    return b.append("</svg>").toString();
  }

  private static String category(String id, String categoryLabel, String valueLabel, List<String> seriesNames,
      List<String> categories, double[][] from, double[][] to, double lo, double hi, boolean horizontal,
      List<Marker> markers, boolean showLegend, boolean interval) {
    int cats = categories.size();
    int series = Math.max(1, seriesNames.size());
    Axis v = Axis.of(lo, hi == lo ? lo + 1 : hi, 6, false);
    List<String> shown = new ArrayList<>();
    int longest = 0;
    for (String c : categories) {
      String s = shorten(c == null ? "(none)" : c);
      shown.add(s);
      longest = Math.max(longest, s.length());
    }
    boolean rotate = !horizontal && cats > 6;
    int legendRows = showLegend ? legendRows(seriesNames) : 0;
    Frame f;
    if (horizontal) {
      int height = Math.max(HEIGHT, 70 + cats * series * 16 + cats * 8);
      f = new Frame(WIDTH, height + legendRows * 18, longest, legendRows, 0);
    } else {
      int extra = rotate ? (int) Math.ceil(longest * TICK * 0.6 * 0.71) : 0;
      f = new Frame(WIDTH, HEIGHT + extra + legendRows * 18, v.maxLabel(), legendRows, extra);
    }
    StringBuilder b = f.open(id);
    double band = (horizontal ? f.h : f.w) / Math.max(1, cats);
    double groupWidth = Math.min(band * 0.8, Math.max(band * 0.3, series * 22));
    double barWidth = groupWidth / series;
    if (horizontal) {
      f.valueGridX(b, v);
      for (int c = 0; c < cats; c++) {
        f.text(b, f.left - 5, f.top + (c + 0.5) * band + 4, TICK, "end", shown.get(c));
      }
      f.axisTitles(b, valueLabel, categoryLabel);
    } else {
      f.valueGridY(b, v);
      for (int c = 0; c < cats; c++) {
        double cx = f.left + (c + 0.5) * band;
        if (rotate) {
          double ty = f.top + f.h + 10;
          b.append("<text x='").append(n(cx)).append("' y='").append(n(ty)).append("' font-size='").append(TICK)
              .append("' text-anchor='end' fill='").append(INK).append("' transform='rotate(-45 ").append(n(cx))
              .append(' ').append(n(ty)).append(")'>").append(Html.esc(shown.get(c))).append("</text>");
        } else {
          f.text(b, cx, f.top + f.h + 14, TICK, "middle", shown.get(c));
        }
      }
      f.axisTitles(b, categoryLabel, valueLabel);
    }
    for (Marker m : markers) {
      if (horizontal) {
        f.markerX(b, v, m);
      } else {
        f.markerY(b, v, m);
      }
    }
    for (int s = 0; s < from.length; s++) {
      String colour = PALETTE[s % PALETTE.length];
      String name = s < seriesNames.size() ? seriesNames.get(s) : "";
      for (int c = 0; c < cats; c++) {
        double a = from[s][c];
        double z = to[s][c];
        if (Double.isNaN(a) || Double.isNaN(z)) {
          continue;
        }
        double offset = (band - groupWidth) / 2 + s * barWidth + barWidth * 0.05;
        double thickness = barWidth * 0.9;
        String tip = (categories.get(c) == null ? "(none)" : categories.get(c)) + ", " + name + ": "
            + (interval ? value(a) + " to " + value(z) : value(z));
        mark(b, id, s, c, tip);
        if (horizontal) {
          double x0 = f.px(v, Math.min(a, z));
          double x1 = f.px(v, Math.max(a, z));
          rect(b, x0, f.top + c * band + offset, Math.max(1, x1 - x0), thickness, colour);
        } else {
          double y0 = f.py(v, Math.max(a, z));
          double y1 = f.py(v, Math.min(a, z));
          rect(b, f.left + c * band + offset, y0, thickness, Math.max(1, y1 - y0), colour);
        }
        b.append("</g>");
      }
    }
    if (showLegend) {
      f.legend(b, seriesNames, markers.isEmpty() ? null : "threshold");
    }
    return b.append("</svg>").toString();
  }

  private static void rect(StringBuilder b, double x, double y, double w, double h, String fill) {
    b.append("<rect x='").append(n(x)).append("' y='").append(n(y)).append("' width='").append(n(w))
        .append("' height='").append(n(h)).append("' fill='").append(fill).append("'/>");
  }

  private static void mark(StringBuilder b, String id, int series, int item, String title) {
    b.append("<g id='").append(Html.esc(id)).append("-s").append(series).append("-i").append(item).append("'><title>")
        .append(Html.esc(title)).append("</title>");
  }

  private static int legendRows(List<String> names) {
    double x = 0;
    int rows = 1;
    for (String s : names) {
      double w = legendItemWidth(s);
      if (x + w > WIDTH - 80 && x > 0) {
        rows++;
        x = 0;
      }
      x += w;
    }
    return rows;
  }

  private static double legendItemWidth(String s) {
    return 22 + textWidth(shorten(s == null ? "(none)" : s), TICK) + 14;
  }

  /** Estimated width of {@code s} at {@code size}px in a sans-serif face (0.6 em per character). */
  static double textWidth(String s, int size) {
    return s.length() * size * 0.6;
  }

  private static String shorten(String s) {
    return s.length() > MAX_LABEL_CHARS ? s.substring(0, MAX_LABEL_CHARS - 1) + "…" : s;
  }

  /** Colour for t in [0, 1]: white-blue ramp, darker is larger. */
  private static String shade(double t) {
    t = Math.max(0, Math.min(1, t));
    int r = (int) Math.round(255 * (1 - 0.8 * t));
    int g = (int) Math.round(255 * (1 - 0.55 * t));
    int bl = (int) Math.round(255 * (1 - 0.25 * t));
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
  }

  private static String label(double x, boolean year) {
    return year ? Long.toString(Math.round(x)) : value(x);
  }

  /** A value in a tooltip or a heat-map label: up to 4 decimals, or compact for large values. */
  static String value(double v) {
    return new TickFormat().format(v);
  }

  /** A coordinate with one decimal and no trailing zero. */
  static String n(double d) {
    return decimals(d, 1);
  }

  /** {@code d} with {@code places} decimals and no trailing zeros. */
  static String decimals(double d, int places) {
    String s = String.format(Locale.ROOT, "%." + places + "f", d);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "");
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    return s.equals("-0") ? "0" : s;
  }

  /** Tick labels: "1,500", "0.25", and "3.5B" rather than "3.5E9" for large values. */
  static final class TickFormat extends java.text.NumberFormat {
    private static final java.text.DecimalFormat PLAIN = new java.text.DecimalFormat("#,##0.####",
        java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
    private final java.text.NumberFormat compact = java.text.NumberFormat.getCompactNumberInstance(
        Locale.US, java.text.NumberFormat.Style.SHORT);

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

  /** A numeric axis: its range and the tick values with their labels. */
  record Axis(double min, double max, List<double[]> ticksRaw, List<String> labels) {
    int maxLabel() {
      return labels.stream().mapToInt(String::length).max().orElse(1);
    }

    /** "Nice" ticks (steps of 1, 2 or 5 × 10^k) covering [lo, hi], about {@code n} of them. */
    static Axis of(double lo, double hi, int n, boolean integers) {
      double step = nice((hi - lo) / Math.max(1, n - 1));
      if (integers) {
        step = Math.max(1, Math.round(step));
      }
      double first = Math.floor(lo / step) * step;
      double last = Math.ceil(hi / step) * step;
      if (integers) {
        first = Math.max(first, Math.floor(lo));
      }
      List<double[]> values = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      TickFormat fmt = new TickFormat();
      for (int i = 0; first + i * step <= last + step * 1e-9 && i < 50; i++) {
        double t = first + i * step;
        if (Math.abs(t) < step * 1e-9) {
          t = 0;
        }
        values.add(new double[] {t});
        labels.add(integers ? Long.toString(Math.round(t)) : fmt.format(t));
      }
      double min = integers ? lo : Math.min(lo, first);
      double max = integers ? hi : Math.max(hi, last);
      if (integers) {
        List<double[]> inside = new ArrayList<>();
        List<String> insideLabels = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i)[0] >= lo - 1e-9 && values.get(i)[0] <= hi + 1e-9) {
            inside.add(values.get(i));
            insideLabels.add(labels.get(i));
          }
        }
        return new Axis(min, max, inside, insideLabels);
      }
      return new Axis(min, max, values, labels);
    }

    private static double nice(double raw) {
      if (!(raw > 0) || Double.isInfinite(raw)) {
        return 1;
      }
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / mag;
      return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }
  }

  /** The plot area inside the SVG, and the drawing of axes, titles, thresholds and the legend. */
  private static final class Frame {
    final int width;
    final int height;
    final double left;
    final double top = 12;
    final double w;
    final double h;
    final int legendRows;

    /**
     * @param leftLabelChars the longest label left of the plot (value ticks, or horizontal categories)
     * @param extraBottom room below the tick labels (rotated categories, a colour legend)
     */
    Frame(int width, int height, int leftLabelChars, int legendRows, int extraBottom) {
      this.width = width;
      this.height = height;
      this.legendRows = legendRows;
      this.left = 26 + Math.ceil(Math.min(leftLabelChars, MAX_LABEL_CHARS) * TICK * 0.6) + 8;
      this.w = width - left - 16;
      this.h = height - top - 44 - legendRows * 18 - extraBottom;
    }

    StringBuilder open(String id) {
      return new StringBuilder(4096).append("<svg id='").append(Html.esc(id))
          .append("' xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(height)
          .append("' viewBox='0 0 ").append(width).append(' ').append(height)
          .append("' font-family='sans-serif' role='img'><rect width='100%' height='100%' fill='#fff'/>");
    }

    double px(Axis a, double v) {
      return left + (v - a.min()) / (a.max() - a.min()) * w;
    }

    double py(Axis a, double v) {
      return top + h - (v - a.min()) / (a.max() - a.min()) * h;
    }

    void valueGridY(StringBuilder b, Axis a) {
      for (int i = 0; i < a.ticksRaw().size(); i++) {
        double y = py(a, a.ticksRaw().get(i)[0]);
        line(b, left, y, left + w, y, GRID);
        text(b, left - 5, y + 4, TICK, "end", a.labels().get(i));
      }
      line(b, left, top, left, top + h, AXIS);
      double zero = a.min() <= 0 && a.max() >= 0 ? py(a, 0) : top + h;
      line(b, left, zero, left + w, zero, AXIS);
    }

    void valueGridX(StringBuilder b, Axis a) {
      for (int i = 0; i < a.ticksRaw().size(); i++) {
        double x = px(a, a.ticksRaw().get(i)[0]);
        line(b, x, top, x, top + h, GRID);
        text(b, x, top + h + 14, TICK, "middle", a.labels().get(i));
      }
      line(b, left, top + h, left + w, top + h, AXIS);
      double zero = a.min() <= 0 && a.max() >= 0 ? px(a, 0) : left;
      line(b, zero, top, zero, top + h, AXIS);
    }

    void ticksX(StringBuilder b, Axis a) {
      for (int i = 0; i < a.ticksRaw().size(); i++) {
        double x = px(a, a.ticksRaw().get(i)[0]);
        line(b, x, top + h, x, top + h + 4, AXIS);
        text(b, x, top + h + 15, TICK, "middle", a.labels().get(i));
      }
    }

    /** The horizontal axis title below the ticks, the vertical one rotated at the left edge. */
    void axisTitles(StringBuilder b, String xTitle, String yTitle) {
      double bottomOfPlotArea = top + h;
      text(b, left + w / 2, bottomOfPlotArea + 32 + extraBelowTicks(), LABEL, "middle", xTitle);
      yTitle(b, yTitle);
    }

    void yTitle(StringBuilder b, String yTitle) {
      double cy = top + h / 2;
      b.append("<text x='14' y='").append(n(cy)).append("' font-size='").append(LABEL)
          .append("' text-anchor='middle' fill='").append(INK).append("' transform='rotate(-90 14 ").append(n(cy))
          .append(")'>").append(Html.esc(yTitle)).append("</text>");
    }

    private double extraBelowTicks() {
      return height - (top + h + 44 + legendRows * 18);
    }

    void markerY(StringBuilder b, Axis a, Marker m) {
      double y = py(a, m.value());
      b.append("<line x1='").append(n(left)).append("' y1='").append(n(y)).append("' x2='").append(n(left + w))
          .append("' y2='").append(n(y)).append("' stroke='#555' stroke-width='1.2' stroke-dasharray='5 4'/>");
      text(b, left + 4, y - 4, TICK, "start", m.label());
    }

    void markerX(StringBuilder b, Axis a, Marker m) {
      double x = px(a, m.value());
      b.append("<line x1='").append(n(x)).append("' y1='").append(n(top)).append("' x2='").append(n(x))
          .append("' y2='").append(n(top + h)).append("' stroke='#555' stroke-width='1.2' stroke-dasharray='5 4'/>");
      text(b, x + 4, top + 10, TICK, "start", m.label());
    }

    void legend(StringBuilder b, List<String> names, String dashed) {
      double x = left;
      double y = height - legendRows * 18 + 4;
      for (int i = 0; i < names.size(); i++) {
        String s = shorten(names.get(i) == null ? "(none)" : names.get(i));
        double iw = legendItemWidth(s);
        if (x + iw > width - 16 && x > left) {
          x = left;
          y += 18;
        }
        b.append("<rect x='").append(n(x)).append("' y='").append(n(y)).append("' width='14' height='8' fill='")
            .append(PALETTE[i % PALETTE.length]).append("'/>");
        text(b, x + 18, y + 8, TICK, "start", s);
        x += iw;
      }
      if (dashed != null) {
        if (x + 80 > width - 16 && x > left) {
          x = left;
          y += 18;
        }
        b.append("<line x1='").append(n(x)).append("' y1='").append(n(y + 4)).append("' x2='").append(n(x + 14))
            .append("' y2='").append(n(y + 4)).append("' stroke='#555' stroke-dasharray='4 3'/>");
        text(b, x + 18, y + 8, TICK, "start", dashed);
      }
    }

    void text(StringBuilder b, double x, double y, int size, String anchor, String s) {
      b.append("<text x='").append(n(x)).append("' y='").append(n(y)).append("' font-size='").append(size)
          .append("' text-anchor='").append(anchor).append("' fill='").append(INK).append("'>")
          .append(Html.esc(s)).append("</text>");
    }

    private static void line(StringBuilder b, double x1, double y1, double x2, double y2, String stroke) {
      b.append("<line x1='").append(n(x1)).append("' y1='").append(n(y1)).append("' x2='").append(n(x2))
          .append("' y2='").append(n(y2)).append("' stroke='").append(stroke).append("'/>");
    }
  }
}
