package dev.maia.core.plan;

/**
 * Where everything goes in the GitOps tree. All paths are relative to the output folder and use
 * {@code /}; {@link #repoPath} turns one into the path ArgoCD reads in the GitOps repo.
 *
 * <pre>
 * bases/project/                      shared base of every project namespace
 * clusters/CLUSTER/                   Kustomize overlay synced to CLUSTER
 * clusters/CLUSTER/projects/PROJECT/  one project namespace on CLUSTER
 * argocd/                             applied on the ArgoCD cluster: AppProjects, roots, registrations
 * argocd/settings/NAME.yaml           ArgoCD's login and global RBAC (argocd-cm, argocd-rbac-cm keys) and its client secret
 * argocd/apps/CLUSTER/                Applications for CLUSTER (the root of CLUSTER syncs this)
 * argocd/appsets/PROJECT.yaml         applicationset mode: the ApplicationSet of PROJECT's tools
 * bootstrap/                          applied once by hand: the Application that syncs argocd/
 * topology.md                         a picture of the federation (Mermaid)
 * </pre>
 */
public final class Layout {

  public static final String PROJECT_BASE = "bases/project";
  public static final String ARGOCD = "argocd";
  public static final String KUSTOMIZATION = "kustomization.yaml";
  public static final String RESOURCES = "resources.yaml";
  public static final String BOOTSTRAP = "bootstrap";
  public static final String TOPOLOGY = "topology.md";
  /** The identity layer, synced to the ArgoCD cluster by the Application maia-identity. */
  public static final String IDENTITY = "identity";

  private final String gitopsPath;

  public Layout(String gitopsPath) {
    String trimmed = gitopsPath.replaceAll("^/+|/+$", "");
    this.gitopsPath = trimmed;
  }

  public static String clusterOverlay(String cluster) {
    return "clusters/" + cluster;
  }

  public static String projectNamespace(String cluster, String project) {
    return clusterOverlay(cluster) + "/projects/" + project;
  }

  public static String clusterApps(String cluster) {
    return ARGOCD + "/apps/" + cluster;
  }

  public static String appProject(String project) {
    return ARGOCD + "/appprojects/" + project + ".yaml";
  }

  /** Applicationset mode: the ApplicationSet of a project's tools on all its clusters. */
  public static String applicationSet(String project) {
    return ARGOCD + "/appsets/" + project + ".yaml";
  }

  public static String rootApp(String cluster) {
    return ARGOCD + "/roots/" + cluster + ".yaml";
  }

  public static String registration(String cluster) {
    return ARGOCD + "/clusters/" + cluster + ".yaml";
  }

  /** One object of ArgoCD's own settings the platform decides: its login and global RBAC, and the client secret. */
  public static String argocdSettings(String name) {
    return ARGOCD + "/settings/" + name + ".yaml";
  }

  /** The AppProject of the core layer. */
  public static String coreProject() {
    return ARGOCD + "/core-project.yaml";
  }

  public static String identityProject() {
    return ARGOCD + "/identity-project.yaml";
  }

  public static String identityApplication() {
    return ARGOCD + "/identity.yaml";
  }

  public static String platformProject() {
    return ARGOCD + "/platform-project.yaml";
  }

  public static String file(String dir, String name) {
    return dir + "/" + name;
  }

  /** The path of a tree folder inside the GitOps repo, as an ArgoCD source path. */
  public String repoPath(String treePath) {
    return gitopsPath.isEmpty() ? treePath : gitopsPath + "/" + treePath;
  }

  /** {@code ../} repeated once per segment of {@code fromDir}, to reach the tree root. */
  public static String up(String fromDir) {
    return "../".repeat((int) fromDir.chars().filter(c -> c == '/').count() + 1);
  }
}
