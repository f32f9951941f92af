package io.chokepoint.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chokepoint.error.Failures;
import io.chokepoint.error.InputException;
import io.chokepoint.error.RunException;
import io.chokepoint.error.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a job spec (JSON), applies {@code --set} and {@code --output}, rejects unknown keys, checks
 * every value's type and qualifies every path. Needs no SparkSession.
 */
public final class SpecLoader {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> TOP = Set.of("name", "inputs", "output", "params", "quality", "reference");
  private static final Set<String> INPUT = Set.of("path", "format", "encoding");
  private static final Set<String> OUTPUT = Set.of("path", "format", "catalog", "namespace");
  private static final Set<String> QUALITY = Set.of("max_reject_ratio");
  private static final Set<String> REFERENCE = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("countries", "commodity_groups"), JobSpec.TABLES.stream())
      .collect(java.util.stream.Collectors.toUnmodifiableSet());
  static final double DEFAULT_MAX_REJECT_RATIO = 0.01;
  /** The charsets Spark's CSV reader accepts (Spark 4 refuses others). */
  static final List<String> SPARK_CHARSETS =
      List.of("UTF-8", "ISO-8859-1", "US-ASCII", "UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32");

  private SpecLoader() {}

  /**
   * @param specPath the spec file (a Hadoop path)
   * @param sets {@code KEY=VALUE} overrides, applied in order; VALUE is JSON when it parses as JSON,
   *     else a string
   * @param outputOverride replaces {@code output.path} when not null
   */
  public static JobSpec load(String specPath, List<String> sets, String outputOverride, Configuration conf) {
    ObjectNode root = parse(read(specPath, conf), specPath);
    for (String set : sets) {
      applySet(root, set);
    }
    if (outputOverride != null) {
      object(root, "output", "output").put("path", outputOverride);
    }
    return validate(root, specPath, conf);
  }

  private static String read(String specPath, Configuration conf) {
    try {
      Path p = new Path(specPath);
      FileSystem fs = p.getFileSystem(conf);
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      Optional<String> library = Failures.missingFileSystem(e);
      if (library.isPresent()) {
        throw new RunException("job spec " + specPath + ": " + library.get(), e);
      }
      throw new UsageException("job spec " + specPath + ": cannot be read (" + Failures.describe(e) + ")");
    }
  }

  static ObjectNode parse(String text, String where) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw new UsageException("job spec " + where + ": expected a JSON object");
      }
      return (ObjectNode) n;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new UsageException("job spec " + where + ": invalid JSON at line " + loc.getLineNr() + ", column "
          + loc.getColumnNr() + ": " + e.getOriginalMessage());
    }
  }

  /** Applies one {@code a.b.c=value}, creating objects on the way. */
  static void applySet(ObjectNode root, String set) {
    int eq = set.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("--set " + set + ": expected KEY=VALUE with a dotted KEY, e.g. params.focus_supplier=CHN");
    }
    String[] keys = set.substring(0, eq).split("\\.");
    String raw = set.substring(eq + 1);
    ObjectNode at = root;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode next = at.get(keys[i]);
      if (next == null || next.isNull()) {
        next = at.putObject(keys[i]);
      } else if (!next.isObject()) {
        throw new UsageException("--set " + set + ": '" + keys[i] + "' is not an object in the spec");
      }
      at = (ObjectNode) next;
    }
    at.set(keys[keys.length - 1], scalar(raw));
  }

  private static JsonNode scalar(String raw) {
    try {
      JsonNode v = JSON.readTree(raw);
      return v == null ? TextNode.valueOf(raw) : v;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(raw);
    }
  }

  private static JobSpec validate(ObjectNode root, String where, Configuration conf) {
    onlyKeys(root, TOP, "");
    String name = text(root, "name", "name", true);
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new UsageException("name: '" + name + "' may hold only letters, digits, '.', '_' and '-'");
    }

    ObjectNode inputsNode = object(root, "inputs", "inputs");
    if (inputsNode.isEmpty()) {
      throw new UsageException("inputs: a job needs at least one input");
    }
    Map<String, InputSpec> inputs = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = inputsNode.fields(); it.hasNext(); ) {
      var e = it.next();
      String in = e.getKey();
      List<String> formats = InputNames.FORMATS.get(in);
      if (formats == null) {
        throw new UsageException("inputs." + in + ": unknown input; known: " + InputNames.FORMATS.keySet());
      }
      ObjectNode node = object(inputsNode, in, "inputs." + in);
      onlyKeys(node, INPUT, "inputs." + in + ".");
      String format = text(node, "format", "inputs." + in + ".format", false);
      if (format != null && !formats.contains(format)) {
        throw new UsageException("inputs." + in + ".format: '" + format + "' is not one of " + formats);
      }
      List<String> paths = new ArrayList<>();
      List<String> pathFormats = new ArrayList<>();
      sources(node, "inputs." + in, format, formats, conf, paths, pathFormats);
      String encoding = text(node, "encoding", "inputs." + in + ".encoding", false);
      if (encoding != null && !SPARK_CHARSETS.contains(encoding.toUpperCase(java.util.Locale.ROOT))) {
        throw new UsageException("inputs." + in + ".encoding: '" + encoding + "' is not one of " + SPARK_CHARSETS);
      }
      inputs.put(in, new InputSpec(in, paths, format != null ? format : pathFormats.get(0), encoding, pathFormats));
    }

    ObjectNode out = object(root, "output", "output");
    onlyKeys(out, OUTPUT, "output.");
    String outPath = qualify(text(out, "path", "output.path", true), conf);
    out.put("path", outPath);
    String outFormat = text(out, "format", "output.format", false);
    outFormat = outFormat == null ? Formats.OUTPUT_PARQUET : outFormat;
    if (!Formats.OUTPUTS.contains(outFormat)) {
      throw new UsageException("output.format: '" + outFormat + "' is not one of " + Formats.OUTPUTS);
    }
    out.put("format", outFormat);
    String catalog = text(out, "catalog", "output.catalog", false);
    String namespace = text(out, "namespace", "output.namespace", false);
    catalog = catalog == null ? "chokepoint" : catalog;
    namespace = namespace == null ? name.replaceAll("[^A-Za-z0-9_]", "_") : namespace;
    for (String id : List.of(catalog, namespace)) {
      if (!id.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new UsageException("output: '" + id + "' is not a valid catalog or namespace name");
      }
    }

    ObjectNode params = root.has("params") ? object(root, "params", "params") : root.putObject("params");
    onlyKeys(params, ParamKeys.ALL, "params.");

    double maxReject = DEFAULT_MAX_REJECT_RATIO;
    if (root.has("quality")) {
      ObjectNode q = object(root, "quality", "quality");
      onlyKeys(q, QUALITY, "quality.");
      JsonNode r = q.get("max_reject_ratio");
      if (r != null) {
        if (!r.isNumber() || r.asDouble() < 0 || r.asDouble() > 1) {
          throw new UsageException("quality.max_reject_ratio: expected a number in [0, 1], got " + r);
        }
        maxReject = r.asDouble();
      }
    }

    String countries = null;
    String groups = null;
    java.util.Map<String, String> risk = new java.util.LinkedHashMap<>();
    if (root.has("reference")) {
      ObjectNode ref = object(root, "reference", "reference");
      onlyKeys(ref, REFERENCE, "reference.");
      countries = qualifyOptional(ref, "countries", conf);
      groups = qualifyOptional(ref, "commodity_groups", conf);
      for (String key : JobSpec.TABLES) {
        String path = qualifyOptional(ref, key, conf);
        if (path != null) {
          risk.put(key, path);
        }
      }
    }
    return new JobSpec(name, inputs, new OutputSpec(outPath, outFormat, catalog, namespace),
        JobParams.from(new Params(params)),
        maxReject,
        countries, groups, java.util.Map.copyOf(risk), root);
  }

  private static String qualifyOptional(ObjectNode node, String key, Configuration conf) {
    String v = text(node, key, "reference." + key, false);
    if (v == null) {
      return null;
    }
    String q = qualify(v, conf);
    node.put(key, q);
    return q;
  }

  /**
   * {@code path}: one path, or a list whose entries are paths or {@code {"path", "format"}} objects
   * (a format per file, e.g. BGS and USGS production under one input). Qualifies every path and
   * writes the qualified list back into the spec for the manifest.
   */
  private static void sources(ObjectNode node, String where, String format, List<String> allowed, Configuration conf,
      List<String> paths, List<String> formats) {
    JsonNode p = node.get("path");
    List<JsonNode> entries = new ArrayList<>();
    if (p != null && p.isTextual()) {
      entries.add(p);
    } else if (p != null && p.isArray() && !p.isEmpty()) {
      p.forEach(entries::add);
    } else {
      throw new UsageException(where + ".path: expected a path or a non-empty list of paths"
          + (p == null ? "" : ", got " + p));
    }
    ArrayNode qualified = JSON.createArrayNode();
    for (JsonNode e : entries) {
      String path;
      String f = format;
      if (e.isTextual()) {
        path = e.asText();
        qualified.add(qualify(path, conf));
      } else if (e.isObject()) {
        onlyKeys((ObjectNode) e, Set.of("path", "format"), where + ".path[].");
        path = text((ObjectNode) e, "path", where + ".path[].path", true);
        f = text((ObjectNode) e, "format", where + ".path[].format", f == null);
        f = f == null ? format : f;
        if (!allowed.contains(f)) {
          throw new UsageException(where + ".path[].format: '" + f + "' is not one of " + allowed);
        }
        qualified.addObject().put("path", qualify(path, conf)).put("format", f);
      } else {
        throw new UsageException(where + ".path: expected a path, a {\"path\", \"format\"} object or a list of them,"
            + " got " + e);
      }
      if (f == null) {
        throw new UsageException(where + ".format: missing (give the input a format, or each path its own)");
      }
      paths.add(qualify(path, conf));
      formats.add(f);
    }
    node.set("path", qualified);
  }

  /** A relative path is resolved against the working directory of the default file system. */
  public static String qualify(String path, Configuration conf) {
    if (path.isBlank()) {
      throw new UsageException("empty path");
    }
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf).makeQualified(p).toString();
    } catch (IOException | RuntimeException e) { // a missing file system class comes as a RuntimeException
      Optional<String> library = Failures.missingFileSystem(e);
      if (library.isPresent()) {
        throw new RunException(path + ": " + library.get(), e);
      }
      throw new InputException(path + ": not a usable path (" + Failures.describe(e) + ")");
    }
  }

  private static void onlyKeys(ObjectNode node, Set<String> allowed, String prefix) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new UsageException(prefix + k + ": unknown key; allowed: " + allowed.stream().sorted().toList());
      }
    }
  }

  private static ObjectNode object(ObjectNode parent, String key, String where) {
    JsonNode n = parent.get(key);
    if (n == null) {
      throw new UsageException(where + ": missing");
    }
    if (!n.isObject()) {
      throw new UsageException(where + ": expected an object, got " + n);
    }
    return (ObjectNode) n;
  }

  private static String text(ObjectNode node, String key, String where, boolean required) {
    JsonNode n = node.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw new UsageException(where + ": missing");
      }
      return null;
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      throw new UsageException(where + ": expected a non-empty string, got " + n);
    }
    return n.asText();
  }
}
