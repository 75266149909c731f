package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rule {@code appproject-scope} (DESIGN invariant 5): an AppProject can deploy only from the repos
 * it lists, only to the clusters and namespaces it lists, and a project's AppProject no
 * cluster-scoped resource at all.
 *
 * <ul>
 *   <li>no {@code *} in {@code sourceRepos} or {@code sourceNamespaces} (a {@code !}-negated entry,
 *       which denies, may use one);
 *   <li>no destination whose {@code server}, {@code name} or {@code namespace} has a {@code *} or
 *       is {@code !}-negated ("everything except"), except that the platform project
 *       {@value SecurityLint#PLATFORM_PROJECT} may use any namespace: it creates the namespaces;
 *   <li>a project's {@code clusterResourceWhitelist} is empty; the platform project's lists only
 *       {@link #PLATFORM_CLUSTER_KINDS}, the core project's only {@link
 *       SecurityLint#CORE_CLUSTER_KINDS}, the identity project's only the Namespace it makes.
 * </ul>
 */
final class AppProjectRule implements DocumentRule {

  /** A Kubernetes API group and kind, as in an AppProject resource list. */
  record GroupKind(String group, String kind) {
    @Override
    public String toString() {
      return (group.isEmpty() ? "core" : group) + "/" + kind;
    }
  }

  /**
   * The cluster-scoped kinds the platform project may sync: the project Namespaces and the GPU
   * policy of a cluster (PriorityClasses and the booking admission policy in native mode; Kueue's
   * cluster-scoped objects in kueue mode). Listed here on purpose rather than taken from the
   * renderers: widening it is a security decision.
   */
  static final Set<GroupKind> PLATFORM_CLUSTER_KINDS =
      Set.of(
          new GroupKind("", "Namespace"),
          new GroupKind("scheduling.k8s.io", "PriorityClass"),
          new GroupKind("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
          new GroupKind("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
          new GroupKind("kueue.x-k8s.io", "ClusterQueue"),
          new GroupKind("kueue.x-k8s.io", "Cohort"),
          new GroupKind("kueue.x-k8s.io", "ResourceFlavor"),
          new GroupKind("kueue.x-k8s.io", "WorkloadPriorityClass"),
          new GroupKind("kubeflow.org", "Profile"));

  private static final GroupKind NAMESPACE = new GroupKind("", "Namespace");

  @Override
  public void check(LintedDocument document, List<Finding> findings) {
    if (!document.isArgoCd() || !"AppProject".equals(document.kind())) {
      return;
    }
    boolean platform = SecurityLint.PLATFORM_PROJECT.equals(document.name());
    boolean core = SecurityLint.CORE_PROJECT.equals(document.name());
    boolean identity = SecurityLint.IDENTITY_PROJECT.equals(document.name());
    JsonNode spec = document.root().path("spec");
    for (String list : List.of("sourceRepos", "sourceNamespaces")) {
      JsonNode entries = spec.path(list);
      for (int i = 0; i < entries.size(); i++) {
        String entry = entries.get(i).asText("");
        if (entry.contains("*") && !entry.startsWith("!")) {
          findings.add(
              document.finding(
                  SecurityRule.APPPROJECT_SCOPE,
                  "/spec/" + list + "/" + i + " is '" + entry + "', a wildcard; list each allowed entry exactly"));
        }
      }
    }
    JsonNode destinations = spec.path("destinations");
    for (int i = 0; i < destinations.size(); i++) {
      for (String field : List.of("server", "name", "namespace")) {
        if (platform && field.equals("namespace")) {
          continue;
        }
        String value = destinations.get(i).path(field).asText("");
        if (value.contains("*") || value.startsWith("!")) {
          findings.add(
              document.finding(
                  SecurityRule.APPPROJECT_SCOPE,
                  "/spec/destinations/" + i + "/" + field + " is '" + value + "', which "
                      + (value.startsWith("!") ? "allows everything but one" : "is a wildcard")
                      + "; name the exact " + field));
        }
      }
    }
    JsonNode whitelist = spec.path("clusterResourceWhitelist");
    for (int i = 0; i < whitelist.size(); i++) {
      GroupKind entry = new GroupKind(whitelist.get(i).path("group").asText(""), whitelist.get(i).path("kind").asText(""));
      if (core) {
        if (SecurityLint.CORE_CLUSTER_KINDS.stream().noneMatch(k -> k[0].equals(entry.group()) && k[1].equals(entry.kind()))) {
          findings.add(
              document.finding(
                  SecurityRule.APPPROJECT_SCOPE,
                  "/spec/clusterResourceWhitelist/" + i + " allows " + entry + "; the core project may sync only the kinds"
                      + " SecurityLint.CORE_CLUSTER_KINDS lists"));
        }
      } else if (identity) {
        if (!entry.equals(NAMESPACE)) {
          findings.add(
              document.finding(
                  SecurityRule.APPPROJECT_SCOPE,
                  "/spec/clusterResourceWhitelist/" + i + " allows " + entry + "; the identity project may sync only core/Namespace"));
        }
      } else if (!platform) {
        findings.add(
            document.finding(
                SecurityRule.APPPROJECT_SCOPE,
                "/spec/clusterResourceWhitelist/" + i + " allows " + entry
                    + "; a project may sync no cluster-scoped resource, so the list must be empty"));
      } else if (!PLATFORM_CLUSTER_KINDS.contains(entry)) {
        findings.add(
            document.finding(
                SecurityRule.APPPROJECT_SCOPE,
                "/spec/clusterResourceWhitelist/" + i + " allows " + entry
                    + "; the platform project may sync only " + allowedPlatformKinds()));
      }
    }
  }

  private static String allowedPlatformKinds() {
    return PLATFORM_CLUSTER_KINDS.stream().map(GroupKind::toString).sorted().collect(Collectors.joining(", "));
  }
}
