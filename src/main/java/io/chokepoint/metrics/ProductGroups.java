package io.chokepoint.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The per-product pass of {@link Exposure#compute}, over one partition sorted by a hash of the
 * product key, so that each product's rows are adjacent.
 *
 * <p>Input row: the hash (long), the {@code keyCount} product keys, partner_iso3, partner_kind,
 * value_usd, net_weight_kg (nullable), world (boolean). Output rows: as described in {@link Exposure}: per
 * partner, the keys, partner, kind, summed value and weight, world, row number, share_value,
 * share_weight, then {@link Exposure#PRODUCT_AGGREGATES} on the first row and nulls on the others.
 * Only one product's rows are held in memory at a time.
 */
final class ProductGroups implements MapPartitionsFunction<Row, Row> {
  private final int keyCount;
  private final String focus;

  ProductGroups(int keyCount, String focus) {
    this.keyCount = keyCount;
    this.focus = focus;
  }

  /** One partner's rows of a product, summed. */
  private static final class Partner {
    final String code;
    final String kind;
    final boolean world;
    double value;
    double weight;
    boolean weightKnown = true;

    Partner(String code, String kind, boolean world) {
      this.code = code;
      this.kind = kind;
      this.world = world;
    }
  }

  /** Suppliers first, by value descending then code; World rows after them, in the same order. */
  private static final Comparator<Partner> ORDER = Comparator.<Partner, Boolean>comparing(p -> p.world)
      .thenComparing(p -> -p.value)
      .thenComparing(p -> p.code, Comparator.nullsFirst(Comparator.naturalOrder()));

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Iterator<>() {
      private Row pending = rows.hasNext() ? rows.next() : null;
      private Iterator<Row> out = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        while (!out.hasNext() && pending != null) {
          out = nextHash().iterator();
        }
        return out.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return out.next();
      }

      /** Consumes the rows that share {@code pending}'s hash: one product, or a few whose hashes collide. */
      private List<Row> nextHash() {
        long hash = pending.getLong(0);
        List<Row> rowsOfHash = new ArrayList<>();
        while (pending != null && pending.getLong(0) == hash) {
          rowsOfHash.add(pending);
          pending = rows.hasNext() ? rows.next() : null;
        }
        Row first = rowsOfHash.get(0);
        if (rowsOfHash.stream().allMatch(r -> sameKey(r, first))) { // one product: the rule
          return emit(key(first), rowsOfHash);
        }
        Map<List<Object>, List<Row>> products = new LinkedHashMap<>();
        rowsOfHash.forEach(r -> products.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r));
        List<Row> out = new ArrayList<>();
        products.forEach((key, productRows) -> out.addAll(emit(key, productRows)));
        return out;
      }
    };
  }

  private boolean sameKey(Row a, Row b) {
    for (int i = 1; i <= keyCount; i++) {
      if (!Objects.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private List<Object> key(Row r) {
    Object[] k = new Object[keyCount];
    for (int i = 0; i < keyCount; i++) {
      k[i] = r.get(1 + i);
    }
    return Arrays.asList(k);
  }

  /**
   * One product's rows summed per partner (a partner is its code and whether it is the World row).
   * Rows arrive in shuffle order, which varies between runs; they are summed in a fixed order
   * (code, World or not, then value) so that the doubles are reproducible.
   */
  private List<Partner> partners(List<Row> rows) {
    int partner = 1 + keyCount;
    if (rows.size() > 1) {
      rows.sort(Comparator.<Row, String>comparing(r -> r.getString(partner), Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(r -> r.getBoolean(partner + 4))
          .thenComparingDouble(r -> r.getDouble(partner + 2)));
    }
    List<Partner> out = new ArrayList<>();
    Partner p = null;
    for (Row r : rows) {
      boolean world = r.getBoolean(partner + 4);
      String code = r.getString(partner);
      if (p == null || p.world != world || !Objects.equals(p.code, code)) {
        p = new Partner(code, r.getString(partner + 1), world);
        out.add(p);
      }
      p.value += r.getDouble(partner + 2);
      if (r.isNullAt(partner + 3)) {
        p.weightKnown = false;
      } else {
        p.weight += r.getDouble(partner + 3);
      }
    }
    return out;
  }

  private List<Row> emit(List<Object> key, List<Row> rows) {
    List<Partner> ranked = partners(rows);
    ranked.sort(ORDER);

    long suppliers = 0;
    long withValue = 0;
    long weightless = 0;
    long focusRows = 0;
    double total = 0;
    double sumSq = 0;
    double top3 = 0;
    Double totalWeight = null;
    Double sumSqWeight = null;
    Double focusValue = null;
    Double focusWeight = null;
    Double worldValue = null;
    for (Partner p : ranked) {
      if (p.world) {
        worldValue = (worldValue == null ? 0 : worldValue) + p.value;
        continue;
      }
      suppliers++;
      total += p.value;
      sumSq += p.value * p.value;
      if (suppliers <= 3) {
        top3 += p.value;
      }
      if (p.value > 0) {
        withValue++;
      }
      if (p.weightKnown) {
        totalWeight = (totalWeight == null ? 0 : totalWeight) + p.weight;
        sumSqWeight = (sumSqWeight == null ? 0 : sumSqWeight) + p.weight * p.weight;
      } else {
        weightless++;
      }
      if (p.code != null && p.code.equals(focus)) {
        focusRows++; // at most once: partners are keyed by code
        focusValue = p.value;
        focusWeight = p.weightKnown ? p.weight : null;
      }
    }
    Double shareSum = null;
    List<Object[]> out = new ArrayList<>(ranked.size());
    int n = 0;
    for (Partner p : ranked) {
      Double share = !p.world && total > 0 ? p.value / total : null;
      Double shareWeight = !p.world && p.weightKnown && totalWeight != null && totalWeight > 0
          ? p.weight / totalWeight : null;
      if (share != null) {
        shareSum = (shareSum == null ? 0 : shareSum) + share;
      }
      Object[] v = new Object[keyCount + 9];
      for (int i = 0; i < keyCount; i++) {
        v[i] = key.get(i);
      }
      v[keyCount] = p.code;
      v[keyCount + 1] = p.kind;
      v[keyCount + 2] = p.value;
      v[keyCount + 3] = p.weightKnown ? p.weight : null;
      v[keyCount + 4] = p.world;
      v[keyCount + 5] = ++n;
      v[keyCount + 6] = share;
      v[keyCount + 7] = shareWeight;
      out.add(v);
    }
    // The product aggregates go on the first row, in PRODUCT_AGGREGATES order.
    Double[] aggregates = {suppliers == 0 ? null : total, totalWeight, (double) suppliers, (double) withValue,
        (double) weightless, suppliers == 0 ? null : sumSq, sumSqWeight, suppliers == 0 ? null : top3, focusValue,
        focusWeight, (double) focusRows, worldValue, shareSum};
    out.get(0)[keyCount + 8] = scala.Predef.wrapRefArray(aggregates); // the Seq a Row array holds, on Scala 2.12 and 2.13
    List<Row> result = new ArrayList<>(out.size());
    out.forEach(v -> result.add(RowFactory.create(v)));
    return result;
  }
}
