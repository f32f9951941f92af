package io.chokepoint.ingest;

import io.chokepoint.spec.Redaction;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a CSV file's first line and bytes tell: column names (trimmed, BOM removed, trailing empty
 * names dropped), the charset, the delimiter, the header's field count as written ({@code width},
 * trailing empty names included: every record must have as many fields) and whether records must
 * be read whole-file ({@code multiLine}: the file is small, or its sample has a quoted line
 * break). Columns are looked up by name, case-insensitively; names are unique (the sniffer refuses
 * a header that repeats one).
 */
public record CsvHeader(String file, List<String> names, Charset charset, char delimiter, int width,
    boolean multiLine) {

  public CsvHeader(String file, List<String> names, Charset charset, char delimiter) {
    this(file, names, charset, delimiter, names.size(), false);
  }

  public Optional<Integer> index(String name) {
    return Optional.ofNullable(lowerIndex().get(name.toLowerCase(Locale.ROOT)));
  }

  public boolean has(String name) {
    return index(name).isPresent();
  }

  public boolean hasAll(List<String> required) {
    return required.stream().allMatch(this::has);
  }

  public List<String> missing(List<String> required) {
    return required.stream().filter(n -> !has(n)).toList();
  }

  private Map<String, Integer> lowerIndex() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.putIfAbsent(names.get(i).toLowerCase(Locale.ROOT), i);
    }
    return m;
  }

  /**
   * The header for a message about a file that matched no layout: a short prefix, printable
   * ASCII only ({@link Redaction#foreign}), since the file may be anything (a private or binary file).
   */
  public String preview() {
    return Redaction.foreign(String.join(",", names));
  }

  /** Same layout: the same names, width, charset and delimiter, so the files can be read together. */
  public String layoutKey() {
    return charset.name() + "|" + delimiter + "|" + width + "|" + String.join("\u0001", names);
  }
}
