package io.chokepoint.reference;

import io.chokepoint.schema.ChainColumns;
import io.chokepoint.schema.SupplyColumns;
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
 * Which production series stands for a material's value-chain stage ({@code stage-production.csv}:
 * data_source, commodity, production_stage as the production readers name them, then material and
 * stage of the stage reference, and a source): BGS separates cobalt mine output from refined
 * cobalt, so the world production side of the value chain has both stages. A series the table
 * does not name (lithium minerals of mixed content, say) stays out.
 */
public final class StageProduction {
  static final String BUNDLED = "stage-production.csv";
  public static final String PRODUCTION_STAGE = "production_stage";

  /** One production series and the material stage it stands for. */
  public record Entry(String dataSource, String commodity, String productionStage, String material, String stage) {}

  private final List<Entry> entries;

  private StageProduction(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static StageProduction load(String path, Configuration conf) {
    List<Entry> out = new ArrayList<>();
    for (CSVRecord r : ReferenceFiles.read(path, BUNDLED, List.of(SupplyColumns.DATA_SOURCE, SupplyColumns.COMMODITY,
        PRODUCTION_STAGE, ChainColumns.MATERIAL, ChainColumns.STAGE, "source"), conf)) {
      if (!StageReference.STAGES.contains(r.get(ChainColumns.STAGE))) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "stage '" + r.get(ChainColumns.STAGE) + "' is not one of "
            + StageReference.STAGES);
      }
      out.add(new Entry(r.get(SupplyColumns.DATA_SOURCE), r.get(SupplyColumns.COMMODITY), r.get(PRODUCTION_STAGE),
          r.get(ChainColumns.MATERIAL), r.get(ChainColumns.STAGE)));
    }
    return new StageProduction(out);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** data_source, commodity, production_stage, material, stage: one row per series. */
  public Dataset<Row> table(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    entries.forEach(e -> rows.add(RowFactory.create(e.dataSource(), e.commodity(), e.productionStage(), e.material(),
        e.stage())));
    return spark.createDataFrame(rows, new StructType()
        .add(SupplyColumns.DATA_SOURCE, DataTypes.StringType, false)
        .add(SupplyColumns.COMMODITY, DataTypes.StringType, false)
        .add(PRODUCTION_STAGE, DataTypes.StringType, false)
        .add(ChainColumns.MATERIAL, DataTypes.StringType, false)
        .add(ChainColumns.STAGE, DataTypes.StringType, false));
  }
}
