package io.chokepoint.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where an input file comes from, as the {@value #SIDECAR} beside it says: an object per file of
 * its folder, by file name, with {@code kind} ({@code real extract}, {@code hand-made} or
 * {@code compiled}), {@code source}, {@code licence} and {@code note}. The manifest records it per input file and the run report
 * shows it, so a reader can tell a finding from a fixture. The sidecar's name starts with '_', so
 * reading the folder as an input skips it. A file without a line (or a folder without a sidecar)
 * has no provenance note: nothing is guessed.
 */
public final class Provenance {
  public static final String SIDECAR = "_provenance.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The keys of a file's note, in the order the manifest records them. */
  static final String[] COLUMNS = {"kind", "source", "licence", "note"};

  private Provenance() {}

  /** Reads the provenance notes of input files, each folder's sidecar once. */
  public static final class Lookup {
    private final Configuration conf;
    private final Map<String, Map<String, Map<String, String>>> byFolder = new HashMap<>();

    public Lookup(Configuration conf) {
      this.conf = conf;
    }

    /** The note on {@code file} (kind, source, licence, note), or an empty map when its folder's sidecar has none. */
    public Map<String, String> of(String file) {
      if (file.startsWith(SourceFiles.JAR)) {
        return Map.of();
      }
      Path p = new Path(file);
      Path folder = p.getParent();
      if (folder == null) {
        return Map.of();
      }
      return byFolder.computeIfAbsent(folder.toString(), f -> read(new Path(folder, SIDECAR)))
          .getOrDefault(p.getName(), Map.of());
    }

    private Map<String, Map<String, String>> read(Path sidecar) {
      Map<String, Map<String, String>> out = new HashMap<>();
      try {
        FileSystem fs = sidecar.getFileSystem(conf);
        if (!fs.exists(sidecar)) {
          return out;
        }
        try (InputStream in = fs.open(sidecar)) {
          JsonNode root = JSON.readTree(in);
          root.fields().forEachRemaining(e -> {
            Map<String, String> note = new LinkedHashMap<>();
            for (String c : COLUMNS) {
              JsonNode v = e.getValue().get(c);
              if (v != null && v.isTextual() && !v.asText().isBlank()) {
                note.put(c, v.asText().strip());
              }
            }
            out.put(e.getKey(), java.util.Collections.unmodifiableMap(note));
          });
        }
      } catch (IOException | RuntimeException e) {
        // A provenance note is information, never a reason to stop a run: an unreadable sidecar gives none.
        return out;
      }
      return out;
    }
  }
}
