package io.chokepoint.metrics;

import io.chokepoint.compat.SparkCompat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The per-product pass of {@link Exposure#compute}, over one partition sorted by a hash of the
 * product key, so that each product's rows are adjacent.
 *
 * <p>It runs on Spark's internal rows, as the sort hands them over: strings stay UTF-8 bytes and
 * numbers unboxed until the output row. (Through {@code Dataset.mapPartitions} every row was
 * converted to a Java {@code Row} and back, a fifth of the pass's CPU.)
 *
 * <p>Input row: the hash (long), the product keys (of {@code keyTypes}), partner_iso3, partner_kind,
 * value_usd, net_weight_kg (nullable), world (boolean). Output rows: as described in {@link Exposure}: per
 * partner, the keys, partner, kind, summed value and weight, world, row number, share_value,
 * share_weight, then {@link Exposure#PRODUCT_AGGREGATES} on the first row and nulls on the others.
 * Only one product's rows are held in memory at a time.
 */
final class ProductGroups implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
  private final DataType[] keyTypes;
  private final String focus;

  ProductGroups(DataType[] keyTypes, String focus) {
    this.keyTypes = keyTypes.clone();
    this.focus = focus;
  }

  /** One partner's rows of a product, summed. */
  private static final class Partner {
    final UTF8String code;
    final UTF8String kind;
    final boolean world;
    double value;
    double weight;
    boolean weightKnown = true;

    Partner(UTF8String code, UTF8String kind, boolean world) {
      this.code = code;
      this.kind = kind;
      this.world = world;
    }
  }

  /** Weights, null (unknown) first; compared only between rows tied on code, World flag and value. */
  private static final Comparator<Double> WEIGHTS = Comparator.nullsFirst(Comparator.naturalOrder());

  /** Partner codes by their UTF-8 bytes (Spark's string order), null first. */
  private static final Comparator<UTF8String> CODES = Comparator.nullsFirst(SparkCompat::compareStrings);

  /** Suppliers first, by value descending then code; World rows after them, in the same order. */
  private static final Comparator<Partner> ORDER = Comparator.<Partner, Boolean>comparing(p -> p.world)
      .thenComparing(p -> -p.value)
      .thenComparing(p -> p.code, CODES);

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
    UTF8String focusCode = focus == null ? null : UTF8String.fromString(focus);
    return new Iterator<>() {
      // The sort hands over one reused row: each is copied before it is kept.
      private InternalRow pending = rows.hasNext() ? rows.next().copy() : null;
      private Iterator<InternalRow> out = List.<InternalRow>of().iterator();

      @Override
      public boolean hasNext() {
        while (!out.hasNext() && pending != null) {
          out = nextHash().iterator();
        }
        return out.hasNext();
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return out.next();
      }

      /** Consumes the rows that share {@code pending}'s hash: one product, or a few whose hashes collide. */
      private List<InternalRow> nextHash() {
        long hash = pending.getLong(0);
        List<InternalRow> rowsOfHash = new ArrayList<>();
        while (pending != null && pending.getLong(0) == hash) {
          rowsOfHash.add(pending);
          pending = rows.hasNext() ? rows.next().copy() : null;
        }
        InternalRow first = rowsOfHash.get(0);
        if (rowsOfHash.stream().allMatch(r -> sameKey(r, first))) { // one product: the rule
          return emit(key(first), rowsOfHash, focusCode);
        }
        Map<List<Object>, List<InternalRow>> products = new LinkedHashMap<>();
        rowsOfHash.forEach(r -> products.computeIfAbsent(Arrays.asList(key(r)), k -> new ArrayList<>()).add(r));
        List<InternalRow> out = new ArrayList<>();
        products.forEach((key, productRows) -> out.addAll(emit(key.toArray(), productRows, focusCode)));
        return out;
      }
    };
  }

  /**
   * Whether two rows have the same product key, compared without boxing (this runs for every row):
   * integers and strings by their internal values, other types as objects.
   */
  private boolean sameKey(InternalRow a, InternalRow b) {
    for (int i = 0; i < keyTypes.length; i++) {
      int f = 1 + i;
      boolean aNull = a.isNullAt(f);
      if (aNull != b.isNullAt(f)) {
        return false;
      }
      if (aNull) {
        continue;
      }
      DataType t = keyTypes[i];
      boolean same = t instanceof IntegerType ? a.getInt(f) == b.getInt(f)
          : t instanceof StringType ? a.getUTF8String(f).equals(b.getUTF8String(f))
          : Objects.equals(a.get(f, t), b.get(f, t));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /** The product key's values (month may be null). */
  private Object[] key(InternalRow r) {
    Object[] k = new Object[keyTypes.length];
    for (int i = 0; i < keyTypes.length; i++) {
      k[i] = r.get(1 + i, keyTypes[i]);
    }
    return k;
  }

  /**
   * One product's rows summed per partner (a partner is its code and whether it is the World row).
   * Rows arrive in shuffle order, which varies between runs and between the two passes over one
   * shuffle (one per exposure table); they are summed in a fixed order (code, World or not, value,
   * then weight, null first) so that the doubles are reproducible: rows tied on all four add the
   * same numbers whatever their order.
   */
  private List<Partner> partners(List<InternalRow> rows) {
    int partner = 1 + keyTypes.length;
    if (rows.size() > 1) {
      rows.sort(Comparator.<InternalRow, UTF8String>comparing(r -> code(r, partner), CODES)
          .thenComparing(r -> r.getBoolean(partner + 4))
          .thenComparingDouble(r -> r.getDouble(partner + 2))
          .thenComparing(r -> r.isNullAt(partner + 3) ? null : r.getDouble(partner + 3), WEIGHTS));
    }
    List<Partner> out = new ArrayList<>();
    Partner p = null;
    for (InternalRow r : rows) {
      boolean world = r.getBoolean(partner + 4);
      UTF8String code = code(r, partner);
      if (p == null || p.world != world || !Objects.equals(p.code, code)) {
        p = new Partner(code, code(r, partner + 1), world);
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

  private static UTF8String code(InternalRow r, int i) {
    return r.isNullAt(i) ? null : r.getUTF8String(i);
  }

  private List<InternalRow> emit(Object[] key, List<InternalRow> rows, UTF8String focusCode) {
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
      if (p.code != null && p.code.equals(focusCode)) {
        focusRows++; // at most once: partners are keyed by code
        focusValue = p.value;
        focusWeight = p.weightKnown ? p.weight : null;
      }
    }
    Double shareSum = null;
    List<Object[]> out = new ArrayList<>(ranked.size());
    int n = 0;
    int k = keyTypes.length;
    for (Partner p : ranked) {
      Double share = !p.world && total > 0 ? p.value / total : null;
      Double shareWeight = !p.world && p.weightKnown && totalWeight != null && totalWeight > 0
          ? p.weight / totalWeight : null;
      if (share != null) {
        shareSum = (shareSum == null ? 0 : shareSum) + share;
      }
      Object[] v = new Object[k + 9];
      System.arraycopy(key, 0, v, 0, k);
      v[k] = p.code;
      v[k + 1] = p.kind;
      v[k + 2] = p.value;
      v[k + 3] = p.weightKnown ? p.weight : null;
      v[k + 4] = p.world;
      v[k + 5] = ++n;
      v[k + 6] = share;
      v[k + 7] = shareWeight;
      out.add(v);
    }
    // The product aggregates go on the first row, in PRODUCT_AGGREGATES order.
    Object[] aggregates = {suppliers == 0 ? null : total, totalWeight, (double) suppliers, (double) withValue,
        (double) weightless, suppliers == 0 ? null : sumSq, sumSqWeight, suppliers == 0 ? null : top3, focusValue,
        focusWeight, (double) focusRows, worldValue, shareSum};
    out.get(0)[k + 8] = new GenericArrayData(aggregates);
    List<InternalRow> result = new ArrayList<>(out.size());
    out.forEach(v -> result.add(new GenericInternalRow(v)));
    return result;
  }
}
