package io.chokepoint.ingest;

import io.chokepoint.error.Failures;
import io.chokepoint.error.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Expands an input's paths (files, folders, globs) into data files, sorted, hidden files skipped. */
public final class SourceFiles {
  private SourceFiles() {}

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
