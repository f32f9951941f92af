package io.chokepoint.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.chokepoint.error.UsageException;
import io.chokepoint.reference.Blocs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bloc a job names: a bloc of the jar's {@code blocs.csv} by name (its dated members), or a list
 * of ISO3 codes (members every year, named by the codes joined with {@code +}). Parsed when the
 * spec is loaded: an unknown name or a malformed code is exit 2 before anything runs; whether each
 * code is a country of the job's countries table is checked at preflight.
 *
 * @param name the bloc's name ({@code MOD}, {@code JPN+KOR})
 * @param members its dated members
 * @param listed whether the job listed the codes (else a bloc of blocs.csv)
 */
public record BlocRef(String name, List<Blocs.Member> members, boolean listed) {
  /** One bloc from a JSON value at {@code where} ({@code params.bloc}, {@code params.blocs[1]}). */
  static BlocRef parse(JsonNode v, String where) {
    if (v.isTextual()) {
      Blocs blocs = Blocs.bundled();
      String named = v.asText().trim();
      return blocs.memberships(named).map(m -> new BlocRef(blocs.canonicalName(named).orElseThrow(), m, false))
          .orElseThrow(() -> new UsageException(where + ": '" + named + "' is not a bloc of blocs.csv " + blocs.names()
              + "; give its members as a list of ISO3 codes instead, e.g. [\"JPN\", \"KOR\"]"));
    }
    if (v.isArray() && !v.isEmpty()) {
      List<String> codes = new ArrayList<>();
      for (JsonNode e : v) {
        String c = e.isTextual() ? e.asText().trim().toUpperCase(Locale.ROOT) : "";
        if (!c.matches("[A-Z]{3}")) {
          throw new UsageException(where + ": " + e + " is not an ISO3 country code");
        }
        if (!codes.contains(c)) {
          codes.add(c);
        }
      }
      return new BlocRef(String.join("+", codes), codes.stream().map(c -> new Blocs.Member(c, null, null)).toList(),
          true);
    }
    throw new UsageException(where + ": expected a bloc name of blocs.csv (e.g. \"EU27\") or a non-empty list of ISO3"
        + " codes (e.g. [\"JPN\", \"KOR\"]), got " + v);
  }

  /** Every country that is ever a member. */
  public List<String> codes() {
    return members.stream().map(Blocs.Member::iso3).distinct().toList();
  }
}
