package io.chokepoint.quality;

/**
 * The result of one data check. A failed {@link Level#ERROR} check fails the run (exit 3, nothing
 * published); a failed {@link Level#WARNING} is only recorded.
 *
 * @param name what was checked, e.g. {@code supplier_shares.shares_sum_to_one}
 * @param level how much a failure matters
 * @param passed whether the data passed
 * @param observed what was measured (a count of offending rows, a ratio …)
 * @param detail one sentence for a person
 */
public record Check(String name, Level level, boolean passed, String observed, String detail) {
  public enum Level { ERROR, WARNING }

  public static Check error(String name, boolean passed, Object observed, String detail) {
    return new Check(name, Level.ERROR, passed, String.valueOf(observed), detail);
  }

  public static Check warning(String name, boolean passed, Object observed, String detail) {
    return new Check(name, Level.WARNING, passed, String.valueOf(observed), detail);
  }

  public boolean failsRun() {
    return level == Level.ERROR && !passed;
  }
}
