package dev.maia.core.verify.helm;

/** Helm refused to render a chart with the values given: the message is Helm's own. */
public final class HelmRenderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public HelmRenderException(String message) {
    super(message);
  }
}
