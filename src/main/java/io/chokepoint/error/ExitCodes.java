package io.chokepoint.error;

/** The contract's exit codes (CONTRACT.md). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int INPUT = 3;

  private ExitCodes() {}
}
