package io.chokepoint.reference;

import io.chokepoint.schema.ChainColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Territories that report or are reported apart from their sovereign state ({@code territories.csv}:
 * territory_iso3, sovereign_iso3, source, note): New Caledonia, French Polynesia, Réunion → France,
 * Greenland → Denmark … Hong Kong and Macao are separate customs territories and are not mapped.
 * Used when {@code params.territories} is {@code sovereign}: a territory then counts as its state.
 */
public final class Territories {
  static final String BUNDLED = "territories.csv";
  public static final String AS_REPORTED = "as_reported";
  public static final String SOVEREIGN = "sovereign";
  public static final List<String> RULES = List.of(AS_REPORTED, SOVEREIGN);

  private final Map<String, String> sovereign;

  private Territories(Map<String, String> sovereign) {
    this.sovereign = Map.copyOf(sovereign);
  }

  public static Territories load(String path, Configuration conf) {
    Map<String, String> out = new LinkedHashMap<>();
    for (CSVRecord r : ReferenceFiles.read(path, BUNDLED,
        List.of(ChainColumns.TERRITORY, ChainColumns.SOVEREIGN, "source"), conf)) {
      String t = r.get(ChainColumns.TERRITORY);
      String s = r.get(ChainColumns.SOVEREIGN);
      if (!t.matches("[A-Z]{3}") || !s.matches("[A-Z]{3}")) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "territory and sovereign must be ISO3 codes, got '" + t + "', '"
            + s + "'");
      }
      if (out.putIfAbsent(t, s) != null) {
        throw ReferenceFiles.bad(path, BUNDLED, r, t + " is mapped twice");
      }
    }
    return new Territories(out);
  }

  /** Territory ISO3 → sovereign ISO3. */
  public Map<String, String> sovereign() {
    return sovereign;
  }

  /** {@value ChainColumns#TERRITORY}, {@value ChainColumns#SOVEREIGN}: one row per territory. */
  public Dataset<Row> table(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    sovereign.forEach((t, s) -> rows.add(RowFactory.create(t, s)));
    return spark.createDataFrame(rows, new StructType().add(ChainColumns.TERRITORY, DataTypes.StringType, false)
        .add(ChainColumns.SOVEREIGN, DataTypes.StringType, false));
  }
}
