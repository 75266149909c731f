package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.output.NamespaceFolders.Folder;
import dev.maia.core.output.NamespaceFolders.Placed;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rule {@code namespace-guards} (DESIGN invariant 5): every project namespace folder
 * {@code clusters/CLUSTER/projects/PROJECT/}, together with what its kustomization includes (the
 * shared base {@code bases/project/}), gives its namespace
 *
 * <ul>
 *   <li>a default-deny NetworkPolicy: empty {@code podSelector}, {@code policyTypes} with
 *       {@code Ingress}, no ingress rules;
 *   <li>a Namespace with the PodSecurity label {@value #ENFORCE} at {@link #ENFORCED_LEVELS};
 *   <li>a ResourceQuota with {@code hard} limits;
 *   <li>a LimitRange with {@code limits}.
 * </ul>
 */
final class NamespaceGuardRule implements FolderRule {

  static final String ENFORCE = "pod-security.kubernetes.io/enforce";

  /** PodSecurity levels that enforce something ({@code privileged} enforces nothing). */
  static final Set<String> ENFORCED_LEVELS = Set.of("baseline", "restricted");

  @Override
  public void check(Folder folder, List<Finding> findings) {
    if (folder.kustomization() == null) {
      findings.add(
          folder.finding(
              SecurityRule.NAMESPACE_GUARDS,
              "has no kustomization.yaml, so kustomize can not build it and no guard of the base applies; generate one"));
      return;
    }
    if (folder.namespace() == null) {
      findings.add(
          folder.finding(
              SecurityRule.NAMESPACE_GUARDS,
              "its kustomization sets no namespace: and the folder has no single Namespace; set namespace: to the project namespace"));
      return;
    }
    String namespace = folder.namespace();
    require(folder, findings, "NetworkPolicy", NamespaceGuardRule::isDefaultDeny,
        "no default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress], no ingress rules); include the project base");
    require(folder, findings, "ResourceQuota", r -> r.path("spec").path("hard").size() > 0,
        "no ResourceQuota with spec.hard; every project namespace needs a quota");
    require(folder, findings, "LimitRange", r -> r.path("spec").path("limits").size() > 0,
        "no LimitRange with spec.limits; every project namespace needs default and maximum limits");
    Optional<JsonNode> ns =
        folder.resources().stream()
            .map(Placed::document)
            .filter(d -> d.kind().equals("Namespace") && d.name().equals(namespace))
            .map(LintedDocument::root)
            .findFirst();
    if (ns.isEmpty()) {
      findings.add(folder.finding(SecurityRule.NAMESPACE_GUARDS, "no Namespace " + namespace + " to carry the PodSecurity labels"));
      return;
    }
    JsonNode level = ns.get().path("metadata").path("labels").path(ENFORCE);
    if (!level.isTextual() || !ENFORCED_LEVELS.contains(level.textValue())) {
      findings.add(
          folder.finding(
              SecurityRule.NAMESPACE_GUARDS,
              "Namespace " + namespace + " has "
                  + (level.isTextual() ? ENFORCE + ": " + level.textValue() : "no label " + ENFORCE)
                  + "; set it to baseline or restricted"));
    }
  }

  private static void require(Folder folder, List<Finding> findings, String kind, Predicate<JsonNode> guards, String missing) {
    boolean present =
        folder.resources().stream()
            .anyMatch(p -> p.document().kind().equals(kind) && folder.namespace().equals(p.namespace()) && guards.test(p.document().root()));
    if (!present) {
      findings.add(folder.finding(SecurityRule.NAMESPACE_GUARDS, missing));
    }
  }

  /** Selects every pod, is about ingress and lets nothing in. */
  static boolean isDefaultDeny(JsonNode policy) {
    JsonNode spec = policy.path("spec");
    JsonNode selector = spec.path("podSelector");
    boolean everyPod =
        selector.isObject()
            && selector.path("matchLabels").size() == 0
            && selector.path("matchExpressions").size() == 0;
    boolean ingress = false;
    for (JsonNode type : spec.path("policyTypes")) {
      ingress |= "Ingress".equals(type.asText());
    }
    return everyPod && ingress && spec.path("ingress").size() == 0;
  }
}
