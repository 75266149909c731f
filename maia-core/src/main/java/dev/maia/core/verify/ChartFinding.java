package dev.maia.core.verify;

import java.util.Comparator;
import java.util.Objects;

/**
 * What a check found in what a chart renders for one Application, before it is located in the
 * platform: the check, the key of the Application's values it concerns ({@code /hub/existingSecret};
 * empty when it concerns the chart or an object as a whole), what is wrong and how to fix it.
 * Findings are kept in the verify cache with the render, so they hold no file positions.
 */
public record ChartFinding(Check check, String valuesPointer, String message, String hint) implements Comparable<ChartFinding> {

  private static final Comparator<ChartFinding> ORDER =
      Comparator.comparing(ChartFinding::check).thenComparing(ChartFinding::valuesPointer).thenComparing(ChartFinding::message);

  /** The checks of {@code maia:verify}, by the id findings name them with. */
  public enum Check {
    /** The chart can be rendered offline, as an air-gapped repo-server must. */
    OFFLINE("offline"),
    /** Helm renders the chart with the Application's values. */
    RENDERS("renders"),
    /** Every rendered object conforms to its bundled schema. */
    CONFORMS("conforms"),
    /** Two renders give the same objects: no random secret, no churning checksum. */
    STABLE("stable"),
    /** Every value the Application sets is read by the chart. */
    VALUES_USED("values-used"),
    /** No rendered object holds a credential: the rule {@code no-credentials} of the output lint. */
    NO_CREDENTIALS("no-credentials"),
    /** A core component's pods meet the Pod Security level its namespace enforces. */
    POD_SECURITY("pod-security"),
    /** A tool's chart marks every claim it makes to be kept when the tool is removed. */
    DATA_KEPT("data-kept");

    private final String id;

    Check(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  public ChartFinding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(valuesPointer, "valuesPointer");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  @Override
  public int compareTo(ChartFinding other) {
    return ORDER.compare(this, other);
  }
}
