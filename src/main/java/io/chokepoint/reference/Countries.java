package io.chokepoint.reference;

import io.chokepoint.error.InputException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The country reference: numeric codes, ISO3, names and aliases, with lookups on the driver and a
 * small lookup table for Spark joins. Loaded from the jar unless a job names its own file.
 */
public final class Countries {
  static final String BUNDLED = "countries.csv";
  /** Lookup-table columns (see {@link #lookupTable}). */
  public static final String KEY = "lookup_key";
  public static final String ISO3 = "lookup_iso3";
  public static final String KIND = "lookup_kind";

  private static final Pattern ALPHA_CODE = Pattern.compile("[A-Z0-9_]{2,4}");

  private final List<Country> rows;
  private final Map<Integer, Country> byCode = new HashMap<>();
  private final Map<String, Country> byAlpha = new HashMap<>();
  private final Map<String, Country> byName = new HashMap<>();

  private Countries(List<Country> rows, String where) {
    this.rows = List.copyOf(rows);
    for (Country c : rows) {
      putUnique(byAlpha, c.iso3(), c, where);
      if (c.code() != null) {
        putUnique(byCode, c.code(), c, where);
      }
      for (Integer extra : c.extraCodes()) {
        putUnique(byCode, extra, c, where);
      }
    }
    for (Country c : rows) {
      for (String a : c.aliases()) {
        if (ALPHA_CODE.matcher(a).matches()) {
          byAlpha.putIfAbsent(a, c);
        }
      }
      for (String n : names(c)) {
        Country prev = byName.putIfAbsent(normalizeName(n), c);
        if (prev != null && prev != c) {
          throw new InputException(where + ": name '" + n + "' means both " + prev.iso3() + " and " + c.iso3());
        }
      }
    }
  }

  private static List<String> names(Country c) {
    List<String> out = new ArrayList<>();
    out.add(c.name());
    out.add(c.iso3());
    out.addAll(c.aliases());
    return out;
  }

  private static <K> void putUnique(Map<K, Country> map, K key, Country c, String where) {
    Country prev = map.putIfAbsent(key, c);
    if (prev != null) {
      throw new InputException(where + ": '" + key + "' is given to both " + prev.iso3() + " and " + c.iso3());
    }
  }

  /** Loads {@code path}, or the table shipped in the jar when {@code path} is null. */
  public static Countries load(String path, Configuration conf) {
    List<CSVRecord> recs = ReferenceFiles.read(path, BUNDLED, List.of("code", "iso3", "name", "kind"), conf);
    List<Country> rows = new ArrayList<>();
    for (CSVRecord r : recs) {
      String kind = r.get("kind");
      if (!PartnerKind.ALL.contains(kind)) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "kind '" + kind + "' is not one of " + PartnerKind.ALL);
      }
      if (r.get("iso3").isEmpty()) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "empty iso3");
      }
      try {
        rows.add(new Country(intOrNull(r.get("code")), r.get("iso3"),
            r.isMapped("iso_numeric") ? intOrNull(r.get("iso_numeric")) : null, r.get("name"), kind,
            r.isMapped("extra_codes") ? split(r.get("extra_codes")).stream().map(Integer::valueOf).toList() : List.of(),
            r.isMapped("aliases") ? split(r.get("aliases")) : List.of()));
      } catch (NumberFormatException e) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "a code is not a whole number (" + e.getMessage() + ")");
      }
    }
    return new Countries(rows, path == null ? "jar:/reference/" + BUNDLED : path);
  }

  private static Integer intOrNull(String s) {
    return s == null || s.isEmpty() ? null : Integer.valueOf(s);
  }

  private static List<String> split(String s) {
    return s == null || s.isEmpty() ? List.of() : Arrays.stream(s.split("\\|")).map(String::trim).toList();
  }

  public Optional<Country> byCode(int code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** By ISO3, or by an alpha alias such as S19, ZAR or WLD. */
  public Optional<Country> byAlpha(String alpha) {
    return alpha == null ? Optional.empty() : Optional.ofNullable(byAlpha.get(alpha.trim().toUpperCase(Locale.ROOT)));
  }

  /** By name or alias, compared after {@link #normalizeName}. */
  public Optional<Country> byName(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(byName.get(normalizeName(name)));
  }

  /** Lower case, accents and punctuation removed, '&' read as 'and', spaces collapsed. */
  public static String normalizeName(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    d = d.toLowerCase(Locale.ROOT).replace("&", " and ");
    return d.replaceAll("[^a-z0-9]+", " ").trim();
  }

  /** The key under which a numeric code is looked up in {@link #lookupTable}. */
  public static String codeKey(int code) {
    return "#" + code;
  }

  /**
   * One row per numeric code ({@code #842}) and per alpha code (ISO3 and alpha aliases), for a
   * broadcast join: {@value #KEY}, {@value #ISO3}, {@value #KIND}.
   */
  public Dataset<Row> lookupTable(SparkSession spark) {
    Map<String, Country> keys = new LinkedHashMap<>();
    byCode.forEach((code, c) -> keys.put(codeKey(code), c));
    byAlpha.forEach(keys::putIfAbsent);
    List<Row> out = new ArrayList<>();
    keys.forEach((k, c) -> out.add(RowFactory.create(k, c.iso3(), c.kind())));
    StructType schema = new StructType()
        .add(KEY, DataTypes.StringType, false)
        .add(ISO3, DataTypes.StringType, false)
        .add(KIND, DataTypes.StringType, false);
    return spark.createDataFrame(out, schema);
  }
}
