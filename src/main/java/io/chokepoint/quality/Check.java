package io.chokepoint.quality;

import java.util.Locale;

/**
 * One data check and its result: what was measured, the rule it is held to, and whether it held.
 * Checks are values: built by the functions in this package, run by the {@link CheckRunner}, which
 * logs them, records them in the manifest and the published {@code checks} table, and stops the
 * run (exit 3, nothing published) when an {@link Level#ERROR} check fails. A failed
 * {@link Level#WARNING} is only recorded.
 *
 * @param name what was checked, e.g. {@code supplier_shares.shares_sum_to_one}
 * @param level how much a failure matters
 * @param passed whether the data passed
 * @param observed what was measured (a count of offending rows, a ratio …)
 * @param threshold the rule the observation is held to, e.g. {@code <= 0.01} or {@code = 0}
 * @param detail one sentence for a person; for a failure, where (input file, table, rows)
 */
public record Check(String name, Level level, boolean passed, String observed, String threshold, String detail) {
  public enum Level {
    ERROR, WARNING;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Check error(String name, boolean passed, Object observed, String threshold, String detail) {
    return new Check(name, Level.ERROR, passed, String.valueOf(observed), threshold, detail);
  }

  public static Check warning(String name, boolean passed, Object observed, String threshold, String detail) {
    return new Check(name, Level.WARNING, passed, String.valueOf(observed), threshold, detail);
  }

  /** An Error check that a count of offending rows is zero. */
  public static Check noneOf(String name, long offending, String detail) {
    return error(name, offending == 0, offending, "= 0", detail);
  }

  public boolean failsRun() {
    return level == Level.ERROR && !passed;
  }
}
