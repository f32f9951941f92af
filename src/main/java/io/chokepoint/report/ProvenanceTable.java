package io.chokepoint.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Run section's "Where the input files come from": each input file with the provenance note
 * the manifest recorded from the {@code _provenance.json} beside it (real extract, hand-made or
 * compiled; source, licence), so a reader tells a finding from a fixture. A file without a note
 * says so.
 */
public final class ProvenanceTable {
  static final String NOT_STATED = "not stated (no _provenance.json entry beside the file)";

  private ProvenanceTable() {}

  public static String html(JsonNode manifest) {
    List<List<Object>> rows = new ArrayList<>();
    manifest.path("inputs").fields().forEachRemaining(in -> in.getValue().path("files").forEach(f -> {
      JsonNode p = f.path("provenance");
      rows.add(Arrays.asList(in.getKey(), f.path("path").asText(""), p.isMissingNode() ? NOT_STATED
          : p.path("kind").asText(""), p.path("source").asText(""), p.path("licence").asText(""),
          p.path("note").asText("")));
    }));
    if (rows.isEmpty()) {
      return "";
    }
    return "<h3>Where the input files come from</h3><div class=\"scroll\">" + Html.table(List.of("input", "file",
        "kind", "source", "licence", "note"), rows, 0) + "</div>";
  }

  /** The kind of one manifest file entry, for the inputs table: "hand-made", "real extract" … or empty. */
  public static String kind(JsonNode file) {
    return file.path("provenance").path("kind").asText("");
  }
}
