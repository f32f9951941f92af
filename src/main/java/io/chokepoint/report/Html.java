package io.chokepoint.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Everything the report writes into HTML goes through here: text and attribute escaping, number
 * formatting, and the one table shape every figure uses for its numbers.
 */
public final class Html {
  private Html() {}

  /** Text for an element body or a double- or single-quoted attribute; null becomes "". */
  public static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append(' ');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** A cell value as shown: numbers with up to {@code decimals} places (grouped), text escaped. */
  public static String cell(Object v, int decimals) {
    if (v == null) {
      return "<td class=\"na\">–</td>";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return "<td class=\"n\">" + esc(num(d, decimals)) + "</td>";
    }
    if (v instanceof Number) {
      return "<td class=\"n\">" + esc(v) + "</td>";
    }
    return "<td>" + esc(v) + "</td>";
  }

  /** {@code d} with {@code decimals} places and thousands separators; NaN and infinities as words. */
  public static String num(double d, int decimals) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", d);
  }

  /** A table with a header row; {@code decimals} applies to every floating-point cell. */
  public static String table(List<String> header, List<List<Object>> rows, int decimals) {
    StringBuilder b = new StringBuilder("<table><thead><tr>");
    header.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
    b.append("</tr></thead><tbody>");
    for (List<Object> r : rows) {
      b.append("<tr>");
      r.forEach(v -> b.append(cell(v, decimals)));
      b.append("</tr>");
    }
    return b.append("</tbody></table>").toString();
  }

  /** The same rows as RFC 4180 CSV, full precision. */
  public static String csv(List<String> header, List<List<Object>> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.join(",", header.stream().map(Html::csvField).toList())).append("\r\n");
    for (List<Object> r : rows) {
      b.append(String.join(",", r.stream().map(v -> csvField(v == null ? "" : v.toString())).toList())).append("\r\n");
    }
    return b.toString();
  }

  private static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  /** A {@code data:} URI holding {@code text} as UTF-8 CSV (base64, so no character needs escaping). */
  public static String csvDataUri(String text) {
    return "data:text/csv;charset=utf-8;base64,"
        + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
