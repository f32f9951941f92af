package io.chokepoint.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;

/** Where the project's own files and the shared real-data folder are. */
public final class Paths {
  private Paths() {}

  public static File project() {
    return new File(System.getProperty("chokepoint.project.dir", ".")).getAbsoluteFile();
  }

  public static String project(String relative) {
    return new File(project(), relative).getAbsolutePath();
  }

  /**
   * A file under {@code ../shared/realdata/}. Skips the calling test (a JUnit assumption) when the
   * folder is absent, as it is in a user's clone.
   */
  public static String realData(String relative) {
    File shared = new File(System.getProperty("chokepoint.shared.dir", project() + "/../shared"));
    File f = new File(shared, "realdata/" + relative);
    assumeTrue(f.exists(), "skipped: " + f + " is absent (../shared/realdata comes with the team's workspace, "
        + "not with a clone); sample-data tests cover the same formats");
    try {
      return f.getCanonicalPath();
    } catch (java.io.IOException e) {
      return f.getAbsolutePath();
    }
  }
}
