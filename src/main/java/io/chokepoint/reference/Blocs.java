package io.chokepoint.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;

/**
 * The importing blocs shipped in the jar ({@code blocs.csv}: bloc, iso3): e.g. {@code EU27} and its
 * members. Read without Spark, so the spec loader can check a bloc name before anything runs.
 */
public final class Blocs {
  static final String BUNDLED = "blocs.csv";

  private final Map<String, List<String>> members;

  private Blocs(Map<String, List<String>> members) {
    this.members = members;
  }

  /** The table shipped in the jar. */
  public static Blocs bundled() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (CSVRecord r : ReferenceFiles.read(null, BUNDLED, List.of("bloc", "iso3"), null)) {
      String iso3 = r.get("iso3").trim().toUpperCase(Locale.ROOT);
      if (!iso3.matches("[A-Z]{3}")) {
        throw ReferenceFiles.bad(null, BUNDLED, r, "iso3 '" + r.get("iso3") + "' is not three letters");
      }
      m.computeIfAbsent(r.get("bloc").trim(), k -> new ArrayList<>()).add(iso3);
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return new Blocs(m);
  }

  /** The bloc names, in file order. */
  public List<String> names() {
    return List.copyOf(members.keySet());
  }

  /** The members (ISO3) of {@code bloc}, matched without regard to case. */
  public Optional<List<String>> members(String bloc) {
    return members.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(bloc.trim())).map(Map.Entry::getValue)
        .findFirst();
  }
}
