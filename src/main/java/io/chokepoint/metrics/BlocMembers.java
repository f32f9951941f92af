package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.chokepoint.reference.Blocs;
import io.chokepoint.schema.ChainColumns;
import io.chokepoint.spec.BlocRef;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Who is in a bloc in a year, and territories counted as their states: the two lookups every bloc
 * output makes, as broadcast joins.
 */
public final class BlocMembers {
  /** The position of a bloc in the job's list (the first bloc a country is in is its bloc). */
  public static final String ORDER = "_bloc_order";

  private BlocMembers() {}

  /** bloc, iso3, member_from, member_to (null: open), {@link #ORDER}: the members of the job's blocs. */
  public static Dataset<Row> table(SparkSession spark, List<BlocRef> blocs) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < blocs.size(); i++) {
      for (Blocs.Member m : blocs.get(i).members()) {
        rows.add(RowFactory.create(blocs.get(i).name(), m.iso3(), m.from(), m.to(), i));
      }
    }
    return spark.createDataFrame(rows, new StructType()
        .add(ChainColumns.BLOC, DataTypes.StringType, false)
        .add(ChainColumns.ISO3, DataTypes.StringType, false)
        .add(ChainColumns.MEMBER_FROM, DataTypes.IntegerType, true)
        .add(ChainColumns.MEMBER_TO, DataTypes.IntegerType, true)
        .add(ORDER, DataTypes.IntegerType, false));
  }

  /** Whether membership row {@code m} (prefixed columns) holds in {@code year}. */
  static Column during(Dataset<Row> m, Column year) {
    return m.col(ChainColumns.MEMBER_FROM).isNull().or(m.col(ChainColumns.MEMBER_FROM).leq(year))
        .and(m.col(ChainColumns.MEMBER_TO).isNull().or(year.leq(m.col(ChainColumns.MEMBER_TO))));
  }

  /**
   * {@code rows} with {@code flag}: whether {@code iso3Column} is a member, in the row's year, of the
   * bloc named in {@code blocColumn} (false when that bloc is null).
   */
  public static Dataset<Row> flag(Dataset<Row> rows, String iso3Column, String blocColumn, String yearColumn,
      Dataset<Row> members, String flag) {
    Dataset<Row> m = broadcast(members.select(col(ChainColumns.BLOC).as("_m_bloc"), col(ChainColumns.ISO3).as("_m_iso3"),
        col(ChainColumns.MEMBER_FROM), col(ChainColumns.MEMBER_TO)));
    Column on = col("_m_bloc").equalTo(col(blocColumn)).and(col("_m_iso3").equalTo(col(iso3Column)))
        .and(during(m, col(yearColumn)));
    return rows.join(m, on, "left").withColumn(flag, col("_m_iso3").isNotNull())
        .drop("_m_bloc", "_m_iso3", ChainColumns.MEMBER_FROM, ChainColumns.MEMBER_TO);
  }

  /**
   * {@code rows} with {@code iso3Column} counted as its sovereign state when {@code sovereign} (New
   * Caledonia as France); as they are otherwise. {@code territories}: territory_iso3, sovereign_iso3.
   */
  public static Dataset<Row> territories(Dataset<Row> rows, String iso3Column, Dataset<Row> territories,
      boolean sovereign) {
    if (!sovereign) {
      return rows;
    }
    Dataset<Row> t = broadcast(territories.select(col(ChainColumns.TERRITORY).as("_t_iso3"),
        col(ChainColumns.SOVEREIGN).as("_t_state")));
    return rows.join(t, col(iso3Column).equalTo(col("_t_iso3")), "left")
        .withColumn(iso3Column, coalesce(col("_t_state"), col(iso3Column))).drop("_t_iso3", "_t_state");
  }

  /** A constant column of the territory rule, for every bloc output. */
  static Column rule(String territories) {
    return lit(territories).as(ChainColumns.TERRITORIES);
  }
}
