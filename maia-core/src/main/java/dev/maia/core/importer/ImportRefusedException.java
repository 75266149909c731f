package dev.maia.core.importer;

/**
 * The import cannot be done as asked, and nothing was written: a target file exists already, or
 * the source folder holds no MAIA configuration. A problem of the input, not of the environment.
 */
public final class ImportRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ImportRefusedException(String message) {
    super(message);
  }
}
