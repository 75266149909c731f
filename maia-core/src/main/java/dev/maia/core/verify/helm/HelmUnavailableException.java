package dev.maia.core.verify.helm;

/** Helm could not be run at all on this machine (a broken environment, not a chart's fault). */
public final class HelmUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public HelmUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
