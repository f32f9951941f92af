package io.chokepoint.testing;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Compares a small Dataset with expected rows by value, in the spirit of spark-fast-tests: row
 * order ignored, doubles equal within a tolerance, nulls equal to nulls. (spark-testing-base has
 * no Spark 4 build on Maven Central and its Java API is JUnit 4 only.)
 */
public final class DatasetAssert {
  private DatasetAssert() {}

  public static void assertRowsEqual(Dataset<Row> actual, List<Object[]> expected, double tolerance) {
    List<Object[]> got = new ArrayList<>();
    for (Row r : actual.collectAsList()) {
      Object[] a = new Object[r.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.get(i);
      }
      got.add(a);
    }
    List<Object[]> want = new ArrayList<>(expected);
    Comparator<Object[]> order = Comparator.comparing(Arrays::deepToString);
    got.sort(order);
    want.sort(order);
    if (got.size() != want.size()) {
      fail("expected %d rows but got %d:%n got:  %s%n want: %s", want.size(), got.size(), show(got), show(want));
    }
    for (int i = 0; i < got.size(); i++) {
      if (!rowEquals(got.get(i), want.get(i), tolerance)) {
        fail("rows differ at sorted position %d:%n got:  %s%n want: %s%n all got:  %s%n all want: %s", i,
            Arrays.deepToString(got.get(i)), Arrays.deepToString(want.get(i)), show(got), show(want));
      }
    }
  }

  static boolean rowEquals(Object[] a, Object[] b, double tol) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] instanceof Number x && b[i] instanceof Number y
          && (a[i] instanceof Double || b[i] instanceof Double || a[i] instanceof Float)) {
        if (Math.abs(x.doubleValue() - y.doubleValue()) > tol * Math.max(1.0, Math.abs(y.doubleValue()))) {
          return false;
        }
      } else if (!Objects.equals(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  private static String show(List<Object[]> rows) {
    StringBuilder sb = new StringBuilder();
    rows.forEach(r -> sb.append(System.lineSeparator()).append("   ").append(Arrays.deepToString(r)));
    return sb.toString();
  }
}
