package io.chokepoint.error;

/**
 * A failure the CLI turns into an exit code and a one-line message. The message names what is wrong
 * and where (file, line or column); it must read well on its own, before any stack trace.
 */
public class ChokepointException extends RuntimeException {
  private final int exitCode;

  protected ChokepointException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
