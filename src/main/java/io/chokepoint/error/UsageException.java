package io.chokepoint.error;

/** Bad command line or job spec: unknown key, bad value, missing option. Exit 2, outputs untouched. */
public class UsageException extends ChokepointException {
  public UsageException(String message) {
    super(ExitCodes.USAGE, message, null);
  }
}
