package io.chokepoint.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chokepoint.error.Failures;
import io.chokepoint.error.RunException;
import io.chokepoint.error.UsageException;
import io.chokepoint.spec.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output root and the files beside it that make publishing safe:
 *
 * <ul>
 *   <li>{@code .<root>.lock} — held by the run that writes; a second run fails fast naming the
 *       holder. A lock left by a killed run on this host (its process is gone) is taken over.
 *   <li>{@code .<root>.staging-<run id>/} — where a run writes every table and its manifest.
 *   <li>{@code .<root>.previous-<run id>/} — the old output, kept only between the two renames of
 *       {@link #publish}.
 * </ul>
 *
 * <p>Publishing renames the old root aside, the staging folder into place, then deletes the old
 * root. A run killed between the two renames leaves no root and a previous folder; the next run
 * puts it back before it starts. Readers see the old output or the new one, never a mix. On
 * stores without atomic directory renames (S3) use a table format instead.
 */
public final class OutputRoot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputRoot.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path root;
  private final Path lock;
  private final String runId;
  private boolean locked;

  private OutputRoot(FileSystem fs, Path root, String runId) {
    this.fs = fs;
    this.root = root;
    this.runId = runId;
    this.lock = sibling(".lock");
  }

  /** Takes the lock, restores an output a killed run left aside, and clears stale staging folders. */
  public static OutputRoot open(String rootPath, String runId, Configuration conf) {
    try {
      Path root = new Path(rootPath);
      OutputRoot o = new OutputRoot(root.getFileSystem(conf), root, runId);
      o.acquire();
      try {
        o.recover();
      } catch (IOException | RuntimeException e) {
        o.close();
        throw e;
      }
      return o;
    } catch (IOException e) {
      throw new RunException("output " + rootPath + ": cannot be prepared (" + Failures.describe(e) + ")", e);
    }
  }

  /**
   * Checks, before anything is read, that the output root can be neither an input nor hold one:
   * publishing replaces the root wholesale, so an output equal to an input path, inside one, or
   * around one would delete it. A glob is taken as its fixed leading folder. Exit 2.
   *
   * @param inputs every input path by the spec key that names it ({@code inputs.trade_flows.path})
   */
  public static void checkApartFromInputs(String rootPath, java.util.Map<String, List<String>> inputs) {
    String root = withoutSlash(rootPath);
    inputs.forEach((where, paths) -> {
      for (String p : paths) {
        String in = withoutSlash(fixedPrefix(p));
        String relation = root.equals(in) ? "is" : in.startsWith(root + "/") ? "contains"
            : root.startsWith(in + "/") ? "sits inside" : null;
        if (relation != null) {
          throw new UsageException("output " + rootPath + ": " + relation + " the input " + where + " (" + p
              + "); publishing replaces the output root, so it must be apart from every input");
        }
      }
    });
  }

  /** The part of a path before its first component with a glob character. */
  static String fixedPrefix(String path) {
    int glob = -1;
    for (int i = 0; i < path.length() && glob < 0; i++) {
      if ("*?[{".indexOf(path.charAt(i)) >= 0) {
        glob = i;
      }
    }
    return glob < 0 ? path : path.substring(0, Math.max(0, path.lastIndexOf('/', glob)));
  }

  private static String withoutSlash(String p) {
    return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
  }

  /**
   * Refuses (exit 2) to replace anything at the root that this product did not write: a file, or
   * a non-empty folder without {@code _manifest.json}. An absent root or an empty folder is fine.
   */
  static void requireReplaceable(FileSystem fs, Path root) throws IOException {
    if (!fs.exists(root)) {
      return;
    }
    if (!fs.getFileStatus(root).isDirectory()) {
      throw new UsageException("output " + root + ": is a file, not an output folder; refusing to replace it"
          + " (point --output at a new folder or at an earlier Chokepoint output)");
    }
    if (!fs.exists(new Path(root, Manifest.FILE)) && fs.listStatus(root).length > 0) {
      throw new UsageException("output " + root + ": is a non-empty folder without " + Manifest.FILE
          + ", so Chokepoint did not write it; refusing to replace it (point --output at a new or empty folder, or at"
          + " an earlier Chokepoint output)");
    }
  }

  /**
   * Checks that the folder the root lives in can be written, without writing the root, and that
   * the root is absent, empty or an earlier output of this product ({@link #requireReplaceable}).
   */
  public static void checkWritable(String rootPath, Configuration conf) {
    try {
      Path root = new Path(rootPath);
      FileSystem fs = root.getFileSystem(conf);
      Path parent = root.getParent();
      if (parent == null) {
        throw new RunException("output " + rootPath + ": the root of a file system cannot be an output root");
      }
      requireReplaceable(fs, root);
      fs.mkdirs(parent);
      Path probe = new Path(parent, "." + root.getName() + ".probe-" + ProcessHandle.current().pid());
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException e) {
      throw new RunException("output " + rootPath + ": not writable (" + Failures.describe(e) + ")", e);
    }
  }

  public Path staging() {
    return sibling(".staging-" + runId);
  }

  public Path root() {
    return root;
  }

  public FileSystem fs() {
    return fs;
  }

  private Path sibling(String suffix) {
    return new Path(root.getParent(), "." + root.getName() + suffix);
  }

  private void acquire() throws IOException {
    fs.mkdirs(root.getParent());
    ObjectNode holder = JSON.createObjectNode()
        .put("run_id", runId)
        .put("host", host())
        .put("pid", ProcessHandle.current().pid())
        .put("started", Instant.now().toString());
    for (int attempt = 0; attempt < 2; attempt++) {
      try (OutputStream out = fs.create(lock, false)) {
        out.write(JSON.writeValueAsBytes(holder));
        locked = true;
        return;
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        JsonNode other = readLock();
        if (attempt == 0 && isStale(other)) {
          LOG.warn("Taking over the lock of run {} (process {} on this host is gone)", text(other, "run_id"),
              text(other, "pid"));
          fs.delete(lock, false);
          continue;
        }
        throw new RunException("output " + root + " is locked by run " + text(other, "run_id") + " (pid "
            + text(other, "pid") + " on " + text(other, "host") + ", since " + text(other, "started")
            + "); if that run is dead, delete " + lock);
      }
    }
  }

  private JsonNode readLock() {
    try (InputStream in = fs.open(lock)) {
      return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return JSON.createObjectNode();
    }
  }

  private static boolean isStale(JsonNode holder) {
    if (!holder.has("pid") || !host().equals(text(holder, "host"))) {
      return false;
    }
    return ProcessHandle.of(holder.get("pid").asLong()).map(p -> !p.isAlive()).orElse(true);
  }

  private static String text(JsonNode n, String key) {
    return n.has(key) ? n.get(key).asText() : "?";
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private void recover() throws IOException {
    List<Path> previous = leftovers(".previous-");
    if (!fs.exists(root) && !previous.isEmpty()) {
      Path newest = previous.get(previous.size() - 1);
      LOG.warn("Restoring {} from {} (an earlier run was killed while publishing)", safe(root), safe(newest));
      rename(newest, root);
      previous.remove(newest);
    }
    for (Path p : previous) {
      fs.delete(p, true);
    }
    for (Path p : leftovers(".staging-")) {
      LOG.warn("Removing {} left by an earlier run that did not finish", safe(p));
      fs.delete(p, true);
    }
  }

  private List<Path> leftovers(String marker) throws IOException {
    String prefix = "." + root.getName() + marker;
    List<Path> out = new ArrayList<>();
    for (FileStatus s : fs.listStatus(root.getParent())) {
      if (s.getPath().getName().startsWith(prefix)) {
        out.add(s.getPath());
      }
    }
    out.sort((a, b) -> a.getName().compareTo(b.getName()));
    return out;
  }

  /** Makes the staging folder the output root (checking again, under the lock, that it may replace it). */
  public void publish() {
    try {
      requireReplaceable(fs, root);
      Path previous = sibling(".previous-" + runId);
      boolean hadRoot = fs.exists(root);
      if (hadRoot) {
        rename(root, previous);
      }
      rename(staging(), root);
      if (hadRoot) {
        fs.delete(previous, true);
      }
    } catch (IOException e) {
      throw new RunException("output " + root + ": publish failed (" + e.getMessage() + ")", e);
    }
  }

  /** Deletes this run's staging folder (after a failure). */
  public void discardStaging() {
    try {
      fs.delete(staging(), true);
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", safe(staging()), Redaction.text(Failures.describe(e)));
    }
  }

  /** A path for a log line: URI user-info masked. */
  private static String safe(Path p) {
    return Redaction.text(p.toString());
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }

  @Override
  public void close() {
    if (locked) {
      try {
        fs.delete(lock, false);
      } catch (IOException e) {
        LOG.warn("Could not release {}: {}", safe(lock), Redaction.text(Failures.describe(e)));
      }
      locked = false;
    }
  }
}
