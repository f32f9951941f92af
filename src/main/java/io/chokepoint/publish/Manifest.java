package io.chokepoint.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chokepoint.accelerator.Accelerator;
import io.chokepoint.quality.Check;
import io.chokepoint.quality.InputCounts;
import io.chokepoint.spec.Redaction;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code _manifest.json}: what a run read, wrote and checked. Built up while the run goes, written
 * into the staging folder last, so it is published with the tables it describes.
 */
public final class Manifest {
  public static final String FILE = "_manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode root = JSON.createObjectNode();
  private final ObjectNode inputs;
  private final ObjectNode outputs;
  private final ArrayNode checks;
  private final ArrayNode stages;

  public Manifest(String runId, String job, String runDate, JsonNode resolvedSpec, Map<String, String> versions) {
    root.put("run_id", runId);
    root.put("job", job);
    root.put("run_date", runDate);
    root.put("started_at", Instant.now().toString());
    root.putNull("finished_at");
    root.put("status", "running");
    ObjectNode v = root.putObject("versions");
    versions.forEach(v::put);
    root.set("accelerator", Accelerator.none());
    root.set("spec", Redaction.redact(resolvedSpec));
    inputs = root.putObject("inputs");
    outputs = root.putObject("outputs");
    checks = root.putArray("checks");
    stages = root.putArray("stages");
  }

  /** Records one input's files and row counts. */
  public void input(String name, String format, List<String> paths, List<ObjectNode> files, InputCounts c) {
    ObjectNode in = inputs.putObject(name);
    in.put("format", format);
    ArrayNode p = in.putArray("paths");
    paths.forEach(p::add);
    ArrayNode f = in.putArray("files");
    files.forEach(f::add);
    in.put("rows_read", c.read());
    in.put("rows_used", c.used());
    in.put("rows_rejected", c.rejected());
    in.put("rows_filtered", c.filtered());
    ObjectNode fb = in.putObject("filtered_by_reason");
    c.filteredByReason().forEach(fb::put);
    ObjectNode rb = in.putObject("rejected_by_reason");
    c.rejectedByReason().forEach(rb::put);
    ObjectNode rf = in.putObject("rejected_by_file");
    c.rejectedByFile().forEach(rf::put);
  }

  public void output(String table, String publishedPath, long rows) {
    outputs.putObject(table).put("path", publishedPath).put("rows", rows);
  }

  /** Adds {@code key: value} to an output table's entry (recorded by {@link #output} first). */
  public void note(String table, String key, String value) {
    JsonNode t = outputs.get(table);
    if (!(t instanceof ObjectNode o)) {
      throw new IllegalStateException("no output table " + table + " to note " + key + " on");
    }
    o.put(key, value);
  }

  /** Replaces the {@code accelerator} entry ({@link Accelerator#none} until a run says otherwise). */
  public void accelerator(ObjectNode entry) {
    root.set("accelerator", entry);
  }

  public void check(Check c) {
    checks.addObject()
        .put("name", c.name())
        .put("level", c.level().label())
        .put("passed", c.passed())
        .put("observed", c.observed())
        .put("threshold", c.threshold())
        .put("detail", c.detail());
  }

  public void stage(String name, double seconds, Long rows) {
    ObjectNode s = stages.addObject().put("name", name).put("seconds", Math.round(seconds * 1000) / 1000.0);
    if (rows != null) {
      s.put("rows", rows);
    }
  }

  public static ObjectNode file(String path, String format, String encoding) {
    return JSON.createObjectNode().put("path", path).put("format", format).put("encoding", encoding);
  }

  /** The same, with the file's provenance note (kind, source, licence, note) when it has one. */
  public static ObjectNode file(String path, String format, String encoding, Map<String, String> provenance) {
    ObjectNode f = file(path, format, encoding);
    if (!provenance.isEmpty()) {
      ObjectNode p = f.putObject("provenance");
      provenance.forEach(p::put);
    }
    return f;
  }

  public void finish(String status) {
    root.put("finished_at", Instant.now().toString());
    root.put("status", status);
  }

  public JsonNode json() {
    return root;
  }

  public void write(FileSystem fs, Path folder) throws IOException {
    try (OutputStream out = fs.create(new Path(folder, FILE), true)) {
      JSON.writeValue(out, Redaction.redact(root)); // paths may carry URI user-info
    }
  }
}
