package io.chokepoint.reference;

import io.chokepoint.error.InputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * HS code prefixes mapped to a commodity group and a stage (ore, compound, metal, magnet ...). No
 * prefix may start another, so an HS code falls in at most one group.
 */
public final class CommodityGroups {
  static final String BUNDLED = "commodity_groups.csv";
  public static final String PREFIX = "hs_prefix";
  public static final String GROUP = "commodity_group";
  public static final String STAGE = "stage";

  /** One row of the table. */
  public record Entry(String hsPrefix, String group, String stage, String description) {}

  private final List<Entry> entries;

  private CommodityGroups(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static CommodityGroups load(String path, Configuration conf) {
    List<CSVRecord> recs = ReferenceFiles.read(path, BUNDLED, List.of(PREFIX, GROUP, STAGE), conf);
    List<Entry> out = new ArrayList<>();
    for (CSVRecord r : recs) {
      String p = r.get(PREFIX);
      if (!p.matches("\\d{2,10}")) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "hs_prefix '" + p + "' is not 2 to 10 digits");
      }
      if (r.get(GROUP).isEmpty() || r.get(STAGE).isEmpty()) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "empty commodity_group or stage");
      }
      for (Entry e : out) {
        if (e.hsPrefix().startsWith(p) || p.startsWith(e.hsPrefix())) {
          throw ReferenceFiles.bad(path, BUNDLED, r, "hs_prefix " + p + " overlaps " + e.hsPrefix());
        }
      }
      out.add(new Entry(p, r.get(GROUP), r.get(STAGE), r.isMapped("description") ? r.get("description") : ""));
    }
    if (out.isEmpty()) {
      throw new InputException((path == null ? BUNDLED : path) + ": no commodity groups");
    }
    return new CommodityGroups(out);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** {@value #PREFIX}, {@value #GROUP}, {@value #STAGE}: one row per prefix. */
  public Dataset<Row> table(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    entries.forEach(e -> rows.add(RowFactory.create(e.hsPrefix(), e.group(), e.stage())));
    StructType schema = new StructType()
        .add(PREFIX, DataTypes.StringType, false)
        .add(GROUP, DataTypes.StringType, false)
        .add(STAGE, DataTypes.StringType, false);
    return spark.createDataFrame(rows, schema);
  }
}
