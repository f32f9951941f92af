package io.chokepoint.ingest;

import io.chokepoint.error.Failures;
import io.chokepoint.error.InputException;
import io.chokepoint.spec.InputSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Expands an input's paths (files, folders, globs) into data files, sorted within each path,
 * hidden files skipped, and each file once: a file reached twice ({@code [f, f]}, {@code [dir,
 * dir/f]}, {@code [dir/*.csv, dir/f]}, a link to it) is read once, in the format of its first
 * mention.
 */
public final class SourceFiles {
  /** Paths that name a file inside the jar rather than a Hadoop path. */
  public static final String JAR = "jar:";

  private SourceFiles() {}

  /** One data file of an input and the format it is read in. */
  public record SourceFile(String file, String format) {}

  /** The files of {@code in}, each once, in spec order. */
  public static List<SourceFile> resolve(InputSpec in, Configuration conf) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<SourceFile> out = new ArrayList<>();
    for (int i = 0; i < in.paths().size(); i++) {
      String path = in.paths().get(i);
      List<String> files = path.startsWith(JAR) ? List.of(path) : expand(in.name(), List.of(path), conf);
      for (String f : files) {
        if (seen.add(canonical(f, conf))) {
          out.add(new SourceFile(f, in.formats().get(i)));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The file's real location: symbolic links followed, the path qualified. */
  static String canonical(String file, Configuration conf) {
    if (file.startsWith(JAR)) {
      return file;
    }
    try {
      Path p = new Path(file);
      FileSystem fs = p.getFileSystem(conf);
      Path resolved = fs.makeQualified(fs.resolvePath(p));
      if ("file".equals(resolved.toUri().getScheme())) {
        return "file:" + java.nio.file.Path.of(resolved.toUri()).toRealPath();
      }
      return resolved.toString();
    } catch (IOException | RuntimeException e) {
      return file;
    }
  }

  public static List<String> expand(String inputName, List<String> paths, Configuration conf) {
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      List<String> found = new ArrayList<>();
      try {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(p);
        if (matches == null || matches.length == 0) {
          throw new InputException("inputs." + inputName + ": " + path + " does not exist");
        }
        for (FileStatus m : matches) {
          if (m.isDirectory()) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
            while (it.hasNext()) {
              LocatedFileStatus f = it.next();
              if (!hidden(m.getPath(), f.getPath())) {
                found.add(f.getPath().toString());
              }
            }
          } else {
            found.add(m.getPath().toString());
          }
        }
      } catch (IOException e) {
        throw new InputException("inputs." + inputName + ": " + path + " cannot be listed (" + Failures.describe(e) + ")", e);
      }
      if (found.isEmpty()) {
        throw new InputException("inputs." + inputName + ": " + path + " holds no data files");
      }
      found.sort(null);
      out.addAll(found);
    }
    return List.copyOf(out);
  }

  /** A file or folder below {@code root} whose name starts with '_' or '.' (e.g. _SUCCESS, .crc). */
  private static boolean hidden(Path root, Path file) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      String n = p.getName();
      if (n.startsWith("_") || n.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  public static boolean isParquet(String file) {
    return file.endsWith(".parquet");
  }
}
