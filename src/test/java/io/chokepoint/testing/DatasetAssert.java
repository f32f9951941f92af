package io.chokepoint.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.collection.Seq;

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

  /**
   * Same schema, same rows as multisets: both sides sorted by every non-double column (then the
   * doubles), then compared row by row, doubles (and the elements of double arrays) within
   * {@code relative}, anything else exactly. For two computations of one table (with and without an
   * accelerator, or two forms of one pass) whose floating-point sums may add in different orders.
   */
  public static void assertSameRows(String table, Dataset<Row> expected, Dataset<Row> actual, double relative) {
    assertThat(actual.schema().toDDL()).as(table + " schema").isEqualTo(expected.schema().toDDL());
    StructField[] fields = expected.schema().fields();
    List<Row> a = sorted(expected.collectAsList(), fields);
    List<Row> b = sorted(actual.collectAsList(), fields);
    assertThat(b).as(table + " rows").hasSameSizeAs(a);
    for (int r = 0; r < a.size(); r++) {
      for (int c = 0; c < fields.length; c++) {
        Object x = a.get(r).get(c);
        Object y = b.get(r).get(c);
        String where = table + " row " + r + " column " + fields[c].name() + ": " + a.get(r) + " vs " + b.get(r);
        if (x instanceof Number nx && y instanceof Number ny && isFloating(fields[c].dataType())) {
          assertThat(close(nx.doubleValue(), ny.doubleValue(), relative)).as(where).isTrue();
        } else if (x instanceof Seq<?> sx && y instanceof Seq<?> sy && fields[c].dataType() instanceof ArrayType at
            && isFloating(at.elementType())) {
          assertThat(sy.size()).as(where).isEqualTo(sx.size());
          for (int i = 0; i < sx.size(); i++) {
            Object ex = sx.apply(i);
            Object ey = sy.apply(i);
            assertThat(ex == null ? ey == null
                : ey != null && close(((Number) ex).doubleValue(), ((Number) ey).doubleValue(), relative))
                .as(where + " element " + i).isTrue();
          }
        } else {
          assertThat(String.valueOf(y)).as(where).isEqualTo(String.valueOf(x));
        }
      }
    }
  }

  private static boolean close(double x, double y, double relative) {
    return x == y || Math.abs(x - y) <= relative * Math.max(Math.abs(x), Math.abs(y)) || (Double.isNaN(x) && Double.isNaN(y));
  }

  /** Whether a column is compared within the tolerance, not exactly. */
  static boolean isFloating(DataType t) {
    return t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType);
  }

  /** The rows sorted by their non-double columns, then by their doubles: one order for both sides. */
  static List<Row> sorted(List<Row> rows, StructField[] fields) {
    Comparator<Row> byKeys = Comparator.comparing(r -> key(r, fields, false));
    return rows.stream().sorted(byKeys.thenComparing(r -> key(r, fields, true))).toList();
  }

  /** The row's non-double columns (or its doubles) as one comparable string. */
  static String key(Row r, StructField[] fields, boolean doubles) {
    StringBuilder k = new StringBuilder();
    for (int c = 0; c < fields.length; c++) {
      DataType t = fields[c].dataType();
      if ((isFloating(t) || t instanceof ArrayType at && isFloating(at.elementType())) == doubles) {
        k.append(r.isNullAt(c) ? "\u0000" : String.valueOf(r.get(c))).append('\u0001');
      }
    }
    return k.toString();
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
