package dev.maia.core.output;

/**
 * The output folder cannot be written as asked: another run holds it, or a file the generator did
 * not write stands where it wants to write. Nothing was changed.
 */
public final class OutputConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OutputConflictException(String message) {
    super(message);
  }
}
