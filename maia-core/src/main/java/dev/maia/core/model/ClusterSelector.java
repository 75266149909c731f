package dev.maia.core.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes label selector over a cluster's labels ({@link Cluster#selectorLabels()}): every
 * {@code matchLabels} entry and every expression must hold. Only {@code In} and {@code NotIn}
 * exist, the operators ArgoCD's RollingSync understands, and they are evaluated as it does: a label
 * the cluster lacks has the value {@code ""}, so {@code NotIn} holds for it and {@code In} does not.
 */
public record ClusterSelector(Map<String, String> matchLabels, List<Expression> matchExpressions) {

  public ClusterSelector {
    matchLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(matchLabels));
    matchExpressions = List.copyOf(matchExpressions);
  }

  /** Whether a cluster with these labels is selected. */
  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> required : matchLabels.entrySet()) {
      if (!required.getValue().equals(labels.get(required.getKey()))) {
        return false;
      }
    }
    return matchExpressions.stream().allMatch(e -> e.matches(labels));
  }

  /** {@code key In [values]} or {@code key NotIn [values]}. */
  public record Expression(String key, Operator operator, List<String> values) {

    public Expression {
      values = List.copyOf(values);
    }

    public boolean matches(Map<String, String> labels) {
      boolean listed = values.contains(labels.getOrDefault(key, ""));
      return operator == Operator.IN ? listed : !listed;
    }
  }

  /** The operators of a selector expression. */
  public enum Operator {
    IN("In"),
    NOT_IN("NotIn");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    /** As written in YAML: {@code In} or {@code NotIn}. */
    public String text() {
      return text;
    }

    public static Operator of(String text) {
      return "NotIn".equals(text) ? NOT_IN : IN;
    }
  }
}
