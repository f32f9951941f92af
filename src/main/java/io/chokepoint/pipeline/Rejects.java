package io.chokepoint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.chokepoint.schema.RowStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code rejects} table: input, source_file, line (null where the reader cannot tell), raw, reason. */
final class Rejects {
  static final String TABLE = "rejects";
  static final StructType SCHEMA = new StructType()
      .add("input", DataTypes.StringType, false)
      .add("source_file", DataTypes.StringType, true)
      .add("line", DataTypes.LongType, true)
      .add("raw", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, false);

  private Rejects() {}

  /** The rejected rows of an ingested Dataset (one carrying {@link RowStatus} columns). */
  static Dataset<Row> of(String input, Dataset<Row> ingested) {
    return ingested.where(col(RowStatus.STATUS).equalTo(RowStatus.REJECTED)).select(
        lit(input).as("input"),
        col(RowStatus.SOURCE_FILE).as("source_file"),
        (java.util.List.of(ingested.columns()).contains(RowStatus.LINE) ? col(RowStatus.LINE).cast(DataTypes.LongType)
            : lit(null).cast(DataTypes.LongType)).as("line"),
        col(RowStatus.RAW).as("raw"),
        col(RowStatus.REJECT_REASON).as("reason"));
  }
}
