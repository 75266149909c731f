package dev.maia.core.model;

import dev.maia.core.model.ToolDefinition.ToolSecret;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a platform with {@code secrets.provider: sealed-secrets} keeps its sealed secrets: {@code
 * sealed-secrets/<cluster>/<namespace>/<name>.yaml} in the platform repo, one SealedSecret per
 * file, copied into the generated tree next to what reads it.
 */
public final class SealedSecretFiles {

  public static final String FOLDER = "sealed-secrets";

  private SealedSecretFiles() {}

  /** One Secret the platform needs, and who needs it. */
  public record Needed(String cluster, String namespace, String name, String neededBy) {

    /** The file, relative to the platform repo, with {@code /} separators. */
    public String file() {
      return path(cluster, namespace, name);
    }
  }

  public static String path(String cluster, String namespace, String name) {
    return FOLDER + "/" + cluster + "/" + namespace + "/" + name + ".yaml";
  }

  /** The Secrets the tools of a project read on one cluster, in tool and secret order. */
  public static List<Needed> forPlacement(Project project, Cluster cluster, ToolCatalog catalog) {
    List<Needed> result = new ArrayList<>();
    for (ToolDefinition tool : catalog.enabled(project)) {
      for (ToolSecret secret : tool.secrets().values()) {
        result.add(new Needed(cluster.name(), project.namespace(), secret.name(), "tools." + tool.id()));
      }
    }
    return result;
  }

  /** The SSH key of an HPC system's shared account, in the namespace of a project that may use it. */
  public static Needed forHpc(HpcSystem system, Project project, Cluster cluster) {
    return new Needed(cluster.name(), project.namespace(), system.secretName(), "hpc." + system.name());
  }

  /** The SSH key of a member's own account on an HPC system, in the namespace of the member's project. */
  public static Needed forHpc(HpcSystem system, HpcSystem.Account account, Project project, Cluster cluster) {
    return new Needed(cluster.name(), project.namespace(), system.secretName(account), "hpc." + system.name());
  }

  /** Grafana's admin login on a cluster whose core layer has monitoring, in the monitoring namespace. */
  public static Needed forGrafana(Cluster cluster, String namespace, String name) {
    return new Needed(cluster.name(), namespace, name, "core.monitoring");
  }

  /** The key pair of a cluster's internal CA ({@code core.certManager.issuer.ca}), in cert-manager's namespace. */
  public static Needed forCa(Cluster cluster, String namespace, String name) {
    return new Needed(cluster.name(), namespace, name, "core.certManager.issuer.ca");
  }

  /** A Secret of the identity Job ({@code identity/}), in its namespace on the ArgoCD cluster. */
  public static Needed forIdentity(Platform platform, String namespace, String name) {
    return new Needed(platform.argocd().cluster(), namespace, name, "identity");
  }

  /** The ArgoCD cluster Secret that registers a remote cluster. */
  public static Needed forRegistration(Platform platform, Cluster cluster) {
    return new Needed(
        platform.argocd().cluster(), platform.argocd().namespace(), registrationName(cluster), "the registration of cluster '"
            + cluster.name() + "'");
  }

  /**
   * The client secret ArgoCD logs in to the OIDC provider with ({@link Platform.ArgoCd#OIDC_SECRET}),
   * in ArgoCD's namespace; ArgoCD reads it only with the label {@link #ARGOCD_PART_OF}.
   */
  public static Needed forArgoCdLogin(Platform platform) {
    return new Needed(platform.argocd().cluster(), platform.argocd().namespace(), Platform.ArgoCd.OIDC_SECRET, "ArgoCD's login");
  }

  /** The label without which ArgoCD does not read a Secret that its settings reference ({@code $secret:key}). */
  public static final java.util.Map.Entry<String, String> ARGOCD_PART_OF = java.util.Map.entry("app.kubernetes.io/part-of", "argocd");

  /** The name of the ArgoCD cluster Secret of a remote cluster. */
  public static String registrationName(Cluster cluster) {
    return "cluster-" + cluster.name();
  }
}
