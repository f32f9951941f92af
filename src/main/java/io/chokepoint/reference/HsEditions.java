package io.chokepoint.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;

/**
 * How the codes of the stage reference moved between HS editions ({@code hs-editions.csv}:
 * from_edition, from_hs6, to_edition, to_hs6, relationship, group_id, source), from the UN Comtrade
 * correlation tables. A {@code 1:n} link is a split: HS2017 8112.92 lost hafnium and rhenium to
 * 8112.31 and 8112.41, so a series across 2022 stays comparable only when the parts are summed. An
 * {@code n:n} link ties a code into a wider group (8505.11 through the new heading 8549): such a
 * series is flagged, never mapped silently.
 */
public final class HsEditions {
  static final String BUNDLED = "hs-editions.csv";
  public static final List<String> RELATIONSHIPS = List.of("1:1", "1:n", "n:1", "n:n");

  /** One concordance link. */
  public record Link(String fromEdition, String fromHs6, String toEdition, String toHs6, String relationship,
      String groupId) {}

  private final List<Link> links;

  private HsEditions(List<Link> links) {
    this.links = List.copyOf(links);
  }

  public static HsEditions load(String path, Configuration conf) {
    List<CSVRecord> recs = ReferenceFiles.read(path, BUNDLED,
        List.of("from_edition", "from_hs6", "to_edition", "to_hs6", "relationship", "group_id", "source"), conf);
    List<Link> out = new ArrayList<>();
    for (CSVRecord r : recs) {
      for (String c : List.of("from_hs6", "to_hs6")) {
        if (!r.get(c).matches("\\d{6}")) {
          throw ReferenceFiles.bad(path, BUNDLED, r, c + " '" + r.get(c) + "' is not six digits");
        }
      }
      for (String c : List.of("from_edition", "to_edition")) {
        if (!r.get(c).matches("HS\\d{4}")) {
          throw ReferenceFiles.bad(path, BUNDLED, r, c + " '" + r.get(c) + "' is not an HS edition (HS2017)");
        }
      }
      if (!RELATIONSHIPS.contains(r.get("relationship"))) {
        throw ReferenceFiles.bad(path, BUNDLED, r, "relationship '" + r.get("relationship") + "' is not one of "
            + RELATIONSHIPS);
      }
      out.add(new Link(r.get("from_edition"), r.get("from_hs6"), r.get("to_edition"), r.get("to_hs6"),
          r.get("relationship"), r.get("group_id")));
    }
    return new HsEditions(out);
  }

  public List<Link> links() {
    return links;
  }

  /** The codes a split carved out of an older code, each with that code: {@code 811231 → 811292}. */
  public Map<String, String> splitParts() {
    Map<String, String> out = new TreeMap<>();
    links.stream().filter(l -> l.relationship().equals("1:n") && !l.toHs6().equals(l.fromHs6()))
        .forEach(l -> out.put(l.toHs6(), l.fromHs6()));
    return out;
  }

  /** Codes tied into a many-to-many group, with the group (on either side of the link). */
  public Map<String, String> manyToMany() {
    Map<String, String> out = new TreeMap<>();
    links.stream().filter(l -> l.relationship().equals("n:n")).forEach(l -> {
      out.put(l.fromHs6(), l.groupId());
      out.put(l.toHs6(), l.groupId());
    });
    return out;
  }
}
