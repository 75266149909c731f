package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the API server does with the compute resources of a namespace's pods: the API's defaults (a
 * container's request is its limit when only the limit is given), the namespace's LimitRanges
 * (their own defaults as the API fills them in, {@code default} and {@code defaultRequest} applied,
 * {@code min} and {@code max} per container and per pod enforced) and its ResourceQuotas (the pods
 * each matches by its scopes, the resources each tracks, summed over every pod and claim that runs
 * at once). The scheduler, node capacity and pod overhead are not modelled.
 */
final class Quota {

  private static final Set<String> COMPUTE = Set.of("cpu", "memory", "ephemeral-storage");

  private final List<JsonNode> limitRanges = new ArrayList<>();
  private final List<JsonNode> quotas = new ArrayList<>();

  Quota(List<JsonNode> objects) {
    for (JsonNode object : objects) {
      switch (object.path("kind").asText()) {
        case "LimitRange" -> limitRanges.add(object);
        case "ResourceQuota" -> quotas.add(object);
        default -> {}
      }
    }
  }

  /** A pod as admitted: its requests and limits after defaulting, or why it is refused. */
  record Admitted(Workload workload, Map<String, BigDecimal> requests, Map<String, BigDecimal> limits, List<String> refusals) {

    boolean bestEffort() {
      return requests.values().stream().allMatch(v -> v.signum() == 0) && limits.values().stream().allMatch(v -> v.signum() == 0);
    }
  }

  /** One quota a set of pods and claims exceeds. */
  record Excess(String quota, String resource, BigDecimal used, BigDecimal hard, List<String> largest) {

    String describe() {
      return "ResourceQuota " + quota + ": " + resource + " " + format(used) + " used of " + format(hard) + " (largest: "
          + String.join(", ", largest) + ")";
    }
  }

  /** Admits one pod of a workload: defaults applied, the LimitRanges' bounds checked. */
  Admitted admit(Workload workload) {
    List<String> refusals = new ArrayList<>();
    Map<String, BigDecimal> podRequests = new TreeMap<>();
    Map<String, BigDecimal> podLimits = new TreeMap<>();
    Map<String, BigDecimal> initRequests = new TreeMap<>();
    Map<String, BigDecimal> initLimits = new TreeMap<>();
    int inits = workload.spec().path("initContainers").size();
    List<JsonNode> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      JsonNode container = containers.get(i);
      String name = container.path("name").asText();
      Map<String, BigDecimal> requests = amounts(container.path("resources").path("requests"));
      Map<String, BigDecimal> limits = amounts(container.path("resources").path("limits"));
      limits.forEach(requests::putIfAbsent); // the API's default: request = limit
      for (JsonNode range : limitRanges) {
        for (JsonNode item : range.path("spec").path("limits")) {
          if (!"Container".equals(item.path("type").asText())) {
            continue;
          }
          Map<String, BigDecimal> max = amounts(item.path("max"));
          Map<String, BigDecimal> min = amounts(item.path("min"));
          Map<String, BigDecimal> defaults = amounts(item.path("default"));
          Map<String, BigDecimal> defaultRequests = amounts(item.path("defaultRequest"));
          max.forEach(defaults::putIfAbsent); // the API's defaults of a LimitRange
          defaults.forEach(defaultRequests::putIfAbsent);
          min.forEach(defaultRequests::putIfAbsent);
          defaults.forEach(limits::putIfAbsent);
          defaultRequests.forEach(requests::putIfAbsent);
          String where = "LimitRange " + range.path("metadata").path("name").asText();
          max.forEach((resource, bound) -> {
            BigDecimal limit = limits.get(resource);
            if (limit == null) {
              refusals.add("container " + name + " states no " + resource + " limit, which " + where + " requires (max " + format(bound) + ")");
            } else if (limit.compareTo(bound) > 0) {
              refusals.add("container " + name + " has a " + resource + " limit of " + format(limit) + ", above the maximum " + format(bound)
                  + " of " + where);
            }
          });
          min.forEach((resource, bound) -> {
            BigDecimal request = requests.get(resource);
            if (request == null || request.compareTo(bound) < 0) {
              refusals.add("container " + name + " requests " + (request == null ? "no" : format(request)) + " " + resource
                  + ", below the minimum " + format(bound) + " of " + where);
            }
          });
        }
      }
      requests.forEach((resource, request) -> {
        BigDecimal limit = limits.get(resource);
        if (limit != null && request.compareTo(limit) > 0) {
          refusals.add("container " + name + " requests " + format(request) + " " + resource + ", more than its limit " + format(limit));
        }
      });
      boolean init = i < inits;
      merge(init ? initRequests : podRequests, requests, init);
      merge(init ? initLimits : podLimits, limits, init);
    }
    initRequests.forEach((resource, amount) -> podRequests.merge(resource, amount, BigDecimal::max));
    initLimits.forEach((resource, amount) -> podLimits.merge(resource, amount, BigDecimal::max));
    for (JsonNode range : limitRanges) {
      for (JsonNode item : range.path("spec").path("limits")) {
        if ("Pod".equals(item.path("type").asText())) {
          amounts(item.path("max")).forEach((resource, bound) -> {
            BigDecimal limit = podLimits.getOrDefault(resource, BigDecimal.ZERO);
            if (limit.compareTo(bound) > 0) {
              refusals.add("the pod's " + resource + " limit " + format(limit) + " is above the per-pod maximum " + format(bound) + " of LimitRange "
                  + range.path("metadata").path("name").asText());
            }
          });
        }
      }
    }
    return new Admitted(workload, podRequests, podLimits, refusals);
  }

  /**
   * Why quota admission refuses a pod by itself: a compute resource that a quota matching it
   * tracks, which the pod does not state.
   */
  List<String> unstated(Admitted pod) {
    List<String> missing = new ArrayList<>();
    for (JsonNode quota : quotas) {
      if (!matches(quota, pod)) {
        continue;
      }
      quota.path("spec").path("hard").fieldNames().forEachRemaining(key -> {
        String[] parts = tracked(key);
        if (parts != null && COMPUTE.contains(parts[1]) && !(parts[0].equals("limits") ? pod.limits() : pod.requests()).containsKey(parts[1])) {
          missing.add("it states no " + key + ", which ResourceQuota " + quota.path("metadata").path("name").asText() + " tracks");
        }
      });
    }
    return missing.stream().distinct().toList();
  }

  /** The quotas that {@code pods} and {@code claims} exceed when they all run at once. */
  List<Excess> exceeded(List<Admitted> pods, List<JsonNode> claims) {
    List<Excess> excess = new ArrayList<>();
    for (JsonNode quota : quotas) {
      String name = quota.path("metadata").path("name").asText();
      boolean scoped = quota.path("spec").has("scopes") || quota.path("spec").has("scopeSelector");
      Map<String, BigDecimal> hard = amounts(quota.path("spec").path("hard"));
      hard.forEach((key, bound) -> {
        Map<String, BigDecimal> by = new LinkedHashMap<>();
        for (Admitted pod : pods) {
          if (matches(quota, pod)) {
            BigDecimal one = podUsage(key, pod);
            if (one.signum() > 0) {
              by.merge(pod.workload().origin(), one.multiply(BigDecimal.valueOf(pod.workload().count())), BigDecimal::add);
            }
          }
        }
        if (!scoped) {
          for (JsonNode claim : claims) {
            BigDecimal one = claimUsage(key, claim);
            if (one.signum() > 0) {
              by.merge("PersistentVolumeClaim/" + claim.path("metadata").path("name").asText(), one, BigDecimal::add);
            }
          }
        }
        BigDecimal used = by.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (used.compareTo(bound) > 0) {
          List<String> largest = by.entrySet().stream()
              .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
              .limit(3).map(e -> e.getKey() + " " + format(e.getValue())).toList();
          excess.add(new Excess(name, key, used, bound, largest));
        }
      });
    }
    return excess;
  }

  /** {@code [requests|limits, resource]} of a quota key that tracks a pod resource, else null. */
  private static String[] tracked(String key) {
    if (COMPUTE.contains(key)) {
      return new String[] {"requests", key};
    }
    for (String prefix : new String[] {"requests.", "limits."}) {
      if (key.startsWith(prefix) && !key.equals("requests.storage")) {
        return new String[] {prefix.substring(0, prefix.length() - 1), key.substring(prefix.length())};
      }
    }
    return null;
  }

  private static BigDecimal podUsage(String key, Admitted pod) {
    if (key.equals("pods") || key.equals("count/pods")) {
      return BigDecimal.ONE;
    }
    String[] parts = tracked(key);
    if (parts == null) {
      return BigDecimal.ZERO;
    }
    return (parts[0].equals("limits") ? pod.limits() : pod.requests()).getOrDefault(parts[1], BigDecimal.ZERO);
  }

  private static BigDecimal claimUsage(String key, JsonNode claim) {
    String storageClass = claim.path("spec").path("storageClassName").asText("");
    if (key.equals("persistentvolumeclaims") || key.equals("count/persistentvolumeclaims")
        || (!storageClass.isEmpty() && key.equals(storageClass + ".storageclass.storage.k8s.io/persistentvolumeclaims"))) {
      return BigDecimal.ONE;
    }
    if (key.equals("requests.storage") || (!storageClass.isEmpty() && key.equals(storageClass + ".storageclass.storage.k8s.io/requests.storage"))) {
      JsonNode request = claim.path("spec").path("resources").path("requests").path("storage");
      return request.isMissingNode() ? BigDecimal.ZERO : amount(request.asText());
    }
    return BigDecimal.ZERO;
  }

  /** Whether a quota's scopes select the pod. */
  private static boolean matches(JsonNode quota, Admitted pod) {
    JsonNode spec = quota.path("spec");
    for (JsonNode scope : spec.path("scopes")) {
      if (!scope(scope.asText(), "Exists", List.of(), pod)) {
        return false;
      }
    }
    for (JsonNode expression : spec.path("scopeSelector").path("matchExpressions")) {
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      if (!scope(expression.path("scopeName").asText(), expression.path("operator").asText(), values, pod)) {
        return false;
      }
    }
    return true;
  }

  private static boolean scope(String name, String operator, List<String> values, Admitted pod) {
    JsonNode spec = pod.workload().spec();
    return switch (name) {
      case "Terminating" -> spec.path("activeDeadlineSeconds").isNumber() == !operator.equals("DoesNotExist");
      case "NotTerminating" -> !spec.path("activeDeadlineSeconds").isNumber() == !operator.equals("DoesNotExist");
      case "BestEffort" -> pod.bestEffort() == !operator.equals("DoesNotExist");
      case "NotBestEffort" -> !pod.bestEffort() == !operator.equals("DoesNotExist");
      case "PriorityClass" -> {
        String priority = spec.path("priorityClassName").asText("");
        yield switch (operator) {
          case "In" -> values.contains(priority);
          case "NotIn" -> !values.contains(priority);
          case "Exists" -> !priority.isEmpty();
          case "DoesNotExist" -> priority.isEmpty();
          default -> false;
        };
      }
      default -> false; // CrossNamespacePodAffinity and scopes of later versions: none of our pods
    };
  }

  private static void merge(Map<String, BigDecimal> into, Map<String, BigDecimal> container, boolean init) {
    container.forEach((resource, amount) -> into.merge(resource, amount, init ? BigDecimal::max : BigDecimal::add));
  }

  static Map<String, BigDecimal> amounts(JsonNode quantities) {
    Map<String, BigDecimal> amounts = new TreeMap<>();
    quantities.properties().forEach(e -> amounts.put(e.getKey(), amount(e.getValue().asText())));
    return amounts;
  }

  static BigDecimal amount(String quantity) {
    return Quantity.getAmountInBytes(new Quantity(quantity));
  }

  /** An amount as a person reads it: CPUs as cores ({@code 2.5}), bytes in Gi or Mi when whole. */
  static String format(BigDecimal amount) {
    BigDecimal gi = BigDecimal.valueOf(1L << 30);
    BigDecimal mi = BigDecimal.valueOf(1L << 20);
    if (amount.compareTo(mi) >= 0) {
      BigDecimal g = amount.divide(gi, 2, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
      return amount.compareTo(gi) >= 0 ? g.toPlainString() + "Gi"
          : amount.divide(mi, 0, java.math.RoundingMode.HALF_UP).toPlainString() + "Mi";
    }
    return amount.stripTrailingZeros().toPlainString();
  }
}
