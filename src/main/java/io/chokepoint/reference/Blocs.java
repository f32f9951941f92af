package io.chokepoint.reference;

import io.chokepoint.schema.ChainColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The blocs shipped in the jar ({@code blocs.csv}: bloc, iso3, member_from, member_to, source),
 * dated: a country counts for year Y when member_from ≤ Y and (member_to is empty or Y ≤
 * member_to), the years of membership on 31 December (the UK is in the EU 1973–2019, a member that
 * joined in June 2022 counts from 2022). G7, QUAD, the Minerals Security Partnership (MSP, each
 * partner's year; MSP_EU adds the EU's member states from 2022), IEA, EU27, EU (with the UK) and
 * MOD, the seed articles' "market of democracies" (Japan, the US, the UK and the EU's members of
 * each year). Read without Spark, so the spec loader can check a bloc name before anything runs.
 */
public final class Blocs {
  static final String BUNDLED = "blocs.csv";

  /** A member and its years (to null: still a member; from null: a bloc listed in a job, every year). */
  public record Member(String iso3, Integer from, Integer to) {
    public boolean in(int year) {
      return (from == null || from <= year) && (to == null || year <= to);
    }
  }

  private final Map<String, List<Member>> members;

  private Blocs(Map<String, List<Member>> members) {
    this.members = members;
  }

  /** The table shipped in the jar. */
  public static Blocs bundled() {
    Map<String, List<Member>> m = new LinkedHashMap<>();
    for (CSVRecord r : ReferenceFiles.read(null, BUNDLED,
        List.of(ChainColumns.BLOC, ChainColumns.ISO3, ChainColumns.MEMBER_FROM, ChainColumns.MEMBER_TO, "source"), null)) {
      String iso3 = r.get(ChainColumns.ISO3).trim().toUpperCase(Locale.ROOT);
      if (!iso3.matches("[A-Z]{3}")) {
        throw ReferenceFiles.bad(null, BUNDLED, r, "iso3 '" + r.get(ChainColumns.ISO3) + "' is not three letters");
      }
      Integer from = year(r, ChainColumns.MEMBER_FROM);
      Integer to = year(r, ChainColumns.MEMBER_TO);
      if (from == null || to != null && to < from) {
        throw ReferenceFiles.bad(null, BUNDLED, r, "member_from must be a year and member_to empty or not before it");
      }
      m.computeIfAbsent(r.get(ChainColumns.BLOC).trim(), k -> new ArrayList<>()).add(new Member(iso3, from, to));
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return new Blocs(m);
  }

  private static Integer year(CSVRecord r, String column) {
    String v = r.get(column).trim();
    if (v.isEmpty()) {
      return null;
    }
    if (!v.matches("\\d{4}")) {
      throw ReferenceFiles.bad(null, BUNDLED, r, column + " '" + v + "' is not a year");
    }
    return Integer.valueOf(v);
  }

  /** The bloc names, in file order. */
  public List<String> names() {
    return List.copyOf(members.keySet());
  }

  /** Every country that was ever a member (ISO3) of {@code bloc}, matched without regard to case. */
  public Optional<List<String>> members(String bloc) {
    return memberships(bloc).map(l -> l.stream().map(Member::iso3).distinct().toList());
  }

  /** The dated members of {@code bloc}, matched without regard to case. */
  public Optional<List<Member>> memberships(String bloc) {
    return members.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(bloc.trim())).map(Map.Entry::getValue)
        .findFirst();
  }

  /** The bloc's name as the table writes it ({@code msp} → {@code MSP}). */
  public Optional<String> canonicalName(String bloc) {
    return members.keySet().stream().filter(k -> k.equalsIgnoreCase(bloc.trim())).findFirst();
  }

  /**
   * Membership rows of the named blocs: bloc, iso3, member_from, member_to (null = open), in the
   * order given. {@code blocs}: bloc name → its members.
   */
  public static Dataset<Row> table(SparkSession spark, Map<String, List<Member>> blocs) {
    List<Row> rows = new ArrayList<>();
    blocs.forEach((name, ms) -> ms.forEach(m -> rows.add(RowFactory.create(name, m.iso3(), m.from(), m.to()))));
    return spark.createDataFrame(rows, new StructType()
        .add(ChainColumns.BLOC, DataTypes.StringType, false)
        .add(ChainColumns.ISO3, DataTypes.StringType, false)
        .add(ChainColumns.MEMBER_FROM, DataTypes.IntegerType, true)
        .add(ChainColumns.MEMBER_TO, DataTypes.IntegerType, true));
  }
}
