package io.chokepoint.error;

/** Any other failure that has a clear message (for example, the output root is locked). Exit 1. */
public class RunException extends ChokepointException {
  public RunException(String message) {
    super(ExitCodes.FAILURE, message, null);
  }

  public RunException(String message, Throwable cause) {
    super(ExitCodes.FAILURE, message, cause);
  }
}
