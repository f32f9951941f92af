package io.chokepoint.spec;

import java.util.List;

/**
 * One named input of a job: one or more Hadoop paths (files, folders or globs) in one format.
 *
 * @param name the input's key in the spec, e.g. {@code trade_flows}
 * @param paths fully qualified paths, in spec order
 * @param format a format name from {@link Formats}
 * @param encoding a charset name to force, or null to detect (UTF-8 with or without BOM, else Latin-1)
 */
public record InputSpec(String name, List<String> paths, String format, String encoding) {}
