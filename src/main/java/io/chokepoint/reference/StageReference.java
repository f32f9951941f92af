package io.chokepoint.reference;

import io.chokepoint.error.InputException;
import io.chokepoint.schema.ChainColumns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Six-digit HS codes mapped to a material and a value-chain stage ({@code stage-reference.csv}: hs6,
 * material, stage, purity, valid_from, description, source, note), each row citing its source. A
 * code may carry more than one material (2530.90: rare-earth and lithium concentrates): it then
 * has one row per material, each {@code shared}; a code that carries two stages of one material
 * (2846.90: separation feed and separated oxides) is {@code mixed-stage}. Such codes are counted
 * where the table puts them, and every output built on it says so.
 */
public final class StageReference {
  static final String BUNDLED = "stage-reference.csv";
  public static final List<String> STAGES = List.of("mining", "refining", "metal", "intermediate", "product", "scrap");
  public static final String EXCLUSIVE = "exclusive";
  public static final String SHARED = "shared";
  public static final String MIXED_STAGE = "mixed-stage";
  public static final List<String> PURITIES = List.of(EXCLUSIVE, SHARED, MIXED_STAGE);
  /** How a reference row maps its own code. */
  public static final String VIA_REFERENCE = "reference";

  /** One row: the code, its material, stage and purity, and the HS edition its scope dates from. */
  public record Entry(String hs6, String material, String stage, String purity, String validFrom) {}

  private final List<Entry> entries;

  private StageReference(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The table at {@code path}, or the one shipped in the jar when null; a bad row is exit 3 naming its line. */
  public static StageReference load(String path, Configuration conf) {
    List<CSVRecord> recs = ReferenceFiles.read(path, BUNDLED,
        List.of(ChainColumns.HS6, ChainColumns.MATERIAL, ChainColumns.STAGE, ChainColumns.PURITY, "valid_from", "source"),
        conf);
    List<Entry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CSVRecord r : recs) {
      String hs6 = r.get(ChainColumns.HS6);
      String material = r.get(ChainColumns.MATERIAL);
      String stage = r.get(ChainColumns.STAGE);
      String purity = r.get(ChainColumns.PURITY);
      if (!hs6.matches("\\d{6}")) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "hs6 '" + hs6 + "' is not six digits");
      }
      if (!material.matches("[a-z0-9_]+")) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "material '" + material + "' is not a name of a-z, 0-9 and '_'");
      }
      if (!STAGES.contains(stage)) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "stage '" + stage + "' is not one of " + STAGES);
      }
      if (!PURITIES.contains(purity)) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "purity '" + purity + "' is not one of " + PURITIES);
      }
      if (!r.get("valid_from").matches("HS\\d{4}")) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "valid_from '" + r.get("valid_from") + "' is not an HS edition (HS2017)");
      }
      if (r.get("source").isBlank()) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "no source");
      }
      if (!seen.add(hs6 + "|" + material)) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "hs6 " + hs6 + " is mapped to " + material + " twice");
      }
      out.add(new Entry(hs6, material, stage, purity, r.get("valid_from")));
    }
    if (out.isEmpty()) {
      throw new InputException((path == null ? BUNDLED : path) + ": no rows");
    }
    return new StageReference(out);
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * The purity of a material stage across its reference codes: {@code exclusive} when every code is,
   * else the other purities its codes have, joined by {@code +} ({@code shared}, {@code mixed-stage},
   * {@code shared+mixed-stage}). A code carried by two materials is shared for both.
   */
  public String stagePurity(String material, String stage) {
    Set<String> p = new TreeSet<>();
    entries.stream().filter(e -> e.material().equals(material) && e.stage().equals(stage)).map(Entry::purity)
        .filter(x -> !x.equals(EXCLUSIVE)).forEach(p::add);
    return p.isEmpty() ? EXCLUSIVE : String.join("+", p);
  }

  /**
   * The codes a material stage is counted from: every reference row ({@code via} = reference), plus
   * each code that an HS2022 split carved out of a reference code (a {@code 1:n} link of
   * {@code editions}), mapped as its parent so a series across the break sums to the parent's old
   * scope ({@code via} = {@code hs2022 split of <parent>}). Columns: hs6, material, stage, purity
   * (the parent's), via.
   */
  public Dataset<Row> codes(SparkSession spark, HsEditions editions) {
    List<Row> rows = new ArrayList<>();
    Set<String> own = new LinkedHashSet<>();
    entries.forEach(e -> own.add(e.hs6()));
    for (Entry e : entries) {
      rows.add(RowFactory.create(e.hs6(), e.material(), e.stage(), e.purity(), VIA_REFERENCE));
    }
    for (Map.Entry<String, String> part : editions.splitParts().entrySet()) {
      if (own.contains(part.getKey())) {
        continue;
      }
      for (Entry parent : entries) {
        if (parent.hs6().equals(part.getValue())) {
          rows.add(RowFactory.create(part.getKey(), parent.material(), parent.stage(), parent.purity(),
              "hs2022 split of " + parent.hs6()));
        }
      }
    }
    StructType schema = new StructType()
        .add(ChainColumns.HS6, DataTypes.StringType, false)
        .add(ChainColumns.MATERIAL, DataTypes.StringType, false)
        .add(ChainColumns.STAGE, DataTypes.StringType, false)
        .add(ChainColumns.PURITY, DataTypes.StringType, false)
        .add(ChainColumns.VIA, DataTypes.StringType, false);
    return spark.createDataFrame(rows, schema);
  }

  /**
   * The purity ({@link #stagePurity}) of the material stage a {@code material/stage} column names, as
   * a column (a literal map looked up: no join); null for a value that is none of the table's.
   */
  public Column stagePurity(Column materialStage) {
    Set<String> keys = new LinkedHashSet<>();
    entries.forEach(e -> keys.add(e.material() + "/" + e.stage()));
    List<Column> kv = new ArrayList<>();
    for (String k : keys) {
      String[] ms = k.split("/", 2);
      kv.add(functions.lit(k));
      kv.add(functions.lit(stagePurity(ms[0], ms[1])));
    }
    return functions.element_at(functions.map(kv.toArray(Column[]::new)), materialStage);
  }
}
