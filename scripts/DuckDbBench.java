import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The DuckDB baseline of scripts/bench: the same HS6 supplier shares and HHI as
 * PlainSparkBench, from the same BACI CSV (t,i,j,k,v,q), written as two Parquet files. DuckDB
 * runs in process through its JDBC driver (a bench-only download, never in the product jar), with
 * as many threads as the machine has cores and the product's driver heap as its memory limit.
 *
 * <p>java -cp duckdb_jdbc.jar scripts/DuckDbBench.java IN.csv OUT_DIR MEMORY_LIMIT
 */
public class DuckDbBench {
  public static void main(String[] args) throws Exception {
    String in = args[0].replace("'", "''");
    String out = args[1].replace("'", "''");
    new java.io.File(args[1]).mkdirs();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET memory_limit = '" + args[2] + "'");
      s.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
      s.execute("SET temp_directory = '" + out + "/duckdb.tmp'");
      s.execute("CREATE TEMP TABLE shares AS "
          + "WITH by_supplier AS (SELECT t, j, k, i, sum(v) AS value_usd FROM read_csv('" + in + "', header = true, "
          + "columns = {'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER', 'k': 'VARCHAR', 'v': 'DOUBLE', 'q': 'VARCHAR'}) "
          + "GROUP BY t, j, k, i) "
          + "SELECT *, CASE WHEN sum(value_usd) OVER w > 0 THEN value_usd / sum(value_usd) OVER w END AS share "
          + "FROM by_supplier WINDOW w AS (PARTITION BY t, j, k)");
      s.execute("COPY shares TO '" + out + "/supplier_shares.parquet' (FORMAT parquet)");
      s.execute("COPY (SELECT t, j, k, sum(pow(share * 100, 2)) AS hhi, max(share) AS top1_share, count(*) AS suppliers "
          + "FROM shares GROUP BY t, j, k) TO '" + out + "/concentration.parquet' (FORMAT parquet)");
    }
  }
}
