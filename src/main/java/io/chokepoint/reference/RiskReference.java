package io.chokepoint.reference;

import io.chokepoint.schema.RiskColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The supply-risk reference tables shipped in the jar: which production table stands for each
 * material stage ({@code risk-materials.csv}), the material groups ({@code risk-material-groups.csv}:
 * HREE, LREE), country shares published for stages no production table covers
 * ({@code risk-published-shares.csv}), the six-digit HS codes that stand for a material stage in
 * trade ({@code risk-material-hs.csv}, for the bloc-sourcing term; the bloc members are in
 * {@link Blocs}).
 */
public final class RiskReference {
  static final String MATERIALS = "risk-materials.csv";
  static final String GROUPS = "risk-material-groups.csv";
  static final String SHARES = "risk-published-shares.csv";
  static final String HS = "risk-material-hs.csv";

  private final List<CSVRecord> materials;
  private final List<CSVRecord> groups;
  private final List<CSVRecord> shares;
  private final List<CSVRecord> hs;

  private RiskReference(String materialsPath, String groupsPath, String sharesPath, String hsPath,
      Configuration conf, Countries countries) {
    this.materials = ReferenceFiles.read(materialsPath, MATERIALS, List.of("material", "stage", "data_source",
        "commodity", "production_stage"), conf);
    this.groups = ReferenceFiles.read(groupsPath, GROUPS, List.of("material", "material_group"), conf);
    this.shares = ReferenceFiles.read(sharesPath, SHARES, List.of("material", "stage", "iso3", "share"), conf);
    this.hs = ReferenceFiles.read(hsPath, HS, List.of("material", "stage", "hs_code"), conf);
    checkStages(materials, materialsPath, MATERIALS);
    checkStages(hs, hsPath, HS);
    for (CSVRecord r : hs) {
      if (!r.get(RiskColumns.HS_CODE).matches("[0-9]{6}")) {
        throw ReferenceFiles.bad(hsPath, HS, r, "hs_code '" + r.get(RiskColumns.HS_CODE) + "' is not six digits");
      }
    }
    for (CSVRecord r : shares) {
      if (countries.byAlpha(r.get("iso3")).isEmpty()) {
        throw ReferenceFiles.bad(sharesPath, SHARES, r, "unknown country '" + r.get("iso3") + "'");
      }
      try {
        double s = Double.parseDouble(r.get(RiskColumns.SHARE));
        if (!(s >= 0 && s <= 1)) {
          throw ReferenceFiles.bad(sharesPath, SHARES, r, "share " + s + " is outside [0, 1]");
        }
      } catch (NumberFormatException e) {
        throw ReferenceFiles.bad(sharesPath, SHARES, r, "share '" + r.get(RiskColumns.SHARE) + "' is not a number");
      }
    }
  }

  private static void checkStages(List<CSVRecord> rows, String path, String file) {
    for (CSVRecord r : rows) {
      String stage = r.get(RiskColumns.STAGE);
      if (!stage.equals(RiskColumns.EXTRACTION) && !stage.equals(RiskColumns.PROCESSING)) {
        throw ReferenceFiles.bad(path, file, r, "stage '" + stage + "' is not extraction or processing");
      }
    }
  }

  /** The tables shipped in the jar; country codes are checked against {@code countries}. */
  public static RiskReference bundled(Configuration conf, Countries countries) {
    return load(null, null, null, null, conf, countries);
  }

  /**
   * The job's own tables where it names them (Hadoop paths), the jar's where a path is null:
   * {@code risk-materials.csv}, {@code risk-material-groups.csv}, {@code risk-published-shares.csv},
   * {@code risk-material-hs.csv}. Country codes are checked against {@code countries}; a bad file
   * is an input error naming it and the line.
   */
  public static RiskReference load(String materials, String groups, String publishedShares, String materialHs,
      Configuration conf, Countries countries) {
    return new RiskReference(materials, groups, publishedShares, materialHs, conf, countries);
  }

  /** material, material_key, stage, data_source, commodity, production_stage. */
  public Dataset<Row> materials(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (CSVRecord r : materials) {
      rows.add(RowFactory.create(r.get("material"), key(r.get("material")), r.get("stage"), r.get("data_source"),
          emptyAsNull(r.get("commodity")), emptyAsNull(r.get("production_stage"))));
    }
    return spark.createDataFrame(rows, new StructType()
        .add(RiskColumns.MATERIAL, DataTypes.StringType).add(RiskColumns.MATERIAL_KEY, DataTypes.StringType)
        .add(RiskColumns.STAGE, DataTypes.StringType).add(RiskColumns.DATA_SOURCE, DataTypes.StringType)
        .add(RiskColumns.COMMODITY, DataTypes.StringType).add(RiskColumns.PRODUCTION_STAGE, DataTypes.StringType));
  }

  /** material_key, material_group. */
  public Dataset<Row> groups(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (CSVRecord r : groups) {
      rows.add(RowFactory.create(key(r.get("material")), r.get("material_group")));
    }
    return spark.createDataFrame(rows, new StructType()
        .add(RiskColumns.MATERIAL_KEY, DataTypes.StringType).add(RiskColumns.MATERIAL_GROUP, DataTypes.StringType));
  }

  /** material_key, stage, country_iso3, share. */
  public Dataset<Row> publishedShares(SparkSession spark, Countries countries) {
    List<Row> rows = new ArrayList<>();
    for (CSVRecord r : shares) {
      rows.add(RowFactory.create(key(r.get("material")), r.get("stage"),
          countries.byAlpha(r.get("iso3")).orElseThrow().iso3(), Double.parseDouble(r.get("share"))));
    }
    return spark.createDataFrame(rows, new StructType()
        .add(RiskColumns.MATERIAL_KEY, DataTypes.StringType).add(RiskColumns.STAGE, DataTypes.StringType)
        .add(RiskColumns.COUNTRY_ISO3, DataTypes.StringType).add(RiskColumns.SHARE, DataTypes.DoubleType));
  }

  /** material, material_key, stage, hs_code (six digits). */
  public Dataset<Row> materialHs(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (CSVRecord r : hs) {
      rows.add(RowFactory.create(r.get("material"), key(r.get("material")), r.get("stage"), r.get("hs_code")));
    }
    return spark.createDataFrame(rows, new StructType()
        .add(RiskColumns.MATERIAL, DataTypes.StringType).add(RiskColumns.MATERIAL_KEY, DataTypes.StringType)
        .add(RiskColumns.STAGE, DataTypes.StringType).add(RiskColumns.HS_CODE, DataTypes.StringType));
  }

  /** The key materials are matched on: the EU files spell the same name in different cases. */
  public static String key(String material) {
    return material.trim().toLowerCase(Locale.ROOT);
  }

  private static String emptyAsNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

}
