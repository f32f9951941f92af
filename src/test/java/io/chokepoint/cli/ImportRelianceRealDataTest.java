package io.chokepoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chokepoint.testing.Paths;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Net import reliance on the real USGS MCS 2026 data release, every row recomputed here from the
 * CSV with the rule docs/import-reliance.md states, in plain Java: which rows are summed, the
 * stock change, the computed reliance and stock cover, and the status against the published value.
 */
class ImportRelianceRealDataTest extends CliTestSupport {
  static final double TOLERANCE_PP = 2;
  static final List<String> KINDS = List.of("secondary", "primary", "mine", "refinery", "smelter");

  @TempDir Path tmp;

  /** One cell of the release: its number (null unless a number; '—' kept apart) and its symbol. */
  record Cell(String stat, String detail, String text, String notes) {
    String lower() {
      return detail.toLowerCase(Locale.ROOT);
    }

    boolean dash() {
      return text.equals("—");
    }

    Double number() {
      return text.matches("^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?$") ? Double.valueOf(text.replace(",", ""))
          : null;
    }

    /** The amount summed: a number, or 0 for '—' (zero in USGS's tables); null for any other symbol. */
    Double amount() {
      return dash() ? Double.valueOf(0) : number();
    }
  }

  /** (country, commodity, year) → its cells. */
  final Map<List<Object>, List<Cell>> cells = new HashMap<>();

  void read(String file) throws Exception {
    try (Reader r = new InputStreamReader(new FileInputStream(file), Charset.forName("windows-1252"));
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      for (CSVRecord rec : p) {
        String year = rec.get("Year").strip();
        if (!year.matches("[0-9]{4}")) {
          continue;
        }
        cells.computeIfAbsent(List.of(rec.get("Country").strip(), rec.get("Commodity").strip(), Integer.valueOf(year)),
            k -> new ArrayList<>()).add(new Cell(rec.get("Statistics").strip(), rec.get("Statistics_detail").strip(),
            rec.get("Value").replace('\u00A0', ' ').strip(), rec.get("Notes").strip()));
      }
    }
  }

  /** The rows of one statistic that name the basis, or all of them when none does. */
  static List<Cell> pick(List<Cell> all, String stat, String basis) {
    List<Cell> of = all.stream().filter(c -> c.stat().equals(stat)
        && (!stat.equals("Consumption") || c.lower().contains("apparent"))).toList();
    if (basis != null) {
      List<Cell> named = of.stream().filter(c -> c.lower().contains(basis.toLowerCase(Locale.ROOT))).toList();
      if (!named.isEmpty()) {
        return named;
      }
    }
    return of;
  }

  static Double sum(List<Cell> cs) {
    double s = 0;
    for (Cell c : cs) {
      if (c.amount() == null) {
        return null;
      }
      s += c.amount();
    }
    return cs.isEmpty() ? null : s;
  }

  /** What the product should publish for one net import reliance cell. */
  Map<String, Object> expected(List<Object> key, Cell nir) {
    List<Cell> all = cells.get(key);
    String basis = nir.detail().contains(":") ? nir.detail().substring(nir.detail().indexOf(':') + 1).strip() : "";
    basis = basis.isEmpty() ? null : basis;
    List<Cell> imports = pick(all, "Import", basis);
    List<Cell> exports = pick(all, "Export", basis);
    List<Cell> production = pick(all, "Production", basis);
    List<Cell> consumption = pick(all, "Consumption", basis);
    String acNotes = consumption.stream().map(Cell::notes).max(String::compareTo).orElse("");
    String definition = (nir.notes() + " " + acNotes).toLowerCase(Locale.ROOT);
    List<String> named = KINDS.stream().filter(k -> definition.contains(k + " production")).toList();
    List<Cell> ofKind = production.stream().filter(c -> named.stream().anyMatch(k -> c.lower().contains(k))).toList();
    if (!ofKind.isEmpty()) {
      production = ofKind;
    }
    List<Cell> core = new ArrayList<>(imports);
    core.addAll(exports);
    core.addAll(production);
    Map<String, Object> e = new HashMap<>();
    e.put("basis", basis);
    String status = null;
    if (all.stream().filter(c -> c.stat().equals(nir.stat()) && c.detail().equals(nir.detail())).count() > 1) {
      status = "ambiguous_rows"; // two sub-tables (Mica's scrap and sheet) the long layout does not tell apart
    } else if (imports.isEmpty() || exports.isEmpty() || production.isEmpty()) {
      status = "missing_component";
    } else if (core.stream().anyMatch(c -> c.text().equalsIgnoreCase("W"))) {
      status = "withheld_component";
    } else if (core.stream().anyMatch(c -> c.text().equalsIgnoreCase("NA") || c.text().isEmpty())) {
      status = "unavailable_component";
    } else if (core.stream().anyMatch(c -> c.amount() == null)) {
      status = "unusable_component";
    }
    Double pct = null;
    Double stockChange = null;
    if (nir.notes().toLowerCase(Locale.ROOT).contains("stock")) {
      List<Cell> prior = cells.getOrDefault(List.of(key.get(0), key.get(1), (Integer) key.get(2) - 1), List.of());
      Double before = sum(pick(prior, "Stock", basis));
      Double after = sum(pick(all, "Stock", basis));
      stockChange = before == null || after == null ? null : before - after;
    }
    e.put("stock_change", stockChange);
    if (status == null) {
      double net = sum(imports) - sum(exports) + (stockChange == null ? 0 : stockChange);
      double ac = sum(production) + net;
      e.put("apparent_consumption", ac);
      if (ac <= 0) {
        status = "non_positive_consumption";
      } else {
        pct = net / ac * 100;
        Double stocks = sum(pick(all, "Stock", basis));
        e.put("stock_cover_months", stocks == null ? null : stocks / (ac / 12));
        String p = nir.text();
        Boolean agrees = null;
        if (nir.number() != null) {
          agrees = Math.abs(pct - nir.number()) <= TOLERANCE_PP;
        } else if (p.matches("^[<>]\\s*[0-9,.]+$")) {
          double bound = Double.parseDouble(p.substring(1).strip().replace(",", ""));
          agrees = p.startsWith(">") ? pct > bound - TOLERANCE_PP : pct < bound + TOLERANCE_PP;
        } else if (p.equals("E")) {
          agrees = pct < TOLERANCE_PP;
        }
        status = agrees == null ? "no_published_value" : agrees ? "ok" : "differs_from_published";
      }
    }
    e.put("net_import_reliance_pct", pct);
    e.put("status", status);
    return e;
  }

  @Test
  void everyPublishedNetImportRelianceIsRecomputedFromTheReleaseAsUsgsDefinesIt() throws Exception {
    String file = Paths.realData("criminGeo_manuali-luciana/MCS2026_Commodities_Data.csv");
    read(file);
    Path out = tmp.resolve("out");
    Result r = cli("run", "--job", job(tmp, """
        {"name": "mcs", "inputs": {"commodity_statistics": {"path": "%s", "format": "usgs-mcs-commodities"}},
         "output": {"path": "%s"}}""".formatted(file, out)).toString());
    assertThat(r.code()).as(r.err()).isZero();

    Map<List<Object>, Row> product = new HashMap<>();
    List<Row> rows = table(out, "import_reliance").collectAsList();
    for (Row p : rows) {
      product.put(List.of(p.getString(p.fieldIndex("country")), p.getString(p.fieldIndex("commodity")),
          p.<Integer>getAs("year"), Objects.toString(p.getAs("basis"), ""), p.getString(p.fieldIndex("published_text"))),
          p);
    }
    Map<String, Integer> statuses = new TreeMap<>();
    int compared = 0;
    for (var e : cells.entrySet()) {
      for (Cell nir : e.getValue()) {
        if (!nir.stat().equals("Net import reliance")) {
          continue;
        }
        Map<String, Object> want = expected(e.getKey(), nir);
        List<Object> k = new ArrayList<>(e.getKey());
        k.add(Objects.toString(want.get("basis"), ""));
        k.add(nir.text());
        Row got = product.get(k);
        assertThat(got).as("row %s", k).isNotNull();
        String what = k + " " + nir.text();
        assertThat(got.<String>getAs("status")).as(what).isEqualTo(want.get("status"));
        assertThat(got.<String>getAs("published_text")).as(what).isEqualTo(nir.text());
        assertThat(got.<Double>getAs("published_pct")).as(what).isEqualTo(nir.number());
        for (String c : List.of("net_import_reliance_pct", "apparent_consumption", "stock_change", "stock_cover_months")) {
          Double w = (Double) want.get(c);
          Double g = got.getAs(c);
          if (w == null) {
            assertThat(g).as(what + " " + c).isNull();
          } else {
            assertThat(g).as(what + " " + c).isCloseTo(w, within(1e-9 * Math.max(1, Math.abs(w))));
          }
        }
        statuses.merge(got.getAs("status"), 1, Integer::sum);
        compared++;
      }
    }
    assertThat(rows).hasSize(compared);
    System.out.println("MCS 2026 net import reliance rows by status: " + statuses);

    // Hand-checked against the release: cobalt 2022 with the industry stock draw (1,060 t → 980 t)
    // gives USGS's own apparent consumption (7,150 t, rounded) and 73%; rare-earth compounds and
    // metals in 2024 cannot be rebuilt from the rows the release gives (its exports row mixes ores
    // and compounds), and the status says so rather than matching USGS's 53%.
    Row cobalt = product.get(List.of("United States", "Cobalt", 2022, "", "73"));
    assertThat(cobalt.<Double>getAs("stock_change")).isEqualTo(80.0);
    assertThat(cobalt.<Double>getAs("apparent_consumption")).isEqualTo(7140.0);
    assertThat(cobalt.<Double>getAs("apparent_consumption_published")).isEqualTo(7150.0);
    assertThat(cobalt.<Double>getAs("net_import_reliance_pct")).isCloseTo(73.11, within(0.005));
    assertThat(cobalt.<String>getAs("status")).isEqualTo("ok");
    Row rareEarths = product.get(List.of("United States", "Rare Earths", 2024, "Compounds and metals", "53"));
    assertThat(rareEarths.<String>getAs("published_text")).isEqualTo("53");
    assertThat(rareEarths.<String>getAs("status")).isEqualTo("non_positive_consumption");
    Row graphite = product.get(List.of("United States", "Graphite (Natural)", 2024, "", "100"));
    assertThat(graphite.<Double>getAs("net_import_reliance_pct")).isEqualTo(100.0);
    assertThat(graphite.<Boolean>getAs("dash_as_zero")).isTrue();
  }
}
