package dev.maia.core.output;

/**
 * The rules of {@link SecurityLint}, each named by a short id that appears in every finding and in
 * the section "Output lint" of {@code docs/security.md}.
 */
public enum SecurityRule {
  /** No plaintext Secret, no literal under a credential-like key, no value shaped like a credential. */
  NO_CREDENTIALS("no-credentials"),
  /** AppProjects stay inside their repos, clusters, namespaces and (for projects) namespaced kinds. */
  APPPROJECT_SCOPE("appproject-scope"),
  /** Every project namespace folder has default-deny, PodSecurity labels, a quota and limits. */
  NAMESPACE_GUARDS("namespace-guards"),
  /** Helm charts at an exact version, container images at an exact tag or a digest. */
  PINNED_VERSIONS("pinned-versions"),
  /** ArgoCD cluster and repository credentials never turn TLS verification off. */
  TLS_VERIFICATION("tls-verification"),
  /** RBAC in a project folder stays in the project namespace and uses only the allowed ClusterRoles. */
  RBAC_SCOPE("rbac-scope"),
  /** An ApplicationSet keeps its Applications in one AppProject, keeps their data, and rolls out all of them. */
  APPLICATIONSET_SCOPE("applicationset-scope");

  private final String id;

  SecurityRule(String id) {
    this.id = id;
  }

  /** The id used in findings, for example {@code no-credentials}. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
