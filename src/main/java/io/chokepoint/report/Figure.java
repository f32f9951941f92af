package io.chokepoint.report;

import java.util.List;
import java.util.function.Supplier;

/**
 * One chart of the report: its SVG, a caption that says what it shows and which table it comes
 * from, and the numbers it was drawn from (a table in a {@code <details>} and a CSV download).
 */
public record Figure(String id, String title, String svg, String caption, List<String> header, List<List<Object>> rows,
    int decimals) {

  /** Draws the chart; should drawing fail (a bug), the page still has the numbers and says so. */
  public static Figure of(String id, String title, Supplier<String> chart, String caption, List<String> header,
      List<List<Object>> rows, int decimals) {
    String svg;
    try {
      svg = chart.get();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      svg = "<p class=\"warn\">Chart not drawn on this driver (" + Html.esc(e.toString())
          + "); its numbers are below.</p>";
    }
    return new Figure(id, title, svg, caption, header, rows, decimals);
  }

  public String html() {
    return "<figure id=\"" + Html.esc(id) + "\"><h4>" + Html.esc(title) + "</h4><div class=\"chart\">" + svg
        + "</div><figcaption>" + Html.esc(caption) + "</figcaption><details><summary>Numbers ("
        + rows.size() + " rows) · <a download=\"" + Html.esc(id) + ".csv\" href=\""
        + Html.csvDataUri(Html.csv(header, rows)) + "\">CSV</a></summary>"
        + Html.table(header, rows, decimals) + "</details></figure>\n";
  }
}
