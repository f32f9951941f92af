package io.chokepoint.spec;

import java.util.Collections;
import java.util.List;

/**
 * One named input of a job: one or more Hadoop paths (files, folders or globs), each read in its
 * own format (by default the input's).
 *
 * @param name the input's key in the spec, e.g. {@code trade_flows}
 * @param paths fully qualified paths, in spec order
 * @param format the input's format name from {@link Formats} (the first path's when each names its own)
 * @param encoding a charset name to force, or null to detect (UTF-8 with or without BOM, else Latin-1)
 * @param formats the format of each path, in the order of {@code paths}
 */
public record InputSpec(String name, List<String> paths, String format, String encoding, List<String> formats) {
  public InputSpec {
    paths = List.copyOf(paths);
    formats = List.copyOf(formats);
    if (formats.size() != paths.size()) {
      throw new IllegalArgumentException("one format per path");
    }
  }

  /** Every path in one format. */
  public InputSpec(String name, List<String> paths, String format, String encoding) {
    this(name, paths, format, encoding, Collections.nCopies(paths.size(), format));
  }
}
