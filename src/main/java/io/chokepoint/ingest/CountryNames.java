package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.chokepoint.reference.Countries;
import io.chokepoint.reference.Country;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Resolves country names (or ISO3 codes) written in a column through the reference's names and
 * aliases. Only the distinct names travel to the driver (a few hundred at most); rows are joined
 * back in Spark. A name that matches nothing gets null ISO3, for the caller to reject by name.
 */
public final class CountryNames {
  private CountryNames() {}

  /** Adds {@code iso3Out} and {@code kindOut} for the name in {@code name}. */
  public static Dataset<Row> resolve(Dataset<Row> rows, Column name, Countries countries, String iso3Out,
      String kindOut) {
    Dataset<Row> withKey = rows.withColumn("_name_key", name);
    List<String> names = withKey.select(col("_name_key")).where(col("_name_key").isNotNull()).distinct()
        .as(Encoders.STRING()).collectAsList();
    List<Row> found = new ArrayList<>();
    for (String n : names) {
      countries.byName(n).or(() -> countries.byAlpha(n)).ifPresent((Country c) ->
          found.add(RowFactory.create(n, c.iso3(), c.kind())));
    }
    StructType schema = new StructType().add("_name_match", DataTypes.StringType).add(iso3Out, DataTypes.StringType)
        .add(kindOut, DataTypes.StringType);
    Dataset<Row> lookup = rows.sparkSession().createDataFrame(found, schema);
    return withKey.join(broadcast(lookup), col("_name_key").equalTo(col("_name_match")), "left")
        .drop("_name_key", "_name_match");
  }
}
