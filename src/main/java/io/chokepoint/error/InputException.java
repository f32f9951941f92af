package io.chokepoint.error;

/**
 * Bad input: a file missing or unreadable, a header not recognised, too many rejected rows, an
 * Error-level data check failed. Exit 3, outputs untouched.
 */
public class InputException extends ChokepointException {
  public InputException(String message) {
    super(ExitCodes.INPUT, message, null);
  }

  public InputException(String message, Throwable cause) {
    super(ExitCodes.INPUT, message, cause);
  }
}
