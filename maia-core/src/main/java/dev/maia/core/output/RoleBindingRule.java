package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.output.NamespaceFolders.Folder;
import dev.maia.core.output.NamespaceFolders.Placed;
import java.util.List;
import java.util.Set;

/**
 * Rule {@code rbac-scope} (DESIGN invariant 5): what a project namespace folder (with what it
 * includes) grants stays inside the project namespace.
 *
 * <ul>
 *   <li>no ClusterRoleBinding;
 *   <li>every RoleBinding ends up in the project namespace (after kustomize's {@code namespace:});
 *   <li>every RoleBinding refers to a Role of the namespace or to one of {@link #ALLOWED_CLUSTER_ROLES}.
 * </ul>
 */
final class RoleBindingRule implements FolderRule {

  /** The aggregated user-facing ClusterRoles, which grant only inside the binding's namespace. */
  static final Set<String> ALLOWED_CLUSTER_ROLES = Set.of("admin", "edit", "view");

  @Override
  public void check(Folder folder, List<Finding> findings) {
    for (Placed placed : folder.resources()) {
      LintedDocument binding = placed.document();
      if (binding.kind().equals("ClusterRoleBinding")) {
        findings.add(
            binding.finding(
                SecurityRule.RBAC_SCOPE,
                "a ClusterRoleBinding in project folder " + folder.dir()
                    + "/ grants across every namespace; use a RoleBinding in the project namespace"));
      } else if (binding.kind().equals("RoleBinding")) {
        if (folder.namespace() != null && !folder.namespace().equals(placed.namespace())) {
          findings.add(
              binding.finding(
                  SecurityRule.RBAC_SCOPE,
                  (placed.namespace() == null ? "has no namespace" : "binds in namespace " + placed.namespace())
                      + ", outside the project namespace " + folder.namespace() + " of " + folder.dir() + "/"));
        }
        JsonNode roleRef = binding.root().path("roleRef");
        String kind = roleRef.path("kind").asText("");
        String name = roleRef.path("name").asText("");
        if (kind.equals("ClusterRole") && !ALLOWED_CLUSTER_ROLES.contains(name)) {
          findings.add(
              binding.finding(
                  SecurityRule.RBAC_SCOPE,
                  "/roleRef is ClusterRole " + name + "; a project may be granted only ClusterRole admin, edit or view"));
        } else if (!kind.equals("ClusterRole") && !kind.equals("Role")) {
          findings.add(
              binding.finding(SecurityRule.RBAC_SCOPE, "/roleRef has kind '" + kind + "'; use a Role or ClusterRole admin, edit or view"));
        }
      }
    }
  }
}
