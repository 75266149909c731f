package dev.maia.core.verify.chart;

import dev.maia.core.model.ChartRef;

/** A chart could not be had: the repository does not have it, cannot be reached, or sent bad bytes. */
public final class ChartUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the chart could not be had. */
  public enum Reason {
    /** The repository answers, but has no such chart or version: the platform names it wrongly. */
    NOT_FOUND,
    /** The repository cannot be reached, or a run without network was asked for. */
    UNREACHABLE,
    /** What the repository sent is not what it announced, or not a chart. */
    INVALID
  }

  private final Reason reason;
  private final transient ChartRef ref;

  public ChartUnavailableException(ChartRef ref, Reason reason, String message) {
    super(message);
    this.ref = ref;
    this.reason = reason;
  }

  public ChartRef ref() {
    return ref;
  }

  public Reason reason() {
    return reason;
  }
}
